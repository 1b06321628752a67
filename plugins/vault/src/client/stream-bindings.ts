import type * as Util from 'node:util';
import { requireBuiltin } from '../builtin.js';

/**
 * Node's tcp_wrap, pipe_wrap and stream_wrap bindings, as `direct-socket.ts`
 * uses them, checked for shape once; and the errors lib/net.js builds from
 * their status codes.
 */

/** The shapes of the bindings relied on (Node 20–24, as lib/net.js drives them). */
export interface ConnectRequest {
  oncomplete: (status: number) => void;
}
export interface WriteRequest {
  handle: StreamHandle;
  oncomplete: (status: number) => void;
  async: boolean;
  bytes: number;
  buffer: Buffer | null;
}
export interface StreamHandle {
  /** Called with the read's ArrayBuffer; the byte count (or a negative errno, UV_EOF) and the offset are in streamBaseState. */
  onread: (arrayBuffer: ArrayBuffer) => void;
  readStart(): number;
  writeBuffer(request: WriteRequest, data: Buffer): number;
  /** TCP handles only. */
  setNoDelay?: (enable: boolean) => number;
  close(callback: () => void): void;
  ref(): void;
  unref(): void;
}
export interface TcpHandle extends StreamHandle {
  connect(request: ConnectRequest, address: string, port: number): number;
  connect6(request: ConnectRequest, address: string, port: number): number;
}
export interface PipeHandle extends StreamHandle {
  connect(request: ConnectRequest, path: string): number;
}
export interface Bindings {
  TCP: new (type: number) => TcpHandle;
  TCPConnectWrap: new () => ConnectRequest;
  tcpSocket: number;
  Pipe: new (type: number) => PipeHandle;
  PipeConnectWrap: new () => ConnectRequest;
  pipeSocket: number;
  WriteWrap: new () => WriteRequest;
  /** [kReadBytesOrError], [kArrayBufferOffset], [kLastWriteWasAsync] are read after each call. */
  state: Int32Array;
  readBytesOrError: number;
  arrayBufferOffset: number;
  lastWriteWasAsync: number;
}

type Binding = (name: string) => Record<string, unknown>;

/**
 * Whether Node was asked to warn about pending deprecations: process.binding
 * then prints DEP0111 (the launcher hides warnings, but other hosts may not).
 */
function warnsOnBinding(): boolean {
  return process.execArgv.includes('--pending-deprecation') || /--pending-deprecation\b/u.test(process.env.NODE_OPTIONS ?? '') || process.env.NODE_PENDING_DEPRECATION === '1';
}

let cached: Bindings | null | undefined;

function hasMethods(constructor: unknown, methods: readonly string[]): boolean {
  if (typeof constructor !== 'function') return false;
  const prototype = constructor.prototype as Record<string, unknown>;
  return methods.every((method) => typeof prototype[method] === 'function');
}

const STREAM_METHODS = ['connect', 'readStart', 'writeBuffer', 'close', 'ref', 'unref'];

/** The bindings, or null when this Node does not offer them in the expected shape (process.binding may refuse a name). */
export function bindings(): Bindings | null {
  if (cached !== undefined) return cached;
  cached = null;
  const binding = (process as unknown as { binding?: Binding }).binding;
  if (typeof binding !== 'function' || warnsOnBinding()) return cached;
  try {
    const tcp = binding('tcp_wrap') as { TCP?: unknown; TCPConnectWrap?: unknown; constants?: { SOCKET?: unknown } };
    const pipe = binding('pipe_wrap') as { Pipe?: unknown; PipeConnectWrap?: unknown; constants?: { SOCKET?: unknown } };
    const stream = binding('stream_wrap') as {
      WriteWrap?: unknown;
      streamBaseState?: unknown;
      kReadBytesOrError?: unknown;
      kArrayBufferOffset?: unknown;
      kLastWriteWasAsync?: unknown;
    };
    const { WriteWrap, streamBaseState, kReadBytesOrError, kArrayBufferOffset, kLastWriteWasAsync } = stream;
    if (!hasMethods(tcp.TCP, [...STREAM_METHODS, 'connect6', 'setNoDelay']) || !hasMethods(pipe.Pipe, STREAM_METHODS)) return cached;
    if (typeof tcp.TCPConnectWrap !== 'function' || typeof pipe.PipeConnectWrap !== 'function' || typeof WriteWrap !== 'function') return cached;
    if (typeof tcp.constants?.SOCKET !== 'number' || typeof pipe.constants?.SOCKET !== 'number' || !(streamBaseState instanceof Int32Array)) return cached;
    if (typeof kReadBytesOrError !== 'number' || typeof kArrayBufferOffset !== 'number' || typeof kLastWriteWasAsync !== 'number') return cached;
    cached = {
      TCP: tcp.TCP as Bindings['TCP'],
      TCPConnectWrap: tcp.TCPConnectWrap as Bindings['TCPConnectWrap'],
      tcpSocket: tcp.constants.SOCKET,
      Pipe: pipe.Pipe as Bindings['Pipe'],
      PipeConnectWrap: pipe.PipeConnectWrap as Bindings['PipeConnectWrap'],
      pipeSocket: pipe.constants.SOCKET,
      WriteWrap: WriteWrap as Bindings['WriteWrap'],
      state: streamBaseState,
      readBytesOrError: kReadBytesOrError,
      arrayBufferOffset: kArrayBufferOffset,
      lastWriteWasAsync: kLastWriteWasAsync,
    };
  } catch {
    cached = null;
  }
  return cached;
}

const { getSystemErrorName } = requireBuiltin('node:util') as typeof Util;

/** libuv's end of stream (UV_EOF), as Node reports it. */
export const UV_EOF: number = -4095;

/** Node's errnoException: `read ECONNRESET`, with errno, code and syscall. */
export function systemError(status: number, syscall: string, address?: string, port?: number): NodeJS.ErrnoException {
  let code: string;
  try {
    code = getSystemErrorName(status);
  } catch {
    code = `Unknown system error ${status}`;
  }
  const where = address === undefined ? '' : port !== undefined && port > 0 ? ` ${address}:${port}` : ` ${address}`;
  const error: NodeJS.ErrnoException & { address?: string; port?: number } = new Error(`${syscall} ${code}${where}`);
  error.errno = status;
  error.code = code;
  error.syscall = syscall;
  if (address !== undefined) error.address = address;
  if (port !== undefined && port > 0) error.port = port;
  return error;
}

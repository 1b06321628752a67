import type * as Events from 'node:events';
import type * as Util from 'node:util';
import { requireBuiltin } from '../builtin.js';
import type { Connection } from './http1.js';

/** The shapes of Node's tcp_wrap and stream_wrap bindings this file relies on (Node 20–24, as lib/net.js drives them). */
interface ConnectRequest {
  oncomplete: (status: number) => void;
}
interface WriteRequest {
  handle: TcpHandle;
  oncomplete: (status: number) => void;
  async: boolean;
  bytes: number;
  buffer: Buffer | null;
}
interface TcpHandle {
  /** Called with the read's ArrayBuffer; the byte count (or a negative errno, UV_EOF) and the offset are in streamBaseState. */
  onread: (arrayBuffer: ArrayBuffer) => void;
  connect(request: ConnectRequest, address: string, port: number): number;
  connect6(request: ConnectRequest, address: string, port: number): number;
  readStart(): number;
  writeBuffer(request: WriteRequest, data: Buffer): number;
  setNoDelay(enable: boolean): number;
  close(callback: () => void): void;
  ref(): void;
  unref(): void;
}
interface Bindings {
  TCP: new (type: number) => TcpHandle;
  TCPConnectWrap: new () => ConnectRequest;
  WriteWrap: new () => WriteRequest;
  socketType: number;
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

/** The two bindings, or null when this Node does not offer them in the expected shape (process.binding may refuse a name). */
function bindings(): Bindings | null {
  if (cached !== undefined) return cached;
  cached = null;
  const binding = (process as unknown as { binding?: Binding }).binding;
  if (typeof binding !== 'function' || warnsOnBinding()) return cached;
  try {
    const tcp = binding('tcp_wrap') as { TCP?: unknown; TCPConnectWrap?: unknown; constants?: { SOCKET?: unknown } };
    const stream = binding('stream_wrap') as {
      WriteWrap?: unknown;
      streamBaseState?: unknown;
      kReadBytesOrError?: unknown;
      kArrayBufferOffset?: unknown;
      kLastWriteWasAsync?: unknown;
    };
    const { TCP, TCPConnectWrap, constants } = tcp;
    const { WriteWrap, streamBaseState, kReadBytesOrError, kArrayBufferOffset, kLastWriteWasAsync } = stream;
    if (typeof TCP !== 'function' || typeof TCPConnectWrap !== 'function' || typeof WriteWrap !== 'function') return cached;
    if (!(streamBaseState instanceof Int32Array) || typeof constants?.SOCKET !== 'number') return cached;
    if (typeof kReadBytesOrError !== 'number' || typeof kArrayBufferOffset !== 'number' || typeof kLastWriteWasAsync !== 'number') return cached;
    const prototype = TCP.prototype as Record<string, unknown>;
    for (const method of ['connect', 'connect6', 'readStart', 'writeBuffer', 'setNoDelay', 'close', 'ref', 'unref']) {
      if (typeof prototype[method] !== 'function') return cached;
    }
    cached = {
      TCP: TCP as Bindings['TCP'],
      TCPConnectWrap: TCPConnectWrap as Bindings['TCPConnectWrap'],
      WriteWrap: WriteWrap as Bindings['WriteWrap'],
      socketType: constants.SOCKET,
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

const { EventEmitter } = requireBuiltin('node:events') as typeof Events;
const { getSystemErrorName } = requireBuiltin('node:util') as typeof Util;

/** libuv's end of stream (UV_EOF), as Node reports it. */
const UV_EOF = -4095;

/** Node's errnoException: `read ECONNRESET`, with errno, code and syscall. */
function systemError(status: number, syscall: string, address?: string, port?: number): NodeJS.ErrnoException {
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

/** An IPv4 address in the dotted form the URL parser leaves (it canonicalises every IPv4 host). */
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/u;

/**
 * A TCP connection driven through Node's tcp_wrap binding, as lib/net.js
 * drives it, with just what `http1.ts` and the transport use: `data`, `end`,
 * `error` and `close` events in net's order (an error before the close),
 * buffered writes until connected, destroy, ref/unref and no-delay. Errors
 * are built as net builds them (`connect ECONNREFUSED 127.0.0.1:8200`,
 * `read ECONNRESET`, same code, errno and syscall).
 */
class DirectTcpSocket extends EventEmitter implements Connection {
  destroyed = false;
  readonly #wrap: Bindings;
  readonly #handle: TcpHandle;
  #connected = false;
  #corked = 0;
  #pending: Buffer[] = [];

  constructor(wrap: Bindings, address: string, port: number, family: 4 | 6) {
    super();
    this.#wrap = wrap;
    const handle = new wrap.TCP(wrap.socketType);
    this.#handle = handle;
    handle.onread = (arrayBuffer) => this.#onRead(arrayBuffer);
    const request = new wrap.TCPConnectWrap();
    request.oncomplete = (status) => this.#afterConnect(status, address, port);
    const status = family === 6 ? handle.connect6(request, address, port) : handle.connect(request, address, port);
    if (status !== 0) this.destroy(systemError(status, 'connect', address, port));
  }

  cork(): void {
    this.#corked += 1;
  }

  uncork(): void {
    if (this.#corked > 0) this.#corked -= 1;
    this.#flush();
  }

  write(chunk: string, encoding: BufferEncoding): boolean {
    if (this.destroyed) return false;
    this.#pending.push(Buffer.from(chunk, encoding));
    this.#flush();
    return true;
  }

  setNoDelay(enable: boolean): this {
    if (!this.destroyed) this.#handle.setNoDelay(enable);
    return this;
  }

  ref(): this {
    if (!this.destroyed) this.#handle.ref();
    return this;
  }

  unref(): this {
    if (!this.destroyed) this.#handle.unref();
    return this;
  }

  /**
   * Closes the handle, then emits `error` (if given) and `close`, in net's
   * order. Both wait for the handle's close callback, a later turn of the
   * event loop: a failure found while connecting reaches the listeners the
   * caller attaches after an `await`.
   */
  destroy(error?: Error): this {
    if (this.destroyed) return this;
    this.destroyed = true;
    this.#pending = [];
    this.#handle.onread = () => undefined;
    this.#handle.close(() => {
      if (error !== undefined) this.emit('error', error);
      this.emit('close', error !== undefined);
    });
    return this;
  }

  #afterConnect(status: number, address: string, port: number): void {
    // A destroyed socket's pending connect completes with ECANCELED: nothing to report.
    if (this.destroyed) return;
    if (status !== 0) {
      this.destroy(systemError(status, 'connect', address, port));
      return;
    }
    this.#connected = true;
    const error = this.#handle.readStart();
    if (error !== 0) {
      this.destroy(systemError(error, 'read'));
      return;
    }
    this.#flush();
  }

  #flush(): void {
    if (!this.#connected || this.#corked > 0 || this.#pending.length === 0 || this.destroyed) return;
    const data = this.#pending.length === 1 ? (this.#pending[0] as Buffer) : Buffer.concat(this.#pending);
    this.#pending = [];
    const request = new this.#wrap.WriteWrap();
    request.handle = this.#handle;
    request.async = false;
    request.bytes = 0;
    request.buffer = null;
    request.oncomplete = (status) => {
      if (status < 0) this.destroy(systemError(status, 'write'));
    };
    const status = this.#handle.writeBuffer(request, data);
    if (status !== 0) {
      this.destroy(systemError(status, 'write'));
      return;
    }
    // As net: an asynchronous write must keep its data alive until oncomplete.
    if (this.#wrap.state[this.#wrap.lastWriteWasAsync] !== 0) request.buffer = data;
  }

  #onRead(arrayBuffer: ArrayBuffer): void {
    if (this.destroyed) return;
    const { state } = this.#wrap;
    const read = state[this.#wrap.readBytesOrError] as number;
    if (read > 0) {
      this.emit('data', Buffer.from(arrayBuffer, state[this.#wrap.arrayBufferOffset], read));
      return;
    }
    if (read === 0) return;
    if (read !== UV_EOF) {
      this.destroy(systemError(read, 'read'));
      return;
    }
    // The server ended its side: as net without allowHalfOpen, `end`, then the socket closes.
    this.emit('end');
    this.destroy();
  }
}

/**
 * Opens a TCP connection to a literal IPv4 or IPv6 address through the
 * tcp_wrap binding. Why not node:net: loading it (with node:stream, the
 * stream_base glue, diagnostics_channel and perf hooks it requires) costs
 * ≈9 M instructions on every cold call before any socket exists
 * (plugins/vault/README.md, "Start-up cost"). Returns undefined for a host
 * name (it needs a DNS lookup: node:net does that) or when this Node does not
 * offer the bindings in the shape above: the caller then uses node:net.
 * Connection and protocol behaviour is tested over real HTTP on both paths
 * (test/http1.test.ts and the whole-process tests).
 */
export function connectDirect(hostname: string, port: number): Connection | undefined {
  const family = hostname.startsWith('[') && hostname.endsWith(']') ? 6 : IPV4.test(hostname) ? 4 : undefined;
  if (family === undefined) return undefined;
  const wrap = bindings();
  if (wrap === null) return undefined;
  return new DirectTcpSocket(wrap, family === 6 ? hostname.slice(1, -1) : hostname, port, family);
}

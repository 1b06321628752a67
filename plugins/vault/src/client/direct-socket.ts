import type * as Events from 'node:events';
import { requireBuiltin } from '../builtin.js';
import type { Connection } from './http1.js';
import { bindings, systemError, UV_EOF, type Bindings, type StreamHandle } from './stream-bindings.js';

const { EventEmitter } = requireBuiltin('node:events') as typeof Events;

/** An IPv4 address in the dotted form the URL parser leaves (it canonicalises every IPv4 host). */
const IPV4 = /^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/u;

/** Where to connect: a TCP address and port, or a unix socket's path. */
type Destination = { family: 4 | 6; address: string; port: number } | { path: string };

/**
 * A TCP or unix-socket connection driven through Node's tcp_wrap/pipe_wrap
 * binding, as lib/net.js drives it, with just what `http1.ts` and the
 * transport use: `data`, `end`, `error` and `close` events in net's order (an
 * error before the close), buffered writes until connected, destroy,
 * ref/unref and no-delay. Errors are built as net builds them (`connect
 * ECONNREFUSED 127.0.0.1:8200`, `connect ENOENT /run/agent.sock`, `read
 * ECONNRESET`: same message, code, errno, syscall, address and port).
 */
class DirectSocket extends EventEmitter implements Connection {
  destroyed = false;
  readonly #wrap: Bindings;
  readonly #handle: StreamHandle;
  #connected = false;
  #corked = 0;
  #pending: Buffer[] = [];

  constructor(wrap: Bindings, destination: Destination) {
    super();
    this.#wrap = wrap;
    if ('path' in destination) {
      const { path } = destination;
      const handle = new wrap.Pipe(wrap.pipeSocket);
      this.#handle = handle;
      handle.onread = (arrayBuffer) => this.#onRead(arrayBuffer);
      const request = new wrap.PipeConnectWrap();
      request.oncomplete = (status) => this.#afterConnect(status, path);
      const status = handle.connect(request, path);
      if (status !== 0) this.destroy(systemError(status, 'connect', path));
    } else {
      const { family, address, port } = destination;
      const handle = new wrap.TCP(wrap.tcpSocket);
      this.#handle = handle;
      handle.onread = (arrayBuffer) => this.#onRead(arrayBuffer);
      const request = new wrap.TCPConnectWrap();
      request.oncomplete = (status) => this.#afterConnect(status, address, port);
      const status = family === 6 ? handle.connect6(request, address, port) : handle.connect(request, address, port);
      if (status !== 0) this.destroy(systemError(status, 'connect', address, port));
    }
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

  /** As net: only a TCP connection has the option. */
  setNoDelay(enable: boolean): this {
    if (!this.destroyed) this.#handle.setNoDelay?.(enable);
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

  #afterConnect(status: number, address: string, port?: number): void {
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
 * stream_base glue, diagnostics_channel and perf hooks it requires) and
 * running its socket code cost ≈21 M instructions on a cold call
 * (plugins/vault/README.md, "Start-up cost"). Returns undefined for a host
 * name (it needs a DNS lookup: `direct-lookup.ts`) or when this Node does not
 * offer the bindings in the shape above: the caller then uses node:net.
 * The HTTP client is tested over real sockets on both paths
 * (test/http1.test.ts, test/direct-socket.test.ts) and as a whole process
 * (test/e2e-direct-socket.test.ts).
 */
export function connectDirectTcp(hostname: string, port: number): Connection | undefined {
  const family = hostname.startsWith('[') && hostname.endsWith(']') ? 6 : IPV4.test(hostname) ? 4 : undefined;
  if (family === undefined) return undefined;
  const wrap = bindings();
  if (wrap === null) return undefined;
  return new DirectSocket(wrap, { family, address: family === 6 ? hostname.slice(1, -1) : hostname, port });
}

/** Whether this Node offers the bindings (checked before a DNS lookup made only for them). */
export function canConnectDirectly(): boolean {
  return bindings() !== null;
}

/** Opens a TCP connection to an address a DNS lookup returned (`direct-lookup.ts`); undefined as {@link connectDirectTcp}. */
export function connectDirectAddress(address: string, family: 4 | 6, port: number): Connection | undefined {
  const wrap = bindings();
  if (wrap === null) return undefined;
  return new DirectSocket(wrap, { family, address, port });
}

/** Opens a unix-socket connection (a `unix://` Vault Agent address) through the pipe_wrap binding; undefined as {@link connectDirectTcp}. */
export function connectDirectUnix(path: string): Connection | undefined {
  const wrap = bindings();
  if (wrap === null) return undefined;
  return new DirectSocket(wrap, { path });
}

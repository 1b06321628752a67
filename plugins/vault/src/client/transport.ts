import type * as Net from 'node:net';
import { requireBuiltin } from '../builtin.js';
import type { ProxySettings } from '../options.js';
import { connectDirectByName } from './direct-lookup.js';
import { connectDirectTcp, connectDirectUnix } from './direct-socket.js';
import { AbortedError, exchange, type Connection, type HttpResult } from './http1.js';
import type { TlsMaterial } from './tls.js';

/** Where and how to connect, besides TLS. */
export interface TransportOptions {
  /** A `unix://` address's socket: requests to `http://localhost` dial it (as api/client.go `ParseAddress`). */
  socketPath?: string;
  /** Proxy variables; proxy code is imported only when this is set. */
  proxy?: ProxySettings;
  /**
   * Dial a literal IP address or a unix socket through Node's tcp_wrap and
   * pipe_wrap bindings (`direct-socket.ts`) where this Node offers them;
   * false: always node:net (the tests run both).
   * @default true
   */
  directSockets?: boolean;
}

/** node:net, loaded only for what the direct sockets do not take (a name with several addresses or none, a Node without the bindings). */
function netConnect(options: Net.NetConnectOpts): Connection {
  return (requireBuiltin('node:net') as typeof Net).connect(options);
}

/** The synthetic origin of a unix-socket address. */
const SOCKET_ORIGIN = 'http://localhost';

/** A kept-alive connection between two requests, and how to take it back. */
interface IdleConnection {
  socket: Connection;
  /** Removes the listeners that watch it while idle. */
  take: () => void;
}

/**
 * Sends requests with the small HTTP/1.1 client of `http1.ts` — over a
 * direct tcp_wrap/pipe_wrap connection for an `http://` address that is a
 * literal IP, a unix socket (`direct-socket.ts`) or a host name that resolves
 * to one address (`direct-lookup.ts`), so node:net is never loaded; over
 * node:net for a name with several addresses; over node:tls, imported only
 * for an `https://` address — keeping one connection per
 * origin alive between the requests of a run (a run makes two or three to
 * the same host), and closing everything when the run ends so no socket
 * outlives it. node:http is not used on this path: loading it
 * and its first two requests cost ≈23 M instructions more than this client
 * (plugins/vault/README.md, "Start-up cost"). A unix socket is dialled here;
 * requests through a proxy go to `proxied.ts`, imported only then, on
 * node:http as before.
 */
export class Transport {
  readonly #tls: TlsMaterial;
  readonly #options: TransportOptions;
  readonly #idle = new Map<string, IdleConnection>();
  readonly #sockets = new Set<Connection>();

  constructor(tls: TlsMaterial, options: TransportOptions = {}) {
    this.#tls = tls;
    this.#options = options;
  }

  /** Sends one request; rejects with the socket/TLS error, or {@link AbortedError} when `signal` fires. */
  async send(url: URL, method: string, headers: Readonly<Record<string, string>>, body: string | undefined, signal: AbortSignal): Promise<HttpResult> {
    if (signal.aborted) throw new AbortedError();
    const socketPath = this.#options.socketPath !== undefined && url.origin === SOCKET_ORIGIN ? this.#options.socketPath : undefined;
    if (socketPath === undefined && this.#options.proxy !== undefined) {
      const { sendThroughProxy } = await import('./proxied.js');
      const proxied = await sendThroughProxy(this.#options.proxy, this.#tls, { url, method, headers, body, signal });
      if (proxied !== undefined) return proxied;
    }
    const key = socketPath ?? url.origin;
    const socket = await this.#connection(key, url, socketPath, signal);
    const { result, reusable } = await exchange(socket, { method, target: `${url.pathname}${url.search}`, host: url.host, headers, body }, signal);
    if (reusable) this.#keep(key, socket);
    else socket.destroy();
    return result;
  }

  /** Closes every connection. */
  close(): void {
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    this.#idle.clear();
  }

  /** The origin's idle connection, else a new one (writes wait for the connection, as with node:http). */
  async #connection(key: string, url: URL, socketPath: string | undefined, signal: AbortSignal): Promise<Connection> {
    const idle = this.#idle.get(key);
    if (idle !== undefined) {
      this.#idle.delete(key);
      idle.take();
      if (!idle.socket.destroyed) {
        idle.socket.ref();
        return idle.socket;
      }
    }
    const direct = this.#options.directSockets !== false;
    let socket: Connection;
    if (url.protocol === 'https:') {
      const { connectTls } = await import('./tls-connect.js');
      socket = connectTls(url, this.#tls);
    } else if (socketPath !== undefined) {
      socket = (direct ? connectDirectUnix(socketPath) : undefined) ?? netConnect({ path: socketPath });
    } else {
      const port = Number(url.port || 80);
      // URL keeps an IPv6 host in brackets; net.connect wants it bare (as node:http strips them).
      const directSocket = direct ? (connectDirectTcp(url.hostname, port) ?? (await connectDirectByName(url.hostname, port, signal))) : undefined;
      // The lookup may have outlived the time limit: stop here as the exchange would have.
      if (signal.aborted) {
        directSocket?.destroy();
        throw new AbortedError();
      }
      socket = directSocket ?? netConnect({ host: url.hostname.replace(/^\[|\]$/gu, ''), port });
    }
    socket.setNoDelay(true);
    this.#sockets.add(socket);
    socket.once('close', () => this.#sockets.delete(socket));
    return socket;
  }

  /**
   * Keeps a connection for the origin's next request. While idle it does not
   * hold the process open, and a close, an error or unexpected bytes from the
   * server just drop it (node:http's keep-alive agent does the same).
   */
  #keep(key: string, socket: Connection): void {
    const drop = (): void => {
      if (this.#idle.get(key)?.socket === socket) this.#idle.delete(key);
      socket.destroy();
    };
    socket.on('close', drop);
    socket.on('error', drop);
    socket.on('data', drop);
    socket.unref();
    this.#idle.get(key)?.socket.destroy();
    this.#idle.set(key, {
      socket,
      take: () => {
        socket.off('close', drop);
        socket.off('error', drop);
        socket.off('data', drop);
      },
    });
  }
}

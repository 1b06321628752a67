import { createServer, request as httpRequest } from 'node:http';
import { connect, type AddressInfo, type Socket } from 'node:net';

/** Options for {@link startConnectTestProxy}. */
export interface ConnectTestProxyOptions {
  /**
   * Host names the proxy resolves itself (e.g. `{ 'vault.test': '127.0.0.1' }`), so a
   * test can prove a request went through the proxy: the client alone cannot resolve them.
   */
  hosts?: Record<string, string>;
  /** Demand `Proxy-Authorization: Basic base64(user:password)`; 407 otherwise. */
  credentials?: { user: string; password: string };
}

/** What the proxy saw of one request. */
export interface ProxyRecordedRequest {
  /** `CONNECT` for a tunnel, else the forwarded method. */
  method: string;
  /** `host:port` for CONNECT, the absolute URL otherwise. */
  target: string;
  /** Proxy-Authorization as sent. */
  authorization: string | undefined;
  /** X-Vault-Token of a forwarded plain-http request (a tunnel hides it, as it should). */
  vaultToken: string | undefined;
}

/** A running proxy. */
export interface ConnectTestProxy {
  /** `http://127.0.0.1:<port>`: what HTTPS_PROXY / VAULT_PROXY_ADDR would be. */
  readonly url: string;
  readonly requests: ProxyRecordedRequest[];
  close(): Promise<void>;
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * A small real HTTP proxy on 127.0.0.1, for tests: `CONNECT host:port`
 * tunnels (what clients use for https) and absolute-form forwarding of plain
 * http requests, with optional Basic proxy authentication. Squid, not Vault.
 */
export async function startConnectTestProxy(options: ConnectTestProxyOptions = {}): Promise<ConnectTestProxy> {
  const requests: ProxyRecordedRequest[] = [];
  const resolveHost = (host: string): string => options.hosts?.[host] ?? host;
  const expected = options.credentials ? `Basic ${Buffer.from(`${options.credentials.user}:${options.credentials.password}`).toString('base64')}` : undefined;
  const sockets = new Set<Socket>();
  const server = createServer((request, response) => {
    const authorization = header(request.headers['proxy-authorization']);
    requests.push({ method: request.method ?? 'GET', target: request.url ?? '', authorization, vaultToken: header(request.headers['x-vault-token']) });
    if (expected !== undefined && authorization !== expected) {
      response.writeHead(407, { 'proxy-authenticate': 'Basic realm="test"' }).end();
      return;
    }
    let target: URL;
    try {
      target = new URL(request.url ?? '');
    } catch {
      response.writeHead(400).end();
      return;
    }
    const headers = { ...request.headers };
    delete headers['proxy-authorization'];
    delete headers['proxy-connection'];
    const upstream = httpRequest(
      { host: resolveHost(target.hostname), port: target.port || 80, path: `${target.pathname}${target.search}`, method: request.method, headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.writeHead(502).end());
    request.pipe(upstream);
  });
  server.on('connect', (request, client: Socket, head: Buffer) => {
    const authorization = header(request.headers['proxy-authorization']);
    requests.push({ method: 'CONNECT', target: request.url ?? '', authorization, vaultToken: undefined });
    if (expected !== undefined && authorization !== expected) {
      client.end('HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="test"\r\n\r\n');
      return;
    }
    const [host = '', port = '443'] = (request.url ?? '').split(':');
    const upstream = connect(Number(port), resolveHost(host), () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.end('HTTP/1.1 502 Bad Gateway\r\n\r\n'));
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

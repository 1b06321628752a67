import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createTestPki, type TestPki } from './pki.js';
import { route } from './router.js';
import { namespaceName, VaultTestState } from './state.js';

const MAX_BODY = 1024 * 1024;

/** TLS settings of the test server. */
export interface VaultTestTlsOptions {
  /** Certificates to serve. @default a fresh {@link createTestPki} */
  pki?: TestPki;
  /** Demand a client certificate signed by the PKI's CA (to test VAULT_CLIENT_CERT/KEY). @default false */
  requireClientCert?: boolean;
}

/** Options for {@link startVaultTestServer}. */
export interface VaultTestServerOptions {
  /** Serve HTTPS instead of HTTP. `true` uses a fresh PKI. @default false */
  tls?: boolean | VaultTestTlsOptions;
  /** A token accepted everywhere (policy "root"); `false` for none. @default 'root' */
  rootToken?: string | false;
  /** Mount `secret/` as KV v2, as `vault server -dev` does. @default true */
  devMounts?: boolean;
  /** Loopback address to listen on (127.0.0.2 gives a second "host" for redirect tests). @default '127.0.0.1' */
  host?: string;
}

/** A running test server. */
export interface VaultTestServer {
  /** Base address, e.g. `http://127.0.0.1:41234` (what VAULT_ADDR would be). */
  readonly url: string;
  readonly port: number;
  /** The data and switches (sealed, standby, hang, injected failures) tests change directly. */
  readonly state: VaultTestState;
  /** The certificates, when serving HTTPS. */
  readonly pki: TestPki | undefined;
  /** Stops listening and drops every connection, hanging ones included. */
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        request.destroy();
        return;
      }
      chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  response.writeHead(status, { 'cache-control': 'no-store', ...(text ? { 'content-type': 'application/json' } : {}), ...headers });
  response.end(text);
}

async function handle(state: VaultTestState, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://vault-test-server');
  let raw: string;
  try {
    raw = await readBody(request);
  } catch {
    return;
  }
  if (!url.pathname.startsWith('/v1/')) {
    send(response, 404, { errors: [] });
    return;
  }
  const query = Object.fromEntries(url.searchParams);
  let body: Record<string, unknown> | undefined;
  if (raw.trim() !== '') {
    try {
      const parsed: unknown = JSON.parse(raw);
      body = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
    } catch (error) {
      send(response, 400, { errors: [`failed to parse JSON input: ${(error as Error).message}`] });
      return;
    }
  }
  let method = (request.method ?? 'GET').toUpperCase();
  if (method === 'GET' && query.list === 'true') method = 'LIST';
  const path = url.pathname.slice('/v1/'.length).replace(/^\/+/u, '');
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const socket = request.socket as Partial<TLSSocket>;
  const peer = typeof socket.getPeerCertificate === 'function' ? socket.getPeerCertificate() : undefined;
  const namespace = namespaceName(header('x-vault-namespace'));
  state.requests.push({
    method,
    path,
    query,
    namespace,
    token: header('x-vault-token'),
    vaultRequestHeader: header('x-vault-request'),
    body,
    clientCertificate: peer && typeof peer.subject?.CN === 'string' ? peer.subject.CN : undefined,
  });
  const result = route(state, {
    method,
    path,
    rawQuery: url.search,
    namespace,
    token: header('x-vault-token'),
    params: { ...query, ...body },
    now: new Date(),
  });
  if ('hang' in result) return;
  if ('reset' in result) {
    request.socket.destroy();
    return;
  }
  send(response, result.status, result.body, result.headers);
}

/**
 * Starts a local server on 127.0.0.1 (a free port) that speaks the parts of
 * HashiCorp Vault's documented HTTP API cred-launch uses. It is not Vault.
 */
export async function startVaultTestServer(options: VaultTestServerOptions = {}): Promise<VaultTestServer> {
  const state = new VaultTestState();
  const rootToken = options.rootToken ?? 'root';
  if (rootToken !== false) state.addToken(rootToken, { policies: ['root'], displayName: 'root' });
  if (options.devMounts ?? true) state.enableSecrets('secret', { type: 'kv', version: 2 }, { description: 'key/value secret storage' });

  const tls = options.tls === true ? {} : options.tls || undefined;
  const pki = tls ? (tls.pki ?? (await createTestPki())) : undefined;
  const listener = (request: IncomingMessage, response: ServerResponse): void => {
    handle(state, request, response).catch(() => {
      if (!response.headersSent) send(response, 500, { errors: ['internal error'] });
    });
  };
  const server: Server =
    tls && pki
      ? createHttpsServer(
          {
            key: pki.serverKey,
            cert: pki.serverCert,
            // The CA is only needed to check client certificates (Node then also sends it in the chain).
            ...(tls.requireClientCert ? { ca: pki.caCert, requestCert: true, rejectUnauthorized: true } : {}),
          },
          listener,
        )
      : createHttpServer(listener);
  const sockets = new Set<Socket>();
  server.on(tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A failed TLS handshake (no client certificate) must not crash the test run.
  server.on('tlsClientError', () => undefined);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `${tls ? 'https' : 'http'}://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    state,
    pki,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

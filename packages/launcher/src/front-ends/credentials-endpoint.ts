import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AwsCredentials } from '@cred-launch/core';
import { toContainerDocument } from './container-document.js';
import { checkRequest } from './request-checks.js';

/** Fresh credentials for one path; the engine (cache, lock, STS) decides when to fetch. */
export type CredentialSupplier = () => Promise<AwsCredentials>;

/** Where the endpoint listens. */
export type EndpointListen = { port?: number } | { socketPath: string };

/** Options for {@link startCredentialsEndpoint}. */
export interface CredentialsEndpointOptions {
  /** Path (starting with `/`) → its credentials. */
  routes: ReadonlyMap<string, CredentialSupplier>;
  /** What clients must send as `Authorization` (the SDKs send AWS_CONTAINER_AUTHORIZATION_TOKEN as it is). */
  token: string;
  /** A loopback TCP port (0: a random free one) or a unix socket path. @default { port: 0 } */
  listen?: EndpointListen;
  /** One line per request, served or refused. Never given a credential. @default nothing */
  log?: (message: string) => void;
  /** The status and one-line message a failed fetch answers with. Must not contain secrets. */
  describeError: (error: unknown) => { status: number; message: string };
  /** @default () => new Date() */
  now?: () => Date;
}

/** A running endpoint. */
export interface CredentialsEndpoint {
  /** `http://127.0.0.1:<port>` on TCP; undefined on a unix socket. */
  readonly baseUrl: string | undefined;
  readonly port: number | undefined;
  readonly socketPath: string | undefined;
  /** Stops listening and ends open connections. */
  close(): Promise<void>;
}

function tcpPort(address: AddressInfo | string | null): number | undefined {
  return typeof address === 'object' && address !== null ? address.port : undefined;
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

/**
 * A loopback HTTP endpoint that answers the container-credentials document
 * (AWS_CONTAINER_CREDENTIALS_FULL_URI + AWS_CONTAINER_AUTHORIZATION_TOKEN),
 * which every AWS SDK and the AWS CLI read, refreshing as they need it. It
 * listens on 127.0.0.1 only (or a unix socket) and refuses anything that
 * lacks the token, names another Host (DNS rebinding) or crossed a proxy.
 */
export async function startCredentialsEndpoint(options: CredentialsEndpointOptions): Promise<CredentialsEndpoint> {
  const { routes, token, listen = { port: 0 }, log = () => undefined, describeError, now = () => new Date() } = options;
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const refusal = checkRequest(request, token, tcpPort(server.address()));
    const path = (request.url ?? '').split('?')[0] ?? '';
    if (refusal) {
      log(`refused ${request.method ?? '?'} ${path}: ${refusal.reason} (${refusal.status})`);
      answer(response, refusal.status, { code: 'Refused', message: refusal.reason });
      return;
    }
    const supplier = routes.get(path);
    if (!supplier) {
      log(`refused GET ${path}: no such path (404)`);
      answer(response, 404, { code: 'NotFound', message: 'no credentials at this path' });
      return;
    }
    try {
      const document = toContainerDocument(await supplier(), now());
      log(`served ${path}: ${document.AccessKeyId.slice(0, 4)}…${document.AccessKeyId.slice(-4)}, expires ${document.Expiration}`);
      answer(response, 200, document);
    } catch (error) {
      const { status, message } = describeError(error);
      log(`failed ${path}: ${message}`);
      answer(response, status, { code: 'CredentialsUnavailable', message });
    }
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => {
      if (!response.headersSent) answer(response, 500, { code: 'InternalError', message: 'cred-launch could not answer' });
    });
  });
  // A client that stops reading must not keep the endpoint (or its child) alive.
  server.requestTimeout = 60_000;
  server.headersTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if ('socketPath' in listen) server.listen(listen.socketPath, resolve);
    else server.listen(listen.port ?? 0, '127.0.0.1', resolve);
  });
  const address = server.address();
  const socketPath = typeof address === 'string' ? address : undefined;
  const port = tcpPort(address);
  return {
    baseUrl: port === undefined ? undefined : `http://127.0.0.1:${port}`,
    port,
    socketPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Options for {@link startVaultAgentTestListener}. */
export interface VaultAgentTestOptions {
  /** Base address of the Vault (test server) the agent forwards to, e.g. `server.url`. Plain http only. */
  vaultAddress: string;
  /** The auto-auth token the agent adds to requests that carry none. */
  autoAuthToken: string;
  /** Listen on this unix socket file instead of a TCP port on 127.0.0.1. */
  socketPath?: string;
  /** `cache { use_auto_auth_token = "force" }`: replace a token the client sent. @default false */
  force?: boolean;
}

/** What the agent saw of one request, before it added its own token. */
export interface AgentRecordedRequest {
  method: string;
  path: string;
  /** X-Vault-Token as the client sent it (undefined when none). */
  clientToken: string | undefined;
  /** The token forwarded to Vault. */
  forwardedToken: string | undefined;
}

/** A running agent listener. */
export interface VaultAgentTestListener {
  /** What VAULT_AGENT_ADDR would be: `http://127.0.0.1:<port>`, or `unix://<socket>`. */
  readonly address: string;
  readonly requests: AgentRecordedRequest[];
  close(): Promise<void>;
}

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade', 'host', 'content-length']);

function forward(options: VaultAgentTestOptions, requests: AgentRecordedRequest[], request: IncomingMessage, response: ServerResponse): void {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    const header = request.headers['x-vault-token'];
    const clientToken = Array.isArray(header) ? header[0] : header;
    // As Vault Agent's proxy handler (command/agentproxyshared/cache/handler.go): with
    // use_auto_auth_token, a request without X-Vault-Token gets the auto-auth token;
    // "force" drops the client's token first.
    const forwardedToken = options.force || !clientToken ? options.autoAuthToken : clientToken;
    requests.push({ method: request.method ?? 'GET', path: request.url ?? '/', clientToken, forwardedToken });
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(request.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
    headers['x-vault-token'] = forwardedToken;
    const body = Buffer.concat(chunks);
    if (body.length > 0) headers['content-length'] = String(body.length);
    const upstream = httpRequest(new URL(request.url ?? '/', options.vaultAddress), { method: request.method, headers }, (answer) => {
      const out: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) out[name] = value;
      response.writeHead(answer.statusCode ?? 502, out);
      answer.pipe(response);
    });
    upstream.on('error', () => {
      if (!response.headersSent) response.writeHead(502, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: ['agent: cannot reach Vault'] }));
    });
    upstream.end(body);
  });
}

/**
 * A stand-in for Vault Agent / Vault Proxy's API listener with auto-auth and
 * `use_auto_auth_token = true`: it forwards every request to the test server,
 * adding its own token when the client sent none. Listens on TCP or on a unix
 * socket, as `listener "unix"` does. It is not Vault Agent: no caching, no
 * auto-auth method (the token is given), no templates.
 */
export async function startVaultAgentTestListener(options: VaultAgentTestOptions): Promise<VaultAgentTestListener> {
  const requests: AgentRecordedRequest[] = [];
  const server = createServer((request, response) => forward(options, requests, request, response));
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (options.socketPath !== undefined) server.listen(options.socketPath, () => resolve());
    else server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = options.socketPath !== undefined ? `unix://${options.socketPath}` : `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    address,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

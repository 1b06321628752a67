import { CredentialError, isCredentialError, type DebugLogger } from '@cred-launch/core';
import type { ProxySettings } from '../options.js';
import type { CallSignal } from './call-signal.js';
import { abortedFailure, transportFailure } from './errors.js';
import { errorStrings, parseEnvelope, type VaultResponse } from './envelope.js';
import { backoffDelay, isRetryableError, isRetryableStatus, retryAfterMs, sleep } from './retry.js';
import { AbortedError, type HttpResult } from './http1.js';
import { Transport } from './transport.js';
import type { TlsMaterial } from './tls.js';

/** Options for {@link VaultClient}. */
export interface VaultClientOptions {
  /** Base address without `/v1`, e.g. `https://vault.example.com:8200`. */
  address: string;
  /** Sent as `X-Vault-Namespace` on every request. */
  namespace?: string;
  /** Retries after 5xx, 412, 429 and connection errors; the signal bounds them in time. @default 2 */
  maxRetries?: number;
  /** Limit for each call, retries and redirect included (VAULT_CLIENT_TIMEOUT), in seconds. @default none */
  clientTimeoutSeconds?: number;
  /** A `unix://` address's socket file. */
  socketPath?: string;
  /** Proxy variables, when one is set. */
  proxy?: ProxySettings;
  tls: TlsMaterial;
  /** Aborts the request in flight and any backoff wait at once. */
  signal: AbortSignal;
  /** Debug lines (method, path, status, timing; never headers or bodies). @default discard */
  log?: DebugLogger;
  /** Randomness for backoff jitter, injectable for tests. @default Math.random */
  random?: () => number;
}

/** One Vault API call. `path` is the API path without `/v1/`. */
export interface VaultRequest {
  method: 'GET' | 'POST';
  path: string;
  query?: Readonly<Record<string, string | undefined>>;
  body?: Readonly<Record<string, unknown>>;
  /** Sent as `X-Vault-Token`; login requests and requests through Vault Agent's auto-auth have none. */
  token?: string;
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * A small typed Vault client on its own HTTP/1.1 client (see transport.ts): the headers the vault
 * CLI sends (`X-Vault-Request`, `X-Vault-Token`, `X-Vault-Namespace`),
 * bounded retries with backoff, standby redirects, and an AbortSignal that
 * ends everything immediately. Answers of any status are returned decoded;
 * socket and TLS failures become CredentialErrors.
 */
export class VaultClient {
  /** The address as the user gave it, for messages (`unix://<socket>` for a socket). */
  readonly address: string;
  /** Where URLs are built from (`http://localhost` for a socket). */
  readonly #base: string;
  readonly #options: VaultClientOptions;
  readonly #transport: Transport;
  readonly #log: DebugLogger;

  constructor(options: VaultClientOptions) {
    this.#base = options.address;
    this.address = options.socketPath !== undefined ? `unix://${options.socketPath}` : options.address;
    this.#options = options;
    this.#transport = new Transport(options.tls, {
      ...(options.socketPath !== undefined ? { socketPath: options.socketPath } : {}),
      ...(options.proxy !== undefined ? { proxy: options.proxy } : {}),
    });
    this.#log = options.log ?? (() => undefined);
  }

  /** Sends the request (retrying what is worth retrying) and returns Vault's answer. */
  async request(request: VaultRequest): Promise<VaultResponse> {
    const url = new URL(`${this.#base}/v1/${encodePath(request.path)}`);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'cred-launch-vault', 'x-vault-request': 'true' };
    if (request.token !== undefined) headers['x-vault-token'] = request.token;
    if (this.#options.namespace) headers['x-vault-namespace'] = this.#options.namespace;
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    const timeoutSeconds = this.#options.clientTimeoutSeconds;
    // Loaded only with VAULT_CLIENT_TIMEOUT: without it the run's signal is the call's.
    const call: CallSignal =
      timeoutSeconds === undefined
        ? { signal: this.#options.signal, clientTimedOut: () => false, dispose: () => undefined }
        : (await import('./call-signal.js')).callSignal(this.#options.signal, timeoutSeconds * 1000);
    try {
      return await this.#attempts(request, url, headers, body, call.signal);
    } catch (error) {
      if (call.clientTimedOut() && isCredentialError(error, 'TIMEOUT')) {
        throw new CredentialError('TIMEOUT', `vault: ${this.address} did not answer within VAULT_CLIENT_TIMEOUT (${timeoutSeconds} s)`, {
          cause: error,
          hint: "check that Vault is reachable and answering, or raise VAULT_CLIENT_TIMEOUT (the launcher's --timeout still bounds the whole run)",
        });
      }
      throw error;
    } finally {
      call.dispose();
    }
  }

  /**
   * The retry loop. The number of retries is VAULT_MAX_RETRIES (any uint32, as
   * Vault takes it); the signal — the launcher's time limit — ends any wait or
   * request at once, so a huge count can never outlive --timeout.
   */
  async #attempts(request: VaultRequest, url: URL, headers: Record<string, string>, body: string | undefined, signal: AbortSignal): Promise<VaultResponse> {
    const maxRetries = this.#options.maxRetries ?? 2;
    let lastProblem: string | undefined;
    for (let attempt = 0; ; attempt += 1) {
      const started = Date.now();
      let result: HttpResult;
      try {
        result = await this.#sendFollowingRedirect(url, request.method, headers, body, signal);
      } catch (error) {
        if (error instanceof AbortedError || signal.aborted) throw abortedFailure(this.address, error, lastProblem);
        if (isCredentialError(error)) throw error;
        if (attempt < maxRetries && isRetryableError(error)) {
          lastProblem = (error as NodeJS.ErrnoException).code ?? 'connection error';
          await this.#wait(attempt, lastProblem, undefined, signal, lastProblem);
          continue;
        }
        throw transportFailure(error, this.address, this.#options.tls.cert !== undefined);
      }
      const response: VaultResponse = { status: result.status, body: parseEnvelope(result.text) };
      this.#log(`vault: ${request.method} /v1/${request.path} -> ${result.status} (${Date.now() - started} ms)`);
      if (attempt < maxRetries && isRetryableStatus(response.status, errorStrings(response.body))) {
        lastProblem = response.status === 429 ? 'HTTP 429, rate limited' : `HTTP ${response.status}`;
        await this.#wait(attempt, `HTTP ${response.status}`, retryAfterMs(response.status, result.headers['retry-after']), signal, lastProblem);
        continue;
      }
      return response;
    }
  }

  /** Waits before a retry: what Retry-After asks for (429/503), else the backoff. */
  async #wait(attempt: number, reason: string, retryAfter: number | undefined, signal: AbortSignal, lastProblem: string): Promise<void> {
    const delay = retryAfter ?? backoffDelay(attempt, this.#options.random);
    const why = retryAfter !== undefined ? ' (as Retry-After asks)' : '';
    this.#log(`vault: ${reason}; retrying in ${delay} ms${why} (retry ${attempt + 1} of ${this.#options.maxRetries ?? 2})`);
    try {
      await sleep(delay, signal);
    } catch (error) {
      throw abortedFailure(this.address, error, lastProblem);
    }
  }

  /** Sends once, and follows one redirect as Vault's client does (see client/redirect.ts). */
  async #sendFollowingRedirect(url: URL, method: string, headers: Record<string, string>, body: string | undefined, signal: AbortSignal): Promise<HttpResult> {
    const result = await this.#transport.send(url, method, headers, body, signal);
    // The redirect rules are loaded only when an answer is a redirect (rare: a standby, a load balancer).
    if (result.status < 300 || result.status >= 400) return result;
    const { decideRedirect } = await import('./redirect.js');
    const location = result.headers.location;
    const decision = decideRedirect(result.status, typeof location === 'string' ? location : undefined, url);
    if (decision.kind === 'answer') return result;
    if (decision.kind === 'refuse') {
      const where = decision.url ? ` to ${decision.url.origin}` : '';
      throw new CredentialError(
        'BACKEND',
        `vault: Vault at ${this.address} redirected (HTTP ${result.status})${where}, ${decision.reason}; the redirect was not followed and the token was not sent there`,
        {
          hint: 'point VAULT_ADDR at the active node (or its https:// address) directly',
        },
      );
    }
    this.#log(`vault: ${result.status} redirect to ${decision.url.origin} (followed once, as the vault CLI does)`);
    return this.#transport.send(decision.url, method, headers, body, signal);
  }

  /** Closes pooled connections; call when the run is over. */
  close(): void {
    this.#transport.close();
  }
}

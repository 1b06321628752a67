import type { DebugLogger } from '@cred-launch/core';
import { abortedFailure, transportFailure } from './errors.js';
import { errorStrings, parseEnvelope, type VaultResponse } from './envelope.js';
import { backoffDelay, isRetryableError, isRetryableStatus, sleep } from './retry.js';
import { AbortedError, Transport, type HttpResult } from './transport.js';
import type { TlsMaterial } from './tls.js';

/** Redirects followed at most (a standby sends one 307 to the active node). */
const MAX_REDIRECTS = 3;

/** Options for {@link VaultClient}. */
export interface VaultClientOptions {
  /** Base address without `/v1`, e.g. `https://vault.example.com:8200`. */
  address: string;
  /** Sent as `X-Vault-Namespace` on every request. */
  namespace?: string;
  /** Retries after 5xx, 412 and connection errors. @default 2 */
  maxRetries?: number;
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
  /** Sent as `X-Vault-Token`; login requests have none. */
  token?: string;
}

function encodePath(path: string): string {
  return path
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * A small typed Vault client on node:http/node:https: the headers the vault
 * CLI sends (`X-Vault-Request`, `X-Vault-Token`, `X-Vault-Namespace`),
 * bounded retries with backoff, standby redirects, and an AbortSignal that
 * ends everything immediately. Answers of any status are returned decoded;
 * socket and TLS failures become CredentialErrors.
 */
export class VaultClient {
  readonly address: string;
  readonly #options: VaultClientOptions;
  readonly #transport: Transport;
  readonly #log: DebugLogger;

  constructor(options: VaultClientOptions) {
    this.address = options.address;
    this.#options = options;
    this.#transport = new Transport(options.tls);
    this.#log = options.log ?? (() => undefined);
  }

  /** Sends the request (retrying what is worth retrying) and returns Vault's answer. */
  async request(request: VaultRequest): Promise<VaultResponse> {
    const url = new URL(`${this.address}/v1/${encodePath(request.path)}`);
    for (const [key, value] of Object.entries(request.query ?? {})) if (value !== undefined) url.searchParams.set(key, value);
    const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'cred-launch-vault', 'x-vault-request': 'true' };
    if (request.token !== undefined) headers['x-vault-token'] = request.token;
    if (this.#options.namespace) headers['x-vault-namespace'] = this.#options.namespace;
    let body: string | undefined;
    if (request.body !== undefined) {
      body = JSON.stringify(request.body);
      headers['content-type'] = 'application/json';
    }
    const maxRetries = this.#options.maxRetries ?? 2;
    const { signal } = this.#options;
    for (let attempt = 0; ; attempt += 1) {
      const started = Date.now();
      let result: HttpResult;
      try {
        result = await this.#sendFollowingRedirects(url, request.method, headers, body);
      } catch (error) {
        if (error instanceof AbortedError || signal.aborted) throw abortedFailure(this.address, error);
        if (attempt < maxRetries && isRetryableError(error)) {
          await this.#wait(attempt, `${(error as NodeJS.ErrnoException).code ?? 'connection error'}`);
          continue;
        }
        throw transportFailure(error, this.address, this.#options.tls.cert !== undefined);
      }
      const response: VaultResponse = { status: result.status, body: parseEnvelope(result.text) };
      this.#log(`vault: ${request.method} /v1/${request.path} -> ${result.status} (${Date.now() - started} ms)`);
      if (attempt < maxRetries && isRetryableStatus(response.status, errorStrings(response.body))) {
        await this.#wait(attempt, `HTTP ${response.status}`);
        continue;
      }
      return response;
    }
  }

  async #wait(attempt: number, reason: string): Promise<void> {
    const delay = backoffDelay(attempt, this.#options.random);
    this.#log(`vault: ${reason}; retrying in ${delay} ms (retry ${attempt + 1} of ${this.#options.maxRetries ?? 2})`);
    try {
      await sleep(delay, this.#options.signal);
    } catch (error) {
      throw abortedFailure(this.address, error);
    }
  }

  async #sendFollowingRedirects(start: URL, method: string, headers: Record<string, string>, body: string | undefined): Promise<HttpResult> {
    let url = start;
    for (let hop = 0; ; hop += 1) {
      const result = await this.#transport.send(url, method, headers, body, this.#options.signal);
      const location = result.headers.location;
      if ((result.status !== 307 && result.status !== 308) || typeof location !== 'string' || hop >= MAX_REDIRECTS) return result;
      const next = new URL(location, url);
      // Never follow a redirect from TLS to plain HTTP: the token would travel in clear text.
      if (url.protocol === 'https:' && next.protocol !== 'https:') return result;
      if (next.protocol !== 'http:' && next.protocol !== 'https:') return result;
      this.#log(`vault: ${result.status} redirect to ${next.origin} (a standby pointing at the active node)`);
      url = next;
    }
  }

  /** Closes pooled connections; call when the run is over. */
  close(): void {
    this.#transport.close();
  }
}

import type { ClientRequest, IncomingMessage, RequestOptions } from 'node:http';
import type { DirectRoute } from './direct-route.js';
import { readGetSecretValueReply, type HttpReply, type ReplyError, type ReplyMetadata } from './json-rpc-reply.js';
import { NODEJS_TIMEOUT_ERROR_CODES, StandardRetries, parseRetryAfter, type ClassifiedError } from './retry-policy.js';
import type { SecretValue } from './secret-content.js';
import { signRequest } from './sigv4.js';

/** GetSecretValue's input. */
export interface GetSecretValueInput {
  SecretId: string;
  VersionId?: string;
  VersionStage?: string;
}

/** What a successful call returns. */
export interface DirectOutput {
  value: SecretValue;
  versionStages: string[];
  metadata: ReplyMetadata;
}

/** The SDK's service-default socket timeout for Secrets Manager: inactivity this long fails the attempt. */
const SOCKET_TIMEOUT_MS = 300_000;
/** The SDK's clock-skew threshold (AwsSdkSigV4Signer). */
const SKEW_THRESHOLD_MS = 240_000;
/** Sent as the client's name; `app/<id>` is added as the SDK does. */
const USER_AGENT = 'cred-launch-secrets-manager lang/js';

/**
 * A random (version 4) UUID for `amz-sdk-invocation-id`, which only tells one
 * call's attempts apart in AWS's logs: Math.random is enough, and
 * crypto.randomUUID would load node:crypto (src/sha256.ts says why not).
 */
function invocationId(): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(Math.random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Math.floor(Math.random() * 4) | 8) >>> 0).toString(16);
  return `${hex.slice(0, 8).join('')}-${hex.slice(8, 12).join('')}-${hex.slice(12, 16).join('')}-${hex.slice(16, 20).join('')}-${hex.slice(20).join('')}`;
}

type Send = (options: RequestOptions, callback: (response: IncomingMessage) => void) => ClientRequest;

/** One attempt over node:http(s): the whole reply, or Node's error (renamed as the SDK's handler does). */
function exchange(send: Send, url: URL, headers: Record<string, string>, body: string, signal: AbortSignal): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const request = send(
      {
        method: 'POST',
        host: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
        port: url.port,
        path: '/',
        headers,
        // A one-off connection: a kept-alive socket would hold the launcher's event loop open.
        agent: false,
        signal,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => resolve({ status: response.statusCode ?? -1, headers: response.headers, body: Buffer.concat(chunks) }));
      },
    );
    request.on('error', (error: Error & { code?: string }) => {
      if (NODEJS_TIMEOUT_ERROR_CODES.has(error.code ?? '')) error.name = 'TimeoutError';
      reject(error);
    });
    request.setTimeout(SOCKET_TIMEOUT_MS, () => {
      const error = Object.assign(new Error(`the request socket timed out after ${SOCKET_TIMEOUT_MS} ms of inactivity`), { name: 'TimeoutError' });
      request.destroy(error);
    });
    request.end(body);
  });
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** The SDK's getUpdatedSystemClockOffset: the server's Date against ours, unless a cache answered (Age) or the call took over 15 minutes. */
function updatedClockOffset(reply: HttpReply | undefined, current: number, sentAt: number): number {
  if (reply === undefined || reply.headers.age !== undefined) return current;
  const date = reply.headers.date;
  const serverTime = typeof date === 'string' ? Date.parse(date) : Number.NaN;
  if (Number.isNaN(serverTime)) return current;
  const receivedAt = Date.now();
  if (receivedAt - sentAt > 900_000) return current;
  return serverTime - receivedAt;
}

/**
 * GetSecretValue without the AWS SDK, for the route src/direct-route.ts
 * allows: the request the SDK's AWS JSON 1.1 protocol builds
 * (`POST /`, `x-amz-target: secretsmanager.GetSecretValue`), signed with
 * SigV4, sent with the SDK's standard retries (`amz-sdk-invocation-id`,
 * `amz-sdk-request: attempt=n; max=m`), its clock-skew correction (the
 * offset from the server's `Date` header; a retry when it moved by 4 minutes
 * or more), and errors in the SDK's shape (`name`, `message`, `$metadata`
 * with `attempts`), so src/errors.ts maps them exactly as it maps the SDK's.
 * `signal` abandons the request and any back-off.
 */
export async function getSecretValueDirect(route: DirectRoute, input: GetSecretValueInput, signal: AbortSignal): Promise<DirectOutput> {
  const { request: send } = (await (route.url.protocol === 'https:' ? import('node:https') : import('node:http'))) as { request: Send };
  const body = JSON.stringify(input);
  const retries = new StandardRetries(route.maxAttempts);
  const invocation = invocationId();
  const userAgent = route.userAgentAppId === '' ? USER_AGENT : `${USER_AGENT} app/${route.userAgentAppId.replace(/[^!$%&'*+\-.^_`|~\w]/gu, '-')}`;
  let clockOffset = 0;
  let totalRetryDelay = 0;
  for (;;) {
    const headers: Record<string, string> = {
      'content-type': 'application/x-amz-json-1.1',
      'x-amz-target': 'secretsmanager.GetSecretValue',
      'content-length': String(Buffer.byteLength(body)),
      host: route.url.host,
      'amz-sdk-invocation-id': invocation,
      'amz-sdk-request': `attempt=${retries.retryCount + 1}; max=${route.maxAttempts}`,
      'x-amz-user-agent': USER_AGENT,
      'user-agent': userAgent,
    };
    const sentAt = Date.now();
    const preRequestOffset = clockOffset;
    const signingDate = new Date(route.disableClockSkewCorrection ? sentAt : sentAt + clockOffset);
    const signed = signRequest({ method: 'POST', path: '/', headers, body }, route.credentials, { region: route.region, service: 'secretsmanager', date: signingDate });
    let reply: HttpReply | undefined;
    try {
      reply = await exchange(send, route.url, signed, body, signal);
      const output = readGetSecretValueReply(reply);
      output.metadata.attempts = retries.retryCount + 1;
      output.metadata.totalRetryDelay = totalRetryDelay;
      return output;
    } catch (thrown) {
      if (signal.aborted) throw thrown;
      const error = (thrown instanceof Error ? thrown : new Error(String(thrown))) as ReplyError & ClassifiedError;
      if (!route.disableClockSkewCorrection && reply !== undefined) {
        clockOffset = updatedClockOffset(reply, clockOffset, sentAt);
        if (Math.abs(clockOffset) >= SKEW_THRESHOLD_MS && clockOffset !== preRequestOffset && error.$metadata !== undefined) {
          error.$metadata.clockSkewCorrected = true;
        }
      }
      const delay = retries.nextDelay(error, reply === undefined ? undefined : parseRetryAfter(reply.headers));
      if (delay === undefined) {
        const meta = (error.$metadata ?? {}) as Partial<ReplyMetadata>;
        error.$metadata = { ...meta, attempts: retries.retryCount + 1, totalRetryDelay } as ReplyMetadata;
        throw error;
      }
      totalRetryDelay += delay;
      await sleep(delay, signal);
    }
  }
}

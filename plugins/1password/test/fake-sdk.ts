/**
 * A FAKE @1password/sdk for behaviour tests: an in-memory set of
 * `op://vault/item/[section/]field` → value, answering resolveAll with the
 * same per-reference shapes the real SDK 0.5 returns (`individualResponses`
 * keyed by reference, `content.secret` or `error.type`). It is not the real
 * service and not the real SDK; test/real-sdk.test.ts covers what the real
 * SDK decides locally.
 */
import type { CreateClientOptions, LoadOnePasswordSdk, OnePasswordSdk, ResolveAllEntry } from '../src/sdk.js';

/** A throwable that looks like what the real SDK throws. */
export class FakeSdkError extends Error {}
export class RateLimitExceededError extends Error {}
export class AuthExpiredError extends Error {}
export class DesktopSessionExpiredError extends Error {}

export interface FakeSdkOptions {
  /** Stored fields: reference (lower-cased, as 1Password matches case-insensitively) → value. */
  fields?: Record<string, string>;
  /** Thrown by createClient. */
  createError?: unknown;
  /** Thrown by resolveAll. */
  resolveError?: unknown;
  /** Per-reference error types that win over the stored fields. */
  entryErrors?: Record<string, string>;
  /** resolveAll never answers (a backend that hangs), always or for references starting with this prefix. */
  hang?: boolean | string;
  /** Thrown by validateSecretReference for these references (the real SDK throws a JSON string). */
  invalidReferences?: string[];
  /** Rewrites the keys of individualResponses (to test answers keyed differently from the question). */
  answerKey?: (reference: string) => string;
  /** The token the fake accepts; anything else gets the real SDK's malformed-token message. */
  acceptToken?: string;
}

export interface FakeSdk {
  /** Pass as `loadSdk`. */
  load: LoadOnePasswordSdk;
  /** How often `load` was called. */
  loads: number;
  clients: CreateClientOptions[];
  /** Every resolveAll call's argument. */
  resolveCalls: string[][];
}

function split(reference: string): string[] {
  return reference
    .toLowerCase()
    .replace(/^op:\/\//u, '')
    .replace(/\?.*$/u, '')
    .split('/');
}

export function fakeSdk(options: FakeSdkOptions = {}): FakeSdk {
  const stored = new Map(Object.entries(options.fields ?? {}).map(([key, value]) => [key.toLowerCase(), value]));
  const state: FakeSdk = { load: async () => sdk, loads: 0, clients: [], resolveCalls: [] };
  const answer = (reference: string): ResolveAllEntry => {
    const forced = options.entryErrors?.[reference];
    if (forced !== undefined) return { error: { type: forced } };
    const value = stored.get(reference.toLowerCase());
    if (value !== undefined) return { content: { secret: value } };
    const [vault, item, ...rest] = split(reference);
    const keys = [...stored.keys()].map(split);
    if (!keys.some((key) => key[0] === vault)) return { error: { type: 'vaultNotFound' } };
    if (!keys.some((key) => key[0] === vault && key[1] === item)) return { error: { type: 'itemNotFound' } };
    return { error: { type: rest.length === 2 ? 'noMatchingSections' : 'fieldNotFound' } };
  };
  const sdk: OnePasswordSdk = {
    async createClient(client) {
      state.clients.push(client);
      if (options.createError !== undefined) throw options.createError;
      if (options.acceptToken !== undefined && client.auth.type === 'token' && client.auth.token !== options.acceptToken) {
        // Worst case: the message echoes the token it was given.
        throw new Error(`invalid service account token, please make sure you provide a valid service account token as parameter: ${client.auth.token}`);
      }
      return {
        secrets: {
          resolveAll: async (references) => {
            state.resolveCalls.push([...references]);
            const hangs = options.hang === true || (typeof options.hang === 'string' && references.some((reference) => reference.startsWith(options.hang as string)));
            if (hangs) return new Promise(() => undefined);
            if (options.resolveError !== undefined) throw options.resolveError;
            return { individualResponses: Object.fromEntries(references.map((reference) => [options.answerKey?.(reference) ?? reference, answer(reference)])) };
          },
        },
      };
    },
    validateSecretReference(reference) {
      if (options.invalidReferences?.includes(reference)) {
        throw JSON.stringify({ name: 'ParsingSecretReference', message: 'the secret reference could not be parsed: secret reference has invalid query parameter value}' });
      }
    },
  };
  state.load = async () => {
    state.loads += 1;
    return sdk;
  };
  return state;
}

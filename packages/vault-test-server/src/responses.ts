import { newId } from './ids.js';

/** What a handler answers: a status, a JSON body and extra headers. */
export interface Reply {
  status: number;
  /** Serialised as JSON; undefined sends an empty body (204). */
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the server does with a request: answer it, never answer it, or drop the connection. */
export type RouteResult = Reply | { hang: true } | { reset: true };

/** Vault's error body: `{"errors":[...]}`. An empty list is what Vault sends for a plain 404. */
export function errorReply(status: number, ...errors: string[]): Reply {
  return { status, body: { errors } };
}

/** Options for {@link secretReply}. */
export interface SecretReplyOptions {
  status?: number;
  leaseId?: string;
  leaseDuration?: number;
  renewable?: boolean;
  warnings?: string[] | null;
  auth?: unknown;
  mountType?: string;
}

/** The envelope Vault wraps every successful (and some 404) answers in. */
export function secretReply(data: unknown, options: SecretReplyOptions = {}): Reply {
  return {
    status: options.status ?? 200,
    body: {
      request_id: newId(),
      lease_id: options.leaseId ?? '',
      renewable: options.renewable ?? false,
      lease_duration: options.leaseDuration ?? 0,
      data,
      wrap_info: null,
      warnings: options.warnings ?? null,
      auth: options.auth ?? null,
      mount_type: options.mountType ?? '',
    },
  };
}

/** Vault's answer to a token without the needed policy, or no/invalid token. */
export const PERMISSION_DENIED: Reply = errorReply(403, 'permission denied');

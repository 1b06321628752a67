import { randomBytes } from 'node:crypto';

/** Bytes of randomness in an endpoint token: 32, as the issue and aws-vault's server ask. */
export const ENDPOINT_TOKEN_BYTES = 32;

/** A fresh random token (base64url, no padding: safe in an HTTP header and a shell). */
export function newEndpointToken(): string {
  return randomBytes(ENDPOINT_TOKEN_BYTES).toString('base64url');
}

import { formatExpiration, type AwsCredentials } from '@cred-launch/core';

/** The JSON the SDKs' container-credentials providers read. */
export interface ContainerCredentialsDocument {
  AccessKeyId: string;
  SecretAccessKey: string;
  /** Empty for long-term keys: every SDK then signs without a session token. */
  Token: string;
  /** RFC 3339 UTC. */
  Expiration: string;
  AccountId?: string;
}

/**
 * How long the SDKs may keep long-term keys (which have no Expiration) before
 * asking again. The JS SDK and botocore require an Expiration in this
 * document; a short one makes them come back, so a key rotated in the backend
 * reaches a long-running child within this time.
 */
export const LONG_TERM_KEY_LIFETIME_MS = 15 * 60 * 1000;

/**
 * Renders credentials as the container endpoint's answer. The JS SDK's
 * fromHttp and botocore's container provider require `Token` and
 * `Expiration` to be strings, so long-term keys get an empty token (no
 * session token is signed) and an Expiration {@link LONG_TERM_KEY_LIFETIME_MS}
 * ahead.
 */
export function toContainerDocument(credentials: AwsCredentials, now: Date): ContainerCredentialsDocument {
  const expiration = credentials.expiration ?? new Date(now.getTime() + LONG_TERM_KEY_LIFETIME_MS);
  const document: ContainerCredentialsDocument = {
    AccessKeyId: credentials.accessKeyId,
    SecretAccessKey: credentials.secretAccessKey,
    Token: credentials.sessionToken ?? '',
    Expiration: formatExpiration(expiration),
  };
  if (credentials.accountId !== undefined) document.AccountId = credentials.accountId;
  return document;
}

import { CredentialError, type CredentialErrorCode } from '@cred-launch/core';
import { errorStrings, type VaultResponse } from './envelope.js';

const MAX_DETAIL = 200;

/**
 * Vault's `errors` (or, failing those, `warnings`) as one short line:
 * "1 error occurred:\n\t* permission denied\n\n" becomes "permission denied".
 * Redacted with every secret seen, then truncated.
 */
export function describeVaultErrors(response: VaultResponse, redact: (text: string) => string): string {
  let items = errorStrings(response.body);
  if (items.length === 0 && Array.isArray(response.body?.warnings)) items = response.body.warnings.filter((item) => typeof item === 'string');
  const cleaned = items
    .map((item) =>
      item
        .replace(/^\d+ errors? occurred:/u, '')
        .replace(/\s*\*\s+/gu, ' ')
        .replace(/\s+/gu, ' ')
        .trim(),
    )
    .filter((item) => item !== '');
  const text = redact(cleaned.join('; '));
  return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

/** What was being done, for messages. Never holds a secret. */
export interface Operation {
  /** e.g. "reading secret/aws/dev", "AppRole login at auth/approle/login". */
  what: string;
  /** The Vault address (VAULT_ADDR), for availability messages. */
  address: string;
}

function error(code: CredentialErrorCode, message: string, hint: string): CredentialError {
  return new CredentialError(code, message, { hint });
}

/**
 * Maps a failed answer to an error code and a message that says what to do:
 * 403 → AUTH, 404 → NOT_FOUND, sealed / standby / 5xx → BACKEND. Callers
 * handle the cases they know better (a KV v2 deleted version, login failures).
 */
export function httpFailure(response: VaultResponse, operation: Operation, redact: (text: string) => string): CredentialError {
  const { status } = response;
  const detail = describeVaultErrors(response, redact);
  const suffix = detail ? `: ${detail}` : '';
  const joined = errorStrings(response.body).join(' ');
  if (status === 401 || status === 403) {
    return error(
      'AUTH',
      `vault: permission denied ${operation.what} (HTTP ${status}${suffix})`,
      'the token may have expired or been revoked (run `vault login` or refresh VAULT_TOKEN), or its policies do not allow this path',
    );
  }
  if (status === 404) {
    return error('NOT_FOUND', `vault: nothing found ${operation.what} (HTTP 404${suffix})`, 'check the path, e.g. with `vault kv get` or `vault read`');
  }
  if (status === 400 && /not found|could not be found|does not exist|no such/iu.test(joined)) {
    return error('NOT_FOUND', `vault: not found ${operation.what} (HTTP 400${suffix})`, 'check the role or path name in Vault');
  }
  if (status === 400 || status === 405) {
    return error('CONFIG', `vault: Vault rejected ${operation.what} (HTTP ${status}${suffix})`, 'check the arguments against the Vault role and engine configuration');
  }
  if (status === 429) {
    return error(
      'BACKEND',
      `vault: Vault at ${operation.address} is rate limiting requests (HTTP 429${suffix})`,
      'retry later, or ask the Vault operators about the rate limit quota',
    );
  }
  if (status === 503 && /\bsealed\b/iu.test(joined)) {
    return error('BACKEND', `vault: Vault at ${operation.address} is sealed`, 'ask an operator to unseal it (`vault operator unseal`), or point VAULT_ADDR at an unsealed node');
  }
  if (status === 503 || status === 429) {
    return error(
      'BACKEND',
      `vault: Vault at ${operation.address} is unavailable ${operation.what} (HTTP 503${suffix})`,
      'a standby node with no active node answers this: point VAULT_ADDR at the active node or the cluster address, or retry later',
    );
  }
  if (status >= 300 && status < 400) {
    return error(
      'BACKEND',
      `vault: Vault at ${operation.address} redirected ${operation.what} (HTTP ${status}) and the redirect was not followed`,
      'point VAULT_ADDR at the active node directly',
    );
  }
  if (status >= 500) {
    return error('BACKEND', `vault: Vault at ${operation.address} failed ${operation.what} (HTTP ${status}${suffix})`, 'retry later; the Vault server log says more');
  }
  return error('BACKEND', `vault: unexpected answer ${operation.what} (HTTP ${status}${suffix})`, 'run with --verbose for details');
}

const UNKNOWN_CA = new Set([
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
]);

/**
 * Explains a connection or TLS failure. Certificate problems are CONFIG
 * (fixed on this machine: VAULT_CACERT, VAULT_CLIENT_CERT…); an unreachable
 * Vault is BACKEND. Node's own message is not shown: the code is enough.
 */
export function transportFailure(cause: unknown, address: string, sentClientCert: boolean): CredentialError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  const message = cause instanceof Error ? cause.message : '';
  const make = (kind: CredentialErrorCode, text: string, hint: string): CredentialError => new CredentialError(kind, `vault: ${text}`, { cause, hint });
  if (code && UNKNOWN_CA.has(code)) {
    return make(
      'CONFIG',
      `the TLS certificate of ${address} is signed by a CA this machine does not trust (${code})`,
      'set VAULT_CACERT (or --ca-cert) to the PEM file of the CA that signed it, or VAULT_CAPATH to a directory of CA certificates',
    );
  }
  if (code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID') {
    return make('BACKEND', `the TLS certificate of ${address} is not valid now (${code})`, "ask the Vault operators to renew the server certificate; check this machine's clock");
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code === 'HOSTNAME_MISMATCH') {
    return make(
      'CONFIG',
      `the TLS certificate of ${address} is not issued for that host name (${code})`,
      'use a host name the certificate names in VAULT_ADDR, or set VAULT_TLS_SERVER_NAME',
    );
  }
  if (/wrong version number|packet length too long|unknown protocol/iu.test(message)) {
    return make('CONFIG', `${address} does not speak TLS`, 'use http:// in VAULT_ADDR if that Vault listener has TLS disabled (as `vault server -dev` does)');
  }
  if (/certificate required|alert handshake failure|alert bad certificate|alert unknown ca|certificate unknown/iu.test(message) || /ALERT_CERTIFICATE_REQUIRED/u.test(code ?? '')) {
    return make(
      'CONFIG',
      `${address} refused the TLS connection${sentClientCert ? ' and the client certificate' : ''} (${code ?? 'TLS alert'})`,
      sentClientCert
        ? 'check VAULT_CLIENT_CERT/VAULT_CLIENT_KEY: the certificate must be signed by a CA the Vault listener trusts'
        : 'the Vault listener requires a client certificate: set VAULT_CLIENT_CERT and VAULT_CLIENT_KEY (or --client-cert and --client-key)',
    );
  }
  if (code === 'ENOENT' && address.startsWith('unix://')) {
    return make('BACKEND', `no socket at ${address}`, 'is Vault Agent (or Vault) running and listening there? check VAULT_AGENT_ADDR / VAULT_ADDR');
  }
  if (code === 'ECONNREFUSED') {
    return make('BACKEND', `cannot connect to ${address} (connection refused)`, 'is Vault running there? set VAULT_ADDR (or --address) to your Vault server');
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return make('BACKEND', `cannot resolve the host of ${address} (${code})`, 'check VAULT_ADDR, your DNS and your VPN');
  }
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH') {
    return make('BACKEND', `cannot reach ${address} (${code})`, 'check VAULT_ADDR, the network and your VPN');
  }
  if (code === 'ECONNRESET' || message === 'socket hang up') {
    const hint = address.startsWith('https:')
      ? sentClientCert
        ? 'the listener may have rejected the client certificate: check VAULT_CLIENT_CERT/VAULT_CLIENT_KEY are signed by a CA it trusts'
        : 'retry; if it persists and the listener requires client certificates, set VAULT_CLIENT_CERT and VAULT_CLIENT_KEY'
      : 'if that Vault listener serves TLS, use https:// in VAULT_ADDR';
    return make('BACKEND', `${address} closed the connection before answering`, hint);
  }
  return make('BACKEND', `the request to ${address} failed (${code ?? (cause instanceof Error ? cause.name : 'error')})`, 'run with --verbose for details');
}

/** The time limit ran out while talking to Vault; `lastProblem` is why it was still retrying. */
export function abortedFailure(address: string, cause?: unknown, lastProblem?: string): CredentialError {
  const retrying = lastProblem ? `; still retrying after ${lastProblem}` : '';
  return new CredentialError('TIMEOUT', `vault: gave up waiting for ${address} (time limit reached${retrying})`, {
    cause,
    hint: 'check that Vault is reachable and answering, or raise the limit with --timeout',
  });
}

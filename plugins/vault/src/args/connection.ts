import type { SourceEnv } from '@cred-launch/core';
import { DEFAULT_ADDRESS, type ConnectionOptions } from '../options.js';
import { badEnv, usage } from './errors.js';

/** Flags shared by every command that talks to Vault (names as the vault CLI spells them). */
export const CONNECTION_FLAGS = {
  address: { type: 'string' },
  namespace: { type: 'string' },
  'ca-cert': { type: 'string' },
  'ca-path': { type: 'string' },
  'client-cert': { type: 'string' },
  'client-key': { type: 'string' },
  'tls-server-name': { type: 'string' },
  'tls-skip-verify': { type: 'boolean' },
  'max-retries': { type: 'string' },
} as const;

/** The parsed values of {@link CONNECTION_FLAGS}. */
export interface ConnectionFlagValues {
  address?: string;
  namespace?: string;
  'ca-cert'?: string;
  'ca-path'?: string;
  'client-cert'?: string;
  'client-key'?: string;
  'tls-server-name'?: string;
  'tls-skip-verify'?: boolean;
  'max-retries'?: string;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

// Go's strconv.ParseBool, which the vault CLI uses for VAULT_SKIP_VERIFY.
function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

function normaliseAddress(text: string, fromFlag: boolean, name: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fromFlag ? usage(`--address is not a URL: "${text}"`) : badEnv(name, `is not a URL: "${text}"`, `set ${name} to e.g. https://vault.example.com:8200`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    const problem = `must be an http:// or https:// address (got ${url.protocol}//)`;
    throw fromFlag ? usage(`--address ${problem}`) : badEnv(name, problem);
  }
  if (url.username || url.password) {
    const problem = 'must not contain a user name or password';
    throw fromFlag ? usage(`--address ${problem}`) : badEnv(name, problem);
  }
  // The vault CLI accepts a trailing slash or "/v1" and drops them.
  return `${url.origin}${url.pathname.replace(/\/+$/u, '').replace(/\/v1$/u, '')}`;
}

/**
 * Connection settings from flags, then the environment the vault CLI reads
 * (`VAULT_AGENT_ADDR` wins over `VAULT_ADDR`, as in Vault's Go client).
 */
export function parseConnection(values: ConnectionFlagValues, env: SourceEnv): ConnectionOptions {
  const flagAddress = nonEmpty(values.address);
  const agentAddress = nonEmpty(env.VAULT_AGENT_ADDR);
  const envName = agentAddress ? 'VAULT_AGENT_ADDR' : 'VAULT_ADDR';
  const rawAddress = flagAddress ?? agentAddress ?? nonEmpty(env.VAULT_ADDR) ?? DEFAULT_ADDRESS;
  const address = normaliseAddress(rawAddress, flagAddress !== undefined, envName);

  let skipVerify = values['tls-skip-verify'] === true;
  const envSkip = nonEmpty(env.VAULT_SKIP_VERIFY);
  if (!skipVerify && envSkip !== undefined) {
    const parsed = parseGoBool(envSkip);
    if (parsed === undefined) throw badEnv('VAULT_SKIP_VERIFY', `must be true or false (got "${envSkip}")`);
    skipVerify = parsed;
  }

  const retriesText = nonEmpty(values['max-retries']) ?? nonEmpty(env.VAULT_MAX_RETRIES);
  let maxRetries = 2;
  if (retriesText !== undefined) {
    if (!/^\d+$/u.test(retriesText) || Number(retriesText) > 10) {
      const problem = `must be a whole number from 0 to 10 (got "${retriesText}")`;
      throw values['max-retries'] !== undefined ? usage(`--max-retries ${problem}`) : badEnv('VAULT_MAX_RETRIES', problem);
    }
    maxRetries = Number(retriesText);
  }

  const clientCert = nonEmpty(values['client-cert']) ?? nonEmpty(env.VAULT_CLIENT_CERT);
  const clientKey = nonEmpty(values['client-key']) ?? nonEmpty(env.VAULT_CLIENT_KEY);
  if ((clientCert === undefined) !== (clientKey === undefined)) {
    throw usage('a client certificate needs its key and the other way round', 'set both --client-cert and --client-key (or VAULT_CLIENT_CERT and VAULT_CLIENT_KEY)');
  }

  const connection: ConnectionOptions = { address, skipVerify, maxRetries };
  const namespace = (nonEmpty(values.namespace) ?? nonEmpty(env.VAULT_NAMESPACE))?.replace(/^\/+|\/+$/gu, '');
  if (namespace) connection.namespace = namespace;
  const caCert = nonEmpty(values['ca-cert']) ?? nonEmpty(env.VAULT_CACERT);
  if (caCert) connection.caCert = caCert;
  const caPath = nonEmpty(values['ca-path']) ?? nonEmpty(env.VAULT_CAPATH);
  if (caPath) connection.caPath = caPath;
  if (clientCert && clientKey) {
    connection.clientCert = clientCert;
    connection.clientKey = clientKey;
  }
  const serverName = nonEmpty(values['tls-server-name']) ?? nonEmpty(env.VAULT_TLS_SERVER_NAME);
  if (serverName) connection.tlsServerName = serverName;
  return connection;
}

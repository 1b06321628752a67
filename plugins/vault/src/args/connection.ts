import { parseDurationSeconds, type SourceEnv as Env } from '@cred-launch/core';
import { DEFAULT_ADDRESS, type ConnectionOptions } from '../options.js';
import { parseAddress, type ParsedAddress } from './address.js';
import { badEnv, usage } from './errors.js';
import { proxyFromEnv } from './proxy-env.js';

/** Flags shared by every command that talks to Vault (names as the vault CLI spells them). */
export const CONNECTION_FLAGS = {
  address: { type: 'string' },
  'agent-address': { type: 'string' },
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
  'agent-address'?: string;
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

/** Largest VAULT_MAX_RETRIES: Vault parses it with strconv.ParseUint(v, 10, 32). */
const MAX_UINT32 = 4_294_967_295;

function parseMaxRetries(values: ConnectionFlagValues, env: Env): number {
  const text = nonEmpty(values['max-retries']) ?? nonEmpty(env.VAULT_MAX_RETRIES);
  if (text === undefined) return 2;
  if (!/^\d+$/u.test(text) || Number(text) > MAX_UINT32) {
    const problem = `must be a whole number from 0 to ${MAX_UINT32} (got "${text}")`;
    throw values['max-retries'] !== undefined ? usage(`--max-retries ${problem}`) : badEnv('VAULT_MAX_RETRIES', problem);
  }
  return Number(text);
}

/**
 * VAULT_CLIENT_TIMEOUT as Vault's parseutil.ParseDurationSecond reads it: a
 * number of seconds or a duration (30s, 2m). 0 keeps only the launcher's limit.
 */
function parseClientTimeout(env: Env): number | undefined {
  const text = nonEmpty(env.VAULT_CLIENT_TIMEOUT);
  if (text === undefined) return undefined;
  let seconds: number;
  try {
    seconds = parseDurationSeconds(text, 'VAULT_CLIENT_TIMEOUT');
  } catch {
    throw badEnv('VAULT_CLIENT_TIMEOUT', `must be a number of seconds or a duration like 30s or 2m (got "${text}")`);
  }
  return seconds > 0 ? seconds : undefined;
}

/**
 * Connection settings from flags, then the environment the vault CLI reads
 * (`VAULT_AGENT_ADDR` wins over `VAULT_ADDR`, as in Vault's Go client's
 * `NewClient`). `--address` wins over both; `--agent-address` wins over
 * `VAULT_AGENT_ADDR`. An agent address marks the connection as `agent`.
 */
export function parseConnection(values: ConnectionFlagValues, env: Env): ConnectionOptions {
  const flagAddress = nonEmpty(values.address);
  const flagAgent = nonEmpty(values['agent-address']);
  if (flagAddress !== undefined && flagAgent !== undefined) throw usage('give --address or --agent-address, not both');
  const envAgent = nonEmpty(env.VAULT_AGENT_ADDR);
  let parsed: ParsedAddress;
  let agent = false;
  if (flagAddress !== undefined) parsed = parseAddress(flagAddress, { flag: '--address' });
  else if (flagAgent !== undefined) [parsed, agent] = [parseAddress(flagAgent, { flag: '--agent-address' }), true];
  else if (envAgent !== undefined) [parsed, agent] = [parseAddress(envAgent, { env: 'VAULT_AGENT_ADDR' }), true];
  else parsed = parseAddress(nonEmpty(env.VAULT_ADDR) ?? DEFAULT_ADDRESS, { env: 'VAULT_ADDR' });
  const { address } = parsed;

  let skipVerify = values['tls-skip-verify'] === true;
  const envSkip = nonEmpty(env.VAULT_SKIP_VERIFY);
  if (!skipVerify && envSkip !== undefined) {
    const flag = parseGoBool(envSkip);
    if (flag === undefined) throw badEnv('VAULT_SKIP_VERIFY', `must be true or false (got "${envSkip}")`);
    skipVerify = flag;
  }

  const maxRetries = parseMaxRetries(values, env);

  const clientCert = nonEmpty(values['client-cert']) ?? nonEmpty(env.VAULT_CLIENT_CERT);
  const clientKey = nonEmpty(values['client-key']) ?? nonEmpty(env.VAULT_CLIENT_KEY);
  if ((clientCert === undefined) !== (clientKey === undefined)) {
    throw usage('a client certificate needs its key and the other way round', 'set both --client-cert and --client-key (or VAULT_CLIENT_CERT and VAULT_CLIENT_KEY)');
  }

  const connection: ConnectionOptions = { address, skipVerify, maxRetries };
  if (parsed.socketPath !== undefined) connection.socketPath = parsed.socketPath;
  if (agent) connection.agent = true;
  const clientTimeoutSeconds = parseClientTimeout(env);
  if (clientTimeoutSeconds !== undefined) connection.clientTimeoutSeconds = clientTimeoutSeconds;
  // A unix socket is dialled directly: Go's proxy functions never see it either (host "localhost").
  const proxy = parsed.socketPath === undefined ? proxyFromEnv(env) : undefined;
  if (proxy) connection.proxy = proxy;
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

import { badEnv, usage } from './errors.js';

/** Where requests go: a URL, and for `unix://` addresses the socket to dial. */
export interface ParsedAddress {
  /** `http(s)://host[:port][/prefix]`; for a unix socket `http://localhost`. */
  address: string;
  /** Set for `unix://` addresses: the socket file (relative to the working directory when not absolute). */
  socketPath?: string;
}

/**
 * Parses VAULT_ADDR / VAULT_AGENT_ADDR / --address the way Vault's api client
 * does (api/client.go `ParseAddress`): `http(s)://…`, or `unix://<socket>`,
 * which dials the socket and speaks plain HTTP to host "localhost". A trailing
 * `/` or `/v1` is dropped, as the vault CLI accepts both.
 */
export function parseAddress(text: string, source: { flag?: string; env?: string }): ParsedAddress {
  const fail = (problem: string, hint?: string): Error => (source.flag !== undefined ? usage(`${source.flag} ${problem}`) : badEnv(source.env ?? 'VAULT_ADDR', problem, hint));
  if (text.startsWith('unix://')) {
    // As api/client.go: everything after "unix://" is the socket path (unix:///run/agent.sock → /run/agent.sock).
    const socketPath = text.slice('unix://'.length);
    if (socketPath === '') throw fail('names no socket file (write unix:///path/to/agent.sock)');
    return { address: 'http://localhost', socketPath };
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw fail(`is not a URL: "${text}"`, `set ${source.env ?? 'VAULT_ADDR'} to e.g. https://vault.example.com:8200 or unix:///run/vault-agent.sock`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw fail(`must be an http:// or https:// address, or a unix:// socket (got ${url.protocol}//)`);
  }
  if (url.username || url.password) throw fail('must not contain a user name or password');
  return { address: `${url.origin}${url.pathname.replace(/\/+$/u, '').replace(/\/v1$/u, '')}` };
}

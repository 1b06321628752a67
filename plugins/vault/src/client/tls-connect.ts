import type * as Net from 'node:net';
import type * as Tls from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { requireBuiltin } from '../builtin.js';
import type { TlsMaterial } from './tls.js';

const { isIP } = requireBuiltin('node:net') as typeof Net;
const { connect } = requireBuiltin('node:tls') as typeof Tls;

/**
 * Opens a TLS connection to an `https://` Vault with the run's TLS settings,
 * as node:https's agent does: the host name is sent as SNI and verified
 * against the certificate, an IP address is verified as such and not sent as
 * SNI, and `servername` (VAULT_TLS_SERVER_NAME) overrides both. Its own
 * module so that http:// runs never load node:tls (and node:crypto with it).
 */
export function connectTls(url: URL, tls: TlsMaterial): TLSSocket {
  const host = url.hostname.replace(/^\[|\]$/gu, '');
  return connect({ ...tls, host, port: Number(url.port || 443), ...(tls.servername === undefined && isIP(host) === 0 ? { servername: host } : {}) });
}

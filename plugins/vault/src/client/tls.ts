import type { SecureContext } from 'node:tls';
import type { ConnectionOptions } from '../options.js';

/** TLS settings handed to the TLS connection. */
export interface TlsMaterial {
  /** Trusted CAs; undefined keeps Node's bundled roots. */
  ca?: string[];
  cert?: string;
  key?: string;
  rejectUnauthorized: boolean;
  servername?: string;
  /** Built from `ca`, `cert` and `key` when they were checked (https only); every connection uses it. */
  secureContext?: SecureContext;
}

/**
 * The TLS settings of a run. An `http://` or `unix://` address needs no file
 * and no node:tls: the readers and the check (`client/tls-files.ts`, which
 * loads node:tls and with it node:crypto, ≈12 M instructions) are imported
 * only for an `https://` address.
 */
export async function loadTlsMaterial(connection: ConnectionOptions, dirs: { cwd: string; homedir: string }, caCertBytes: string | undefined): Promise<TlsMaterial> {
  const material: TlsMaterial = { rejectUnauthorized: !connection.skipVerify };
  if (connection.tlsServerName) material.servername = connection.tlsServerName;
  if (!connection.address.startsWith('https:')) return material;
  const { readTlsFiles } = await import('./tls-files.js');
  return { ...material, ...(await readTlsFiles(connection, dirs, caCertBytes)) };
}

import { CredentialError, isCredentialError, readRegularFile } from '@cred-launch/core';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type * as Tls from 'node:tls';
import type { SecureContext } from 'node:tls';
import type { ConnectionOptions } from '../options.js';
import { resolveUserPath } from '../paths.js';
import { requireBuiltin } from '../builtin.js';

// Not `import … from 'node:tls'`: see builtin.ts.
const { createSecureContext } = requireBuiltin('node:tls') as typeof Tls;

/** What the TLS files give the connection (see `TlsMaterial` in tls.ts). */
export interface TlsFiles {
  /** Trusted CAs; undefined keeps Node's bundled roots. */
  ca?: string[];
  cert?: string;
  key?: string;
  /** Built from the three above: checks them now, and every connection uses it. */
  secureContext?: SecureContext;
}

async function readPem(file: string, what: string, source: string): Promise<string> {
  try {
    // Non-blocking open + fstat: a FIFO or device is refused (CONFIG) before any read.
    return (await readRegularFile(file, { what: `vault: the ${what}`, hint: `check ${source}` })).bytes.toString('utf8');
  } catch (error) {
    if (isCredentialError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CredentialError('CONFIG', `vault: cannot read the ${what} ${file} (${code})`, { cause: error, hint: `check ${source}` });
  }
}

async function readCaDirectory(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new CredentialError('CONFIG', `vault: cannot read the CA directory ${dir} (${code})`, { cause: error, hint: 'check --ca-path or VAULT_CAPATH' });
  }
  const pems: string[] = [];
  for (const name of names.sort()) {
    try {
      // A FIFO or device in the directory is refused by the helper, then skipped below.
      const text = (await readRegularFile(join(dir, name), { what: 'vault: CA directory entry' })).bytes.toString('utf8');
      if (text.includes('-----BEGIN CERTIFICATE-----')) pems.push(text);
    } catch {
      // Sub-directories and unreadable files are skipped, as Vault's rootcerts does with non-certificates.
    }
  }
  if (pems.length === 0) {
    throw new CredentialError('CONFIG', `vault: no PEM certificates in the CA directory ${dir}`, { hint: 'point --ca-path or VAULT_CAPATH at a directory of CA certificates' });
  }
  return pems;
}

/**
 * Reads the CA and client certificate files named by the connection options
 * in Vault's order of precedence (go-rootcerts
 * `LoadCACerts`, which Vault's api client calls from `configureTLS`): the CA
 * file (`--ca-cert` / `VAULT_CACERT`), then the PEM text of
 * `VAULT_CACERT_BYTES`, then the CA directory. Bad PEM is reported here,
 * naming the files. Imported by `loadTlsMaterial` for https addresses only.
 */
export async function readTlsFiles(connection: ConnectionOptions, dirs: { cwd: string; homedir: string }, caCertBytes: string | undefined): Promise<TlsFiles> {
  const material: TlsFiles = {};
  if (connection.caCert) {
    material.ca = [await readPem(resolveUserPath(connection.caCert, dirs), 'CA certificate', '--ca-cert or VAULT_CACERT')];
  } else if (caCertBytes !== undefined && caCertBytes.trim() !== '') {
    material.ca = [caCertBytes];
  } else if (connection.caPath) {
    material.ca = await readCaDirectory(resolveUserPath(connection.caPath, dirs));
  }
  if (connection.clientCert && connection.clientKey) {
    material.cert = await readPem(resolveUserPath(connection.clientCert, dirs), 'client certificate', '--client-cert or VAULT_CLIENT_CERT');
    material.key = await readPem(resolveUserPath(connection.clientKey, dirs), 'client key', '--client-key or VAULT_CLIENT_KEY');
  }
  try {
    // Fails fast, naming our inputs, instead of a bare OpenSSL error at connect time; and the
    // connections use this context rather than building the same one again (≈3 M instructions).
    material.secureContext = createSecureContext({ ca: material.ca, cert: material.cert, key: material.key });
  } catch (error) {
    const which = material.cert ? 'the CA certificate or the client certificate/key' : 'the CA certificate';
    throw new CredentialError('CONFIG', `vault: ${which} could not be loaded (${(error as Error).message.split('\n')[0]})`, {
      cause: error,
      hint: 'give PEM files: VAULT_CACERT / VAULT_CLIENT_CERT and a matching VAULT_CLIENT_KEY',
    });
  }
  return material;
}

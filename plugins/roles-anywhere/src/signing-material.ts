import { createPrivateKey, X509Certificate, type KeyObject } from 'node:crypto';
import type { SecretSink } from '@cred-launch/core';
import { rolesAnywhereError } from './errors.js';
import { readPassphraseFile } from './passphrase-file.js';
import { readSmallFile } from './read-file.js';

/** The SigV4-X509 algorithm names, by key type. */
export type SigningAlgorithm = 'AWS4-X509-RSA-SHA256' | 'AWS4-X509-ECDSA-SHA256';

/** Everything a CreateSession request is signed with. */
export interface SigningMaterial {
  /** The end-entity certificate: sent as `X-Amz-X509`, its serial number is the Credential. */
  certificate: X509Certificate;
  /** Intermediate CA certificates in file order: sent as `X-Amz-X509-Chain`. */
  chain: X509Certificate[];
  privateKey: KeyObject;
  algorithm: SigningAlgorithm;
}

/** Where the material is read from (absolute paths). */
export interface MaterialPaths {
  certificate: string;
  privateKey: string;
  passphraseFile?: string;
  intermediates?: string;
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/gu;
const ENCRYPTED_KEY = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type:\s*4,ENCRYPTED/u;

function parseCertificates(bytes: Buffer, path: string, what: string): X509Certificate[] {
  const text = bytes.toString('latin1');
  const blocks = text.match(PEM_CERTIFICATE);
  try {
    if (blocks !== null) return blocks.map((block) => new X509Certificate(block));
    if (text.includes('-----BEGIN')) {
      const hint = /PRIVATE KEY-----/u.test(text)
        ? 'this looks like a private key: check --certificate and --private-key are not swapped'
        : 'give a PEM (-----BEGIN CERTIFICATE-----) or DER certificate';
      throw rolesAnywhereError('CONFIG', `${what} ${path} holds no certificate`, hint);
    }
    return [new X509Certificate(bytes)];
  } catch (error) {
    if ((error as { code?: string }).code === 'CONFIG') throw error;
    const hint = /\.(p12|pfx)$/iu.test(path)
      ? 'PKCS#12 files are not read: openssl pkcs12 -in FILE -nokeys -clcerts -out cert.pem (and -nocerts -out key.pem)'
      : 'give a PEM (-----BEGIN CERTIFICATE-----) or DER X.509 certificate';
    throw rolesAnywhereError('CONFIG', `${what} ${path} is not an X.509 certificate`, hint);
  }
}

async function loadPrivateKey(paths: MaterialPaths, secrets: SecretSink): Promise<KeyObject> {
  const { bytes } = await readSmallFile(paths.privateKey, 'private key');
  const text = bytes.toString('utf8');
  // The key text never appears in a message; registering it (and its lines) covers a cause quoting it.
  secrets.add(text);
  for (const line of text.split(/\r?\n/u)) if (line.length >= 16 && !line.startsWith('-----')) secrets.add(line);
  if (!text.includes('-----BEGIN')) {
    throw rolesAnywhereError('CONFIG', `private key ${paths.privateKey} is not a PEM file`, 'convert it: openssl pkey -in KEY -out key.pem');
  }
  const encrypted = ENCRYPTED_KEY.test(text);
  if (encrypted && paths.passphraseFile === undefined) {
    throw rolesAnywhereError(
      'CONFIG',
      `private key ${paths.privateKey} is encrypted`,
      'put its passphrase on the first line of a mode-600 file and pass --private-key-passphrase-file <file>',
    );
  }
  const passphrase = encrypted && paths.passphraseFile !== undefined ? await readPassphraseFile(paths.passphraseFile, secrets) : undefined;
  try {
    return passphrase === undefined ? createPrivateKey({ key: text, format: 'pem' }) : createPrivateKey({ key: text, format: 'pem', passphrase });
  } catch (error) {
    const code = String((error as { code?: string }).code ?? '');
    // Any failure once a passphrase is used means it did not decrypt the key:
    // OpenSSL says BAD_DECRYPT only when the CBC padding check fails; about
    // one wrong passphrase in 256 passes it and fails later as a decoding
    // error (seen as a flaky e2e test).
    if (passphrase !== undefined) {
      throw rolesAnywhereError(
        'AUTH',
        `the passphrase in ${paths.passphraseFile} does not decrypt private key ${paths.privateKey}${/BAD_DECRYPT|bad decrypt/iu.test(`${code} ${(error as Error).message}`) ? '' : ' (or the key file is damaged)'}`,
        'check the passphrase file (its first line is the passphrase)',
      );
    }
    throw rolesAnywhereError(
      'CONFIG',
      `private key ${paths.privateKey} could not be read (${code || 'not a supported key'})`,
      'give an RSA or EC key in PEM: PKCS#1, SEC1 or PKCS#8',
    );
  }
}

function algorithmFor(key: KeyObject, path: string): SigningAlgorithm {
  if (key.asymmetricKeyType === 'rsa') return 'AWS4-X509-RSA-SHA256';
  if (key.asymmetricKeyType === 'ec') return 'AWS4-X509-ECDSA-SHA256';
  throw rolesAnywhereError('CONFIG', `private key ${path} is a ${key.asymmetricKeyType ?? 'unknown'} key`, 'IAM Roles Anywhere signs with RSA or EC (ECDSA) keys');
}

/**
 * Reads the certificate, the optional intermediates bundle and the private
 * key (decrypting it with the passphrase file when it is encrypted), and
 * picks the signing algorithm from the key type, as aws_signing_helper's
 * file-system signer does.
 */
export async function loadSigningMaterial(paths: MaterialPaths, secrets: SecretSink): Promise<SigningMaterial> {
  const certificateFile = await readSmallFile(paths.certificate, 'certificate');
  const [certificate] = parseCertificates(certificateFile.bytes, paths.certificate, 'certificate');
  if (certificate === undefined) throw rolesAnywhereError('CONFIG', `certificate ${paths.certificate} holds no certificate`, 'give a PEM or DER certificate');
  const chain =
    paths.intermediates === undefined
      ? []
      : parseCertificates((await readSmallFile(paths.intermediates, 'intermediates bundle')).bytes, paths.intermediates, 'intermediates bundle');
  const privateKey = await loadPrivateKey(paths, secrets);
  return { certificate, chain, privateKey, algorithm: algorithmFor(privateKey, paths.privateKey) };
}

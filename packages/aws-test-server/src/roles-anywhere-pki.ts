import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** A certificate file and the key file it was issued for. */
export interface TestCertificate {
  certificate: string;
  privateKey: string;
}

/**
 * Certificates and keys for IAM Roles Anywhere tests, made by the real
 * `openssl` CLI (no fixture files are committed). Paths are absolute.
 */
export interface TestPki {
  /** Root CA (RSA 2048): the trust anchor's CA bundle. */
  rootCa: string;
  /** Intermediate CA (EC P-256), issued by the root. */
  intermediateCa: string;
  /** RSA 2048 leaf issued by the intermediate, key as PKCS#1 (`BEGIN RSA PRIVATE KEY`). */
  rsaLeaf: TestCertificate;
  /** The same RSA key as PKCS#8 (`BEGIN PRIVATE KEY`). */
  rsaLeafPkcs8Key: string;
  /** P-256 leaf issued by the intermediate, key as SEC1 (`BEGIN EC PRIVATE KEY`). */
  ecLeaf: TestCertificate;
  /** The same EC key as PKCS#8. */
  ecLeafPkcs8Key: string;
  /** P-256 leaf issued directly by the root (needs no intermediates). */
  directLeaf: TestCertificate;
  /** Leaf (RSA key of rsaLeaf) whose validity ended in 2021. */
  expiredLeaf: TestCertificate;
  /** Leaf (RSA key of rsaLeaf) valid only from 2090. */
  futureLeaf: TestCertificate;
  /** The RSA leaf's key encrypted as PKCS#8 (`BEGIN ENCRYPTED PRIVATE KEY`, AES-256). */
  encryptedPkcs8Key: string;
  /** The RSA leaf's key encrypted the traditional way (`Proc-Type: 4,ENCRYPTED`). */
  encryptedTraditionalKey: string;
  /** Passphrase file (mode 600) of both encrypted keys. */
  passphraseFile: string;
  /** The passphrase itself. */
  passphrase: string;
  /** A P-256 key that belongs to no certificate here. */
  strayEcKey: string;
  /** P-256 leaf from another root, unknown to any trust anchor. */
  untrustedLeaf: TestCertificate;
  /** That other root's certificate. */
  untrustedRootCa: string;
}

const CA_CONFIG = `[ ca ]
default_ca = test_ca
[ test_ca ]
database = $ENV::PKI_DIR/index.txt
new_certs_dir = $ENV::PKI_DIR/issued
serial = $ENV::PKI_DIR/serial
default_md = sha256
policy = any_policy
unique_subject = no
email_in_dn = no
[ any_policy ]
commonName = supplied
organizationName = optional
[ leaf_ext ]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[ ca_ext ]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign,digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`;

/**
 * Makes a small PKI under `dir` with the openssl CLI: a root, an
 * intermediate, RSA and P-256 leaves (PKCS#1, SEC1 and PKCS#8 keys),
 * expired and not-yet-valid leaves, encrypted keys, a stray key and a leaf
 * of an unrelated root. Takes about a second (two RSA keys).
 */
export function createTestPki(dir: string, passphrase = 'correct horse battery staple'): TestPki {
  mkdirSync(join(dir, 'issued'), { recursive: true });
  writeFileSync(join(dir, 'index.txt'), '');
  writeFileSync(join(dir, 'serial'), '01\n');
  writeFileSync(join(dir, 'ca.cnf'), CA_CONFIG);
  const env = { ...process.env, PKI_DIR: dir };
  const path = (name: string): string => join(dir, name);
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const rsaKey = (name: string): string => {
    openssl('genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', path(name));
    return path(name);
  };
  const ecKey = (name: string): string => {
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path(name));
    return path(name);
  };
  const selfSignedRoot = (name: string, key: string, cn: string): string => {
    openssl(
      'req',
      '-x509',
      '-new',
      '-key',
      key,
      '-subj',
      `/CN=${cn}`,
      '-days',
      '3650',
      '-sha256',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
      '-out',
      path(name),
    );
    return path(name);
  };
  const issue = (name: string, key: string, cn: string, issuer: { certificate: string; key: string }, options: { ca?: boolean; start?: string; end?: string } = {}): string => {
    const csr = path(`${name}.csr`);
    openssl('req', '-new', '-key', key, '-subj', `/CN=${cn}`, '-out', csr);
    const start = options.start ?? new Date(Date.now() - 3600_000).toISOString().replace(/[-:T]/gu, '').slice(0, 14) + 'Z';
    const end = options.end ?? new Date(Date.now() + 365 * 86400_000).toISOString().replace(/[-:T]/gu, '').slice(0, 14) + 'Z';
    openssl(
      'ca',
      '-batch',
      '-config',
      path('ca.cnf'),
      '-notext',
      '-rand_serial',
      '-cert',
      issuer.certificate,
      '-keyfile',
      issuer.key,
      '-in',
      csr,
      '-out',
      path(name),
      '-startdate',
      start,
      '-enddate',
      end,
      '-extensions',
      options.ca === true ? 'ca_ext' : 'leaf_ext',
    );
    return path(name);
  };

  const rootKey = rsaKey('root.key');
  const rootCa = selfSignedRoot('root.pem', rootKey, 'cred-launch test root CA');
  const intermediateKey = ecKey('intermediate.key');
  const intermediateCa = issue('intermediate.pem', intermediateKey, 'cred-launch test intermediate CA', { certificate: rootCa, key: rootKey }, { ca: true });
  const intermediate = { certificate: intermediateCa, key: intermediateKey };

  const rsaPkcs8 = rsaKey('rsa-leaf.pkcs8.key');
  openssl('pkey', '-in', rsaPkcs8, '-traditional', '-out', path('rsa-leaf.key'));
  const rsaLeaf = { certificate: issue('rsa-leaf.pem', rsaPkcs8, 'rsa-leaf.example.test', intermediate), privateKey: path('rsa-leaf.key') };
  const ecPkcs8 = ecKey('ec-leaf.pkcs8.key');
  openssl('ec', '-in', ecPkcs8, '-out', path('ec-leaf.key'));
  const ecLeaf = { certificate: issue('ec-leaf.pem', ecPkcs8, 'ec-leaf.example.test', intermediate), privateKey: path('ec-leaf.key') };
  const directKey = ecKey('direct-leaf.key');
  const directLeaf = { certificate: issue('direct-leaf.pem', directKey, 'direct-leaf.example.test', { certificate: rootCa, key: rootKey }), privateKey: directKey };
  const expiredLeaf = {
    certificate: issue('expired-leaf.pem', rsaPkcs8, 'expired-leaf.example.test', intermediate, { start: '20200101000000Z', end: '20210101000000Z' }),
    privateKey: rsaPkcs8,
  };
  const futureLeaf = {
    certificate: issue('future-leaf.pem', rsaPkcs8, 'future-leaf.example.test', intermediate, { start: '20900101000000Z', end: '20910101000000Z' }),
    privateKey: rsaPkcs8,
  };

  const passphraseFile = path('passphrase.txt');
  writeFileSync(passphraseFile, `${passphrase}\n`, { mode: 0o600 });
  openssl('pkey', '-in', rsaPkcs8, '-aes256', '-passout', `file:${passphraseFile}`, '-out', path('rsa-leaf.encrypted-pkcs8.key'));
  openssl('rsa', '-in', rsaPkcs8, '-traditional', '-aes256', '-passout', `file:${passphraseFile}`, '-out', path('rsa-leaf.encrypted-traditional.key'));

  const strayEcKey = ecKey('stray.key');
  const otherRootKey = ecKey('other-root.key');
  const untrustedRootCa = selfSignedRoot('other-root.pem', otherRootKey, 'unrelated root CA');
  const untrustedKey = ecKey('untrusted-leaf.key');
  const untrustedLeaf = {
    certificate: issue('untrusted-leaf.pem', untrustedKey, 'untrusted-leaf.example.test', { certificate: untrustedRootCa, key: otherRootKey }),
    privateKey: untrustedKey,
  };

  return {
    rootCa,
    intermediateCa,
    rsaLeaf,
    rsaLeafPkcs8Key: rsaPkcs8,
    ecLeaf,
    ecLeafPkcs8Key: ecPkcs8,
    directLeaf,
    expiredLeaf,
    futureLeaf,
    encryptedPkcs8Key: path('rsa-leaf.encrypted-pkcs8.key'),
    encryptedTraditionalKey: path('rsa-leaf.encrypted-traditional.key'),
    passphraseFile,
    passphrase,
    strayEcKey,
    untrustedLeaf,
    untrustedRootCa,
  };
}

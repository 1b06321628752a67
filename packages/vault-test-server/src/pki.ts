import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A CA, a server certificate for 127.0.0.1/localhost and a client certificate, as files and PEM text. */
export interface TestPki {
  /** Directory holding every file. */
  readonly dir: string;
  /** CA certificate (what `VAULT_CACERT` points at). */
  readonly caCertFile: string;
  readonly caCert: string;
  readonly serverCertFile: string;
  readonly serverCert: string;
  readonly serverKeyFile: string;
  readonly serverKey: string;
  /** Client certificate and key signed by the same CA (for `VAULT_CLIENT_CERT` / `VAULT_CLIENT_KEY`). */
  readonly clientCertFile: string;
  readonly clientCert: string;
  readonly clientKeyFile: string;
  readonly clientKey: string;
}

/** Options for {@link createTestPki}. */
export interface TestPkiOptions {
  /** Where to write the files. @default a new directory under the OS temp dir */
  dir?: string;
  /** Common name of the CA, to tell several test CAs apart. @default 'vault-test-server CA' */
  caName?: string;
}

async function openssl(dir: string, args: string[]): Promise<void> {
  await run('openssl', args, { cwd: dir });
}

async function leaf(dir: string, name: string, subject: string, extensions: string): Promise<void> {
  await openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${name}.key`]);
  await openssl(dir, ['req', '-new', '-key', `${name}.key`, '-subj', subject, '-out', `${name}.csr`]);
  await writeFile(join(dir, `${name}.ext`), extensions);
  await openssl(dir, [
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-sha256',
    '-extfile',
    `${name}.ext`,
    '-out',
    `${name}.pem`,
  ]);
}

/**
 * Makes a throw-away PKI with the real `openssl` CLI (EC P-256 keys, valid
 * two days): what a Vault operator's CA setup looks like, minus the care.
 */
export async function createTestPki(options: TestPkiOptions = {}): Promise<TestPki> {
  const dir = options.dir ?? (await mkdtemp(join(tmpdir(), 'vault-test-pki-')));
  await openssl(dir, ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key']);
  await openssl(dir, [
    'req',
    '-x509',
    '-new',
    '-key',
    'ca.key',
    '-sha256',
    '-days',
    '2',
    '-subj',
    `/CN=${options.caName ?? 'vault-test-server CA'}`,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    'ca.pem',
  ]);
  await leaf(
    dir,
    'server',
    '/CN=localhost',
    'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n',
  );
  await leaf(dir, 'client', '/CN=vault-test-client', 'extendedKeyUsage=clientAuth\nbasicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\n');
  const read = (file: string): Promise<string> => readFile(join(dir, file), 'utf8');
  return {
    dir,
    caCertFile: join(dir, 'ca.pem'),
    caCert: await read('ca.pem'),
    serverCertFile: join(dir, 'server.pem'),
    serverCert: await read('server.pem'),
    serverKeyFile: join(dir, 'server.key'),
    serverKey: await read('server.key'),
    clientCertFile: join(dir, 'client.pem'),
    clientCert: await read('client.pem'),
    clientKeyFile: join(dir, 'client.key'),
    clientKey: await read('client.key'),
  };
}

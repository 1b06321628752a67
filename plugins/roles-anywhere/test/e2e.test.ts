/**
 * End to end through the built `cred-launch` bin (packages/launcher), as the
 * AWS SDKs run it from credential_process, against the local Roles Anywhere
 * test server (not AWS), which verifies every signature with the
 * certificate's public key. Certificates and keys are made by openssl.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromIni } from '@aws-sdk/credential-providers';
import { credLaunchCommand, runCredLaunch, withAwsProfile, type RunCredLaunchResult } from '@cred-launch/testkit';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { argvFor, CANARY, FIXED, REGION, SHORT_PROFILE_ARN, PROFILE_ARN, startBackend, type Backend } from './helpers.js';

const pluginDir = new URL('..', import.meta.url).pathname;
let backend: Backend;
let random: Backend;

beforeAll(async () => {
  backend = await startBackend();
  random = await startBackend({ fixed: false });
});

afterAll(async () => {
  await backend.close();
  await random.close();
});

function launch(argv: string[], env: Record<string, string | undefined> = {}, launcherOptions: string[] = ['--no-cache']): Promise<RunCredLaunchResult> {
  return runCredLaunch([...launcherOptions, pluginDir, ...argv], {
    from: import.meta.url,
    env: { AWS_REGION: undefined, AWS_ENDPOINT_URL: undefined, AWS_ENDPOINT_URL_ROLESANYWHERE: undefined, ...env },
    timeoutMs: 60_000,
  });
}

function document(result: RunCredLaunchResult): Record<string, unknown> {
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Record<string, unknown>;
}

function refused(result: RunCredLaunchResult, exitCode: number): string {
  expect(result.code).toBe(exitCode);
  expect(result.stdout).toBe('');
  expect(result.stderr).not.toContain(CANARY);
  expect(result.stderr).not.toMatch(/PRIVATE KEY|\n\s+at /u);
  expect(result.stderr.trim().split('\n').length).toBeLessThanOrEqual(2);
  return result.stderr;
}

describe('signing and the answer', () => {
  test('RSA (PKCS#1 key) leaf with an intermediate: AWS4-X509-RSA-SHA256, chain sent, document with Expiration', async () => {
    const before = backend.service.sessions.length;
    const output = document(
      await launch(
        argvFor(backend.server.url, backend.pki.rsaLeaf.certificate, backend.pki.rsaLeaf.privateKey, ['--intermediates', backend.pki.intermediateCa, '--session-duration', '1800']),
      ),
    );
    expect(output).toMatchObject({ Version: 1, AccessKeyId: FIXED.accessKeyId, SecretAccessKey: CANARY, SessionToken: FIXED.sessionToken, AccountId: '123456789012' });
    const expires = Date.parse(String(output.Expiration));
    expect(expires - Date.now()).toBeGreaterThan(1700_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(1800_000);
    const session = backend.service.sessions[before]!;
    expect(session).toMatchObject({ algorithm: 'AWS4-X509-RSA-SHA256', intermediates: 1, durationSeconds: 1800, profileArn: PROFILE_ARN });
    expect(backend.server.requests.at(-1)).toMatchObject({ verified: true, region: REGION, accessKeyId: session.serialNumber });
  });

  test.each([
    ['SEC1', 'ecLeaf'],
    ['PKCS#8', 'ecLeafPkcs8Key'],
  ] as const)('P-256 leaf, %s key: AWS4-X509-ECDSA-SHA256', async (_label, keyName) => {
    const key = keyName === 'ecLeaf' ? backend.pki.ecLeaf.privateKey : backend.pki.ecLeafPkcs8Key;
    const before = backend.service.sessions.length;
    document(
      await launch(argvFor(backend.server.url, backend.pki.ecLeaf.certificate, key, ['--intermediates', backend.pki.intermediateCa, '--role-session-name', 'build-agent-7'])),
    );
    expect(backend.service.sessions[before]).toMatchObject({ algorithm: 'AWS4-X509-ECDSA-SHA256', intermediates: 1, roleSessionName: 'build-agent-7' });
  });

  test('RSA key as PKCS#8, leaf issued by the root itself: no X-Amz-X509-Chain', async () => {
    document(await launch(argvFor(backend.server.url, backend.pki.rsaLeaf.certificate, backend.pki.rsaLeafPkcs8Key, ['--intermediates', backend.pki.intermediateCa])));
    const before = backend.service.sessions.length;
    document(await launch(argvFor(backend.server.url, backend.pki.directLeaf.certificate, backend.pki.directLeaf.privateKey)));
    expect(backend.service.sessions[before]).toMatchObject({ intermediates: 0 });
    expect(backend.server.requests.at(-1)?.headers['x-amz-x509-chain']).toBeUndefined();
  });

  test('the endpoint may come from AWS_ENDPOINT_URL_ROLESANYWHERE and the region from the trust anchor ARN', async () => {
    const argv = argvFor('unused', backend.pki.directLeaf.certificate, backend.pki.directLeaf.privateKey).slice(0, -2);
    document(await launch(argv, { AWS_ENDPOINT_URL_ROLESANYWHERE: backend.server.url, AWS_REGION: 'us-west-2' }));
    expect(backend.server.requests.at(-1)).toMatchObject({ verified: true, region: REGION });
  });
});

describe('AWS SDK acceptance', () => {
  test('the AWS SDK for JavaScript resolves a credential_process profile using the plugin (fromIni)', async () => {
    const argv = argvFor(backend.server.url, backend.pki.ecLeaf.certificate, backend.pki.ecLeaf.privateKey, ['--intermediates', backend.pki.intermediateCa]);
    const cacheDir = mkdtempSync(join(tmpdir(), 'cred-launch-ra-sdk-'));
    await withAwsProfile({ command: credLaunchCommand([pluginDir, ...argv], { from: import.meta.url }) }, async (config) => {
      const previous = process.env.CRED_LAUNCH_CACHE_DIR;
      process.env.CRED_LAUNCH_CACHE_DIR = cacheDir;
      try {
        const credentials = await fromIni({ profile: config.profile, configFilepath: config.configFile, filepath: config.credentialsFile, ignoreCache: true })();
        expect(credentials).toMatchObject({ accessKeyId: FIXED.accessKeyId, secretAccessKey: CANARY, sessionToken: FIXED.sessionToken });
        expect(credentials.expiration!.getTime()).toBeGreaterThan(Date.now());
      } finally {
        if (previous === undefined) delete process.env.CRED_LAUNCH_CACHE_DIR;
        else process.env.CRED_LAUNCH_CACHE_DIR = previous;
      }
    });
  });
});

describe('the cache: CreateSession is rate-limited', () => {
  test('16 parallel cold calls through the bin make one CreateSession request and print the same credentials', async () => {
    const cacheDir = mkdtempSync(join(tmpdir(), 'cred-launch-ra-cache-'));
    const argv = argvFor(random.server.url, random.pki.ecLeaf.certificate, random.pki.ecLeaf.privateKey, ['--intermediates', random.pki.intermediateCa]);
    const before = random.requestCount();
    const results = await Promise.all(Array.from({ length: 16 }, () => launch(argv, { CRED_LAUNCH_CACHE_DIR: cacheDir }, [])));
    const keys = new Set(results.map((result) => String(document(result).AccessKeyId)));
    expect(keys.size).toBe(1);
    expect(random.requestCount() - before).toBe(1);
    expect(random.service.sessions.at(-1)?.accessKeyId).toBe([...keys][0]);
  }, 120_000);
});

describe('refused before any request', () => {
  const cases = [
    ['an expired certificate', 'expiredLeaf', /has expired \(valid 2020-01-01T00:00:00Z to 2021-01-01T00:00:00Z, now \d{4}-/u],
    ['a certificate not valid yet', 'futureLeaf', /is not valid yet \(valid 2090-01-01T00:00:00Z to 2091-01-01T00:00:00Z, now \d{4}-/u],
  ] as const;
  test.each(cases)('%s: CONFIG (78) with the dates', async (_label, name, pattern) => {
    const before = backend.requestCount();
    const stderr = refused(
      await launch(argvFor(backend.server.url, backend.pki[name].certificate, backend.pki[name].privateKey, ['--intermediates', backend.pki.intermediateCa])),
      78,
    );
    expect(stderr).toMatch(pattern);
    expect(backend.requestCount()).toBe(before);
  });

  test('a key that does not belong to the certificate: CONFIG (78)', async () => {
    const before = backend.requestCount();
    expect(refused(await launch(argvFor(backend.server.url, backend.pki.ecLeaf.certificate, backend.pki.strayEcKey)), 78)).toContain('does not belong to certificate');
    expect(backend.requestCount()).toBe(before);
  });

  test('an encrypted key without a passphrase file: CONFIG (78) naming the flag', async () => {
    const before = backend.requestCount();
    expect(refused(await launch(argvFor(backend.server.url, backend.pki.rsaLeaf.certificate, backend.pki.encryptedPkcs8Key)), 78)).toContain('--private-key-passphrase-file');
    expect(backend.requestCount()).toBe(before);
  });

  test('a missing certificate file: NOT_FOUND (66)', async () => {
    expect(refused(await launch(argvFor(backend.server.url, join(backend.dir, 'nope.pem'), backend.pki.rsaLeaf.privateKey)), 66)).toContain('certificate not found');
  });

  test('a PKCS#12 file: CONFIG (78) with the conversion', async () => {
    const p12 = join(backend.dir, 'bundle.p12');
    writeFileSync(p12, Buffer.from([0x30, 0x82, 0x01, 0x00, 0x02, 0x01, 0x03]));
    expect(refused(await launch(argvFor(backend.server.url, p12, backend.pki.rsaLeaf.privateKey)), 78)).toContain('openssl pkcs12');
  });
});

describe('a FIFO given as a file (issue 14): refused at once, never read', () => {
  // Each used to block open() until the launcher's exit fallback killed the process.
  test.each(['--certificate', '--private-key', '--intermediates', '--private-key-passphrase-file'])('a FIFO as %s: CONFIG (78) within 5 s at --timeout 20', async (flag) => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'ra-fifo-')), 'input.fifo');
    execFileSync('mkfifo', [fifo]);
    const certificate = flag === '--certificate' ? fifo : backend.pki.rsaLeaf.certificate;
    const key = flag === '--private-key' ? fifo : flag === '--private-key-passphrase-file' ? backend.pki.encryptedPkcs8Key : backend.pki.rsaLeaf.privateKey;
    const extra = flag === '--intermediates' || flag === '--private-key-passphrase-file' ? [flag, fifo] : [];
    const before = backend.requestCount();
    const started = Date.now();
    const result = await launch(argvFor(backend.server.url, certificate, key, extra), {}, ['--no-cache', '--timeout', '20']);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(refused(result, 78)).toContain(`${fifo} is a FIFO (named pipe), not a regular file`);
    expect(backend.requestCount()).toBe(before);
  });
});

describe('encrypted keys with --private-key-passphrase-file', () => {
  test.each([
    ['PKCS#8 (BEGIN ENCRYPTED PRIVATE KEY)', 'encryptedPkcs8Key'],
    ['traditional (Proc-Type: 4,ENCRYPTED)', 'encryptedTraditionalKey'],
  ] as const)('%s: decrypted and used', async (_label, name) => {
    document(
      await launch(
        argvFor(backend.server.url, backend.pki.rsaLeaf.certificate, backend.pki[name], [
          '--intermediates',
          backend.pki.intermediateCa,
          '--private-key-passphrase-file',
          backend.pki.passphraseFile,
        ]),
      ),
    );
  });

  test('a passphrase file others can read: CONFIG (78), passphrase not printed', async () => {
    const open = join(backend.dir, 'open-passphrase.txt');
    writeFileSync(open, `${backend.pki.passphrase}\n`);
    chmodSync(open, 0o644);
    const stderr = refused(await launch(argvFor(backend.server.url, backend.pki.rsaLeaf.certificate, backend.pki.encryptedPkcs8Key, ['--private-key-passphrase-file', open])), 78);
    expect(stderr).toContain('0644');
    expect(stderr).not.toContain(backend.pki.passphrase);
  });

  test('a wrong passphrase: AUTH (77), passphrase not printed', async () => {
    const wrong = join(backend.dir, 'wrong-passphrase.txt');
    writeFileSync(wrong, 'not the passphrase\n', { mode: 0o600 });
    const stderr = refused(
      await launch(argvFor(backend.server.url, backend.pki.rsaLeaf.certificate, backend.pki.encryptedTraditionalKey, ['--private-key-passphrase-file', wrong])),
      77,
    );
    expect(stderr).toContain('does not decrypt');
    expect(stderr).not.toContain('not the passphrase');
  });
});

describe('--verbose shows no key material', () => {
  test('debug lines and causes name the serial number and paths, never the key, the passphrase or the credentials', async () => {
    const { pki } = backend;
    const keyLines = readFileSync(pki.encryptedPkcs8Key, 'utf8')
      .split('\n')
      .filter((line) => line.length > 20 && !line.startsWith('-----'));
    const wrong = join(backend.dir, 'verbose-wrong-passphrase.txt');
    writeFileSync(wrong, 'verbose wrong passphrase\n', { mode: 0o600 });
    const good = await launch(
      argvFor(backend.server.url, pki.rsaLeaf.certificate, pki.encryptedPkcs8Key, ['--intermediates', pki.intermediateCa, '--private-key-passphrase-file', pki.passphraseFile]),
      {},
      ['--no-cache', '--verbose'],
    );
    expect(good.code).toBe(0);
    expect(good.stderr).toMatch(/certificate serial \d+/u);
    const bad = await launch(argvFor(backend.server.url, pki.rsaLeaf.certificate, pki.encryptedPkcs8Key, ['--private-key-passphrase-file', wrong]), {}, [
      '--no-cache',
      '--verbose',
    ]);
    expect(bad.code).toBe(77);
    for (const stderr of [good.stderr, bad.stderr]) {
      for (const secret of [...keyLines, pki.passphrase, 'verbose wrong passphrase', CANARY, FIXED.sessionToken]) expect(stderr).not.toContain(secret);
    }
  });
});

describe('service errors', () => {
  test('untrusted certificate (another root): AUTH (77) with a chain hint', async () => {
    expect(refused(await launch(argvFor(backend.server.url, backend.pki.untrustedLeaf.certificate, backend.pki.untrustedLeaf.privateKey)), 77)).toMatch(
      /AccessDeniedException \(403\): Untrusted signing certificate[\s\S]*--intermediates/u,
    );
  });

  test('intermediate left out: AUTH (77)', async () => {
    expect(refused(await launch(argvFor(backend.server.url, backend.pki.rsaLeaf.certificate, backend.pki.rsaLeaf.privateKey)), 77)).toContain('Untrusted signing certificate');
  });

  test('ValidationException (session longer than the profile allows): USAGE (64)', async () => {
    const argv = argvFor(backend.server.url, backend.pki.directLeaf.certificate, backend.pki.directLeaf.privateKey, ['--session-duration', '3600']).map((item) =>
      item === PROFILE_ARN ? SHORT_PROFILE_ARN : item,
    );
    expect(refused(await launch(argv), 64)).toContain('ValidationException (400)');
  });

  test.each([
    ['ThrottlingException', 429, 69],
    ['InternalServerException', 500, 69],
  ] as const)('%s (%i): BACKEND (%i)', async (type, status, exitCode) => {
    backend.server.addFault({ operation: 'CreateSession', times: 1, error: { type, status } });
    expect(refused(await launch(argvFor(backend.server.url, backend.pki.directLeaf.certificate, backend.pki.directLeaf.privateKey)), exitCode)).toContain(type);
  });

  test('nothing listening: BACKEND (69)', async () => {
    expect(refused(await launch(argvFor('http://127.0.0.1:9', backend.pki.directLeaf.certificate, backend.pki.directLeaf.privateKey)), 69)).toContain('cannot reach');
  });

  test('a server that never answers: TIMEOUT (75) at the launcher time limit', async () => {
    backend.server.addFault({ operation: 'CreateSession', times: 1, hang: true });
    const started = Date.now();
    const result = await launch(argvFor(backend.server.url, backend.pki.directLeaf.certificate, backend.pki.directLeaf.privateKey), {}, ['--no-cache', '--timeout', '2s']);
    expect(refused(result, 75)).toContain('2');
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});

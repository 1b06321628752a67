/**
 * Every error path, driven with a canary secret (in the credentials and as the
 * passphrase): each must give its code, a one-line `file: …` message with a
 * hint, and never the canary — not in the message, not in the hint, not even
 * in the (redacted) cause that --verbose would show.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, closeSync, constants, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { CredentialError } from '@cred-launch/core';
import { afterAll, describe, expect, test } from 'vitest';
import { encryptAge, generateAgeIdentityFile } from '../src/age.js';
import { armorOpenssl, encryptOpenssl } from '../src/openssl.js';
import { CANARY, CANARY_PASS, CREDENTIALS_INI, IS_ROOT, resolve, tempDir, writeSecret, type Resolution } from './helpers.js';

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const params = { iterations: 10000, digest: 'sha256' } as const;
const path = (name: string): string => join(dir, name);

const key = writeSecret(path('good.key'), `${CANARY_PASS}\n`);
const wrongKey = writeSecret(path('wrong.key'), 'another-passphrase-entirely\n');
const encrypted = encryptOpenssl(Buffer.from(CREDENTIALS_INI), Buffer.from(CANARY_PASS), params);
const enc = writeSecret(path('creds.enc'), encrypted);
const encrypt = (name: string, text: string): string => writeSecret(path(name), encryptOpenssl(Buffer.from(text), Buffer.from(CANARY_PASS), params));

function expectSafeError(result: Resolution, code: string, fragment?: string): void {
  expect(result.credentials).toBeUndefined();
  expect(result.error?.code).toBe(code);
  const message = result.error?.message ?? '';
  expect(message.startsWith('file: ') || code === 'TIMEOUT').toBe(true);
  expect(message).not.toContain('\n');
  expect(result.error?.hint ?? '').not.toBe('');
  if (fragment !== undefined) expect(`${message} ${result.error?.hint ?? ''}`).toContain(fragment);
  const visible = `${message}\n${result.error?.hint ?? ''}`;
  for (const secret of [CANARY, CANARY_PASS, 'CANARY']) expect(visible).not.toContain(secret);
  // What --verbose would print about the cause, after the launcher's redaction.
  expect(result.redactor.redact(inspect(result.error?.cause, { depth: 5 }))).not.toContain(CANARY);
}

describe('OpenSSL files', () => {
  test('sanity: the right key works', async () => {
    expect((await resolve([enc, '--key-file', key, '--profile', 'dev'])).credentials?.secretAccessKey).toBe(CANARY);
  });

  test('wrong key → AUTH "wrong key or not an OpenSSL file"', async () => {
    expectSafeError(await resolve([enc, '--key-file', wrongKey, '--profile', 'dev']), 'AUTH', 'wrong key or not an OpenSSL file');
  });

  test('an age identity file given for an OpenSSL file → AUTH saying so', async () => {
    const identity = writeSecret(path('mixed.agekey'), '# public key: age1x\nAGE-SECRET-KEY-1QYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSZQGPQYQSX0JPJK\n');
    expectSafeError(await resolve([enc, '--key-file', identity]), 'AUTH', 'holds an age identity');
  });

  test('wrong key from --key-env → AUTH naming the variable', async () => {
    expectSafeError(await resolve([enc, '--key-env', 'MY_KEY'], { env: { MY_KEY: 'nope-not-it' } }), 'AUTH', 'environment variable MY_KEY');
  });

  test('truncated binary file → INVALID_SECRET', async () => {
    expectSafeError(await resolve([writeSecret(path('cut.enc'), encrypted.subarray(0, encrypted.length - 7)), '--key-file', key]), 'INVALID_SECRET', 'truncated');
    expectSafeError(await resolve([writeSecret(path('header.enc'), encrypted.subarray(0, 12)), '--key-file', key]), 'INVALID_SECRET', 'truncated');
  });

  test('truncated base64 file → INVALID_SECRET', async () => {
    const armored = armorOpenssl(encrypted);
    expectSafeError(await resolve([writeSecret(path('cut.b64'), armored.slice(0, 101)), '--key-file', key]), 'INVALID_SECRET');
    expectSafeError(await resolve([writeSecret(path('junk.b64'), `${armored.slice(0, 70)}!!!\n`), '--key-file', key]), 'INVALID_SECRET', 'base64');
  });

  test('a plaintext credentials file → CONFIG telling to run the encrypt command', async () => {
    expectSafeError(await resolve([writeSecret(path('plain'), CREDENTIALS_INI), '--key-file', key]), 'CONFIG', 'cred-launch file encrypt');
  });

  test('a file in no known format → CONFIG', async () => {
    expectSafeError(await resolve([writeSecret(path('random.bin'), Buffer.from([0x8f, 0x00, 0x13, 0x37, 0xff])), '--key-file', key]), 'CONFIG', 'not an OpenSSL enc');
  });

  test('an empty file → INVALID_SECRET', async () => {
    expectSafeError(await resolve([writeSecret(path('empty.enc'), ''), '--key-file', key]), 'INVALID_SECRET', 'empty');
  });

  test('missing profile → NOT_FOUND listing the profile names', async () => {
    expectSafeError(await resolve([enc, '--key-file', key, '--profile', 'prod']), 'NOT_FOUND', 'profiles present: default, dev');
  });

  test('missing encrypted file → NOT_FOUND', async () => {
    expectSafeError(await resolve([path('nope.enc'), '--key-file', key]), 'NOT_FOUND', path('nope.enc'));
  });
});

describe('decrypted content', () => {
  test('not credentials → INVALID_SECRET', async () => {
    expectSafeError(await resolve([encrypt('words.enc', `just ${CANARY} words`), '--key-file', key]), 'INVALID_SECRET');
  });

  test('broken JSON → INVALID_SECRET without quoting it', async () => {
    expectSafeError(await resolve([encrypt('broken.enc', `{"AccessKeyId": "AKIA", "SecretAccessKey": "${CANARY}",,}`), '--key-file', key]), 'INVALID_SECRET', 'not valid JSON');
  });

  test('a profile without an access key id → INVALID_SECRET naming fields', async () => {
    expectSafeError(await resolve([encrypt('nokey.enc', `[default]\naws_secret_access_key = ${CANARY}\n`), '--key-file', key]), 'INVALID_SECRET', 'aws_access_key_id');
  });

  test('expired credential_process JSON → INVALID_SECRET from core validation', async () => {
    const json = JSON.stringify({ Version: 1, AccessKeyId: 'AKIAOLD', SecretAccessKey: CANARY, SessionToken: `${CANARY}tok`, Expiration: '2001-01-01T00:00:00Z' });
    const result = await resolve([encrypt('expired.enc', json), '--key-file', key]);
    expect(result.error?.code).toBe('INVALID_SECRET');
    expect(visibleText(result)).not.toContain(CANARY);
  });
});

describe('key problems', () => {
  test('missing key file → NOT_FOUND', async () => {
    expectSafeError(await resolve([enc, '--key-file', path('missing.key')]), 'NOT_FOUND', 'key file');
  });

  test.skipIf(process.platform === 'win32')('group/world readable key file → CONFIG, like ssh', async () => {
    const open = writeSecret(path('open.key'), `${CANARY_PASS}\n`, 0o644);
    expectSafeError(await resolve([enc, '--key-file', open]), 'CONFIG', 'chmod 600');
  });

  test('a directory as key file → CONFIG', async () => {
    mkdirSync(path('keydir'));
    chmodSync(path('keydir'), 0o700);
    expectSafeError(await resolve([enc, '--key-file', path('keydir')]), 'CONFIG', 'directory');
  });

  test.skipIf(IS_ROOT || process.platform === 'win32')('an unreadable key file → CONFIG (root reads anything, so not as root)', async () => {
    const locked = writeSecret(path('locked.key'), `${CANARY_PASS}\n`, 0o000);
    expectSafeError(await resolve([enc, '--key-file', locked]), 'CONFIG', 'permission denied');
  });

  test('an empty key file → CONFIG', async () => {
    expectSafeError(await resolve([enc, '--key-file', writeSecret(path('empty.key'), '\n')]), 'CONFIG', 'empty');
  });

  test('--key-env naming an unset variable → CONFIG', async () => {
    expectSafeError(await resolve([enc, '--key-env', 'UNSET_KEY_VAR']), 'CONFIG', 'UNSET_KEY_VAR');
  });

  test('usage errors come first, whatever the files', async () => {
    const result = await resolve([enc]);
    expect(result.error?.code).toBe('USAGE');
  });
});

describe('age files', async () => {
  const generated = await generateAgeIdentityFile(new Date());
  const identity = writeSecret(path('id.agekey'), generated.text);
  const otherIdentity = writeSecret(path('other.agekey'), (await generateAgeIdentityFile(new Date())).text);
  const toIdentity = writeSecret(path('creds.age'), await encryptAge(Buffer.from(CREDENTIALS_INI), { kind: 'recipients', recipients: [generated.recipient] }, false));
  const armored = await encryptAge(Buffer.from(CREDENTIALS_INI), { kind: 'recipients', recipients: [generated.recipient] }, true);
  const toPassphrase = writeSecret(path('pass.age'), await encryptAge(Buffer.from(CREDENTIALS_INI), { kind: 'passphrase', passphrase: CANARY_PASS, workFactor: 10 }, false));

  test('sanity: identity and passphrase work', async () => {
    expect((await resolve([toIdentity, '--key-file', identity, '--profile', 'dev'])).credentials?.secretAccessKey).toBe(CANARY);
    expect((await resolve([toPassphrase, '--key-file', key])).credentials?.accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
  });

  test('wrong identity → AUTH', async () => {
    expectSafeError(await resolve([toIdentity, '--key-file', otherIdentity]), 'AUTH', 'wrong key');
  });

  test('wrong passphrase → AUTH', async () => {
    expectSafeError(await resolve([toPassphrase, '--key-file', wrongKey]), 'AUTH', 'wrong passphrase');
  });

  test('identity for a passphrase file, passphrase for an identity file → AUTH saying which', async () => {
    expectSafeError(await resolve([toPassphrase, '--key-file', identity]), 'AUTH', 'encrypted with a passphrase');
    expectSafeError(await resolve([toIdentity, '--key-file', key]), 'AUTH', 'holds a passphrase, not an identity');
  });

  test('truncated age file → INVALID_SECRET', async () => {
    const full = Buffer.from(await encryptAge(Buffer.from(CREDENTIALS_INI), { kind: 'recipients', recipients: [generated.recipient] }, false));
    expectSafeError(await resolve([writeSecret(path('cut.age'), full.subarray(0, full.length - 20)), '--key-file', identity]), 'INVALID_SECRET', 'truncated');
    expectSafeError(await resolve([writeSecret(path('header.age'), full.subarray(0, 60)), '--key-file', identity]), 'INVALID_SECRET');
  });

  test('damaged armor → INVALID_SECRET', async () => {
    const text = armored.toString('utf8');
    expectSafeError(await resolve([writeSecret(path('cut.age.asc'), text.slice(0, text.length - 40)), '--key-file', identity]), 'INVALID_SECRET', 'armor');
  });

  test('an invalid identity in the key file → CONFIG without quoting it', async () => {
    const bad = writeSecret(path('bad.agekey'), '# comment\nAGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ\n');
    const result = await resolve([toIdentity, '--key-file', bad]);
    expectSafeError(result, 'CONFIG', 'identity 1');
    expect(visibleText(result)).not.toContain('AGE-SECRET-KEY-1QQQ');
  });
});

describe.skipIf(process.platform === 'win32')('time limit', () => {
  // A FIFO without writer used to block open() until the signal fired; it is
  // now refused before any read (O_NONBLOCK open, fstat), so it cannot hang.
  test('a file that never delivers (a FIFO without writer) is refused at once → CONFIG, before the abort signal', async () => {
    const fifo = path('never.fifo');
    execFileSync('mkfifo', [fifo]);
    const controller = new AbortController();
    const started = Date.now();
    const timer = setTimeout(() => controller.abort(new Error('time limit')), 5_000);
    const result = await resolve([fifo, '--key-file', key], { signal: controller.signal });
    clearTimeout(timer);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(controller.signal.aborted).toBe(false);
    expectSafeError(result, 'CONFIG', 'is a FIFO (named pipe), not a regular file');
    // Nothing is left open on the FIFO: once the plugin's asynchronous close()
    // has run, a non-blocking writer finds no reader (ENXIO).
    const writerFindsNoReader = (): boolean => {
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
        return false;
      } catch (error) {
        return (error as NodeJS.ErrnoException).code === 'ENXIO';
      }
    };
    const giveUpAt = Date.now() + 2_000;
    while (!writerFindsNoReader() && Date.now() < giveUpAt) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(writerFindsNoReader()).toBe(true);
  });

  test('a read still gives way to the abort signal → TIMEOUT', async () => {
    const controller = new AbortController();
    controller.abort(new CredentialError('TIMEOUT', 'time limit'));
    const result = await resolve([enc, '--key-file', key], { signal: controller.signal });
    expect(result.error?.code).toBe('TIMEOUT');
  });
});

function visibleText(result: Resolution): string {
  return `${result.error?.message ?? ''}\n${result.error?.hint ?? ''}`;
}

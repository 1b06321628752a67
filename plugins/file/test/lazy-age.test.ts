/**
 * The OpenSSL path, --help and argument parsing must never load
 * age-encryption (it costs more start-up than the whole OpenSSL decrypt);
 * neither does an age file the node:crypto fast path opens. Writing age
 * files does. The mock factory runs exactly when the module is first
 * imported, so counting its calls counts real imports.
 */
import { join } from 'node:path';
import { afterAll, describe, expect, test, vi } from 'vitest';
import { encryptOpenssl } from '../src/openssl.js';
import { CREDENTIALS_INI, resolve, tempDir, writeSecret } from './helpers.js';

const loads = vi.hoisted(() => ({ count: 0 }));
vi.mock('age-encryption', async (importOriginal) => {
  loads.count += 1;
  return await importOriginal();
});

// Made by the real age-keygen and `age -a -r` (age 1.1.1); a test key, for this test only.
const AGE_FIXTURE_IDENTITY = `# created: 2026-11-30T11:15:58Z
# public key: age1c4pm8swq78pyzht77900s5tf3yeuawjkletrjyatn4q5tmtwyvuswgachd
AGE-SECRET-KEY-1QQJXXPRRYCAE5AJ29J98QMKZ9XX6GSQQE27K975K64TRW6CQQ5VQ6WMZ02
`;
const AGE_FIXTURE_FILE = `-----BEGIN AGE ENCRYPTED FILE-----
YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBhUmkzY013RmcxNXV5Ymt5
WUFUa0x1NG9aUzdkNS9yZHFpUS9BazVuTWg4CnRwM2RubVc3bncraGVNaitGbjdM
NzBFOFYycHdLZVB1MFB0d2FRRWErbXMKLS0tIGFieEFPQnM5U0gvYWRSUlJHWFNm
TlR2UUJERzdSY3poMlFtWS9nRVFxVTgKqadDycZFjHFQgNyim+M8tQ6vmk3sDohz
NlIdmVQDlsjItDpw8XE/VL7RFfJ71S749LvMnDxr5BWCJaiup8UCQUsopxqVKVYV
CcKQnth1cWZxAuqB8kaKokA4x69j4Wv/Pr9ROL4tw1Vkd0sd5HsUjX6BlH3FTyI4
BW9UP36LM/otgF6QzHp29Rxj6NkpMy5ySnbt8w==
-----END AGE ENCRYPTED FILE-----
`;

describe('age-encryption is imported lazily', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  test('decrypting an age file with the right identity does not load it (node:crypto fast path)', async () => {
    const idFile = writeSecret(join(dir, 'fixture-id'), AGE_FIXTURE_IDENTITY);
    const ageFile = writeSecret(join(dir, 'fixture.age'), AGE_FIXTURE_FILE);
    expect((await resolve([ageFile, '--key-file', idFile])).credentials?.accessKeyId).toBe('AKIAAGEFIXTURE000001');
    expect(loads.count).toBe(0);
  });

  test('importing the plugin, parsing, usage and an OpenSSL decrypt do not load it; generating an age identity does', async () => {
    const { default: source } = await import('../src/index.js');
    expect(source.usage).toContain('--key-file');
    const key = writeSecret(join(dir, 'k'), 'lazy-test-passphrase\n');
    const enc = writeSecret(join(dir, 'c.enc'), encryptOpenssl(Buffer.from(CREDENTIALS_INI), Buffer.from('lazy-test-passphrase'), { iterations: 10000, digest: 'sha256' }));
    expect((await resolve([enc, '--key-file', key])).credentials?.accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
    expect(loads.count).toBe(0);

    const { encryptAge, generateAgeIdentityFile } = await import('../src/age.js');
    expect(loads.count).toBe(0);
    const identity = await generateAgeIdentityFile(new Date());
    expect(loads.count).toBe(1);
    const ageFile = writeSecret(join(dir, 'c.age'), await encryptAge(Buffer.from(CREDENTIALS_INI), { kind: 'recipients', recipients: [identity.recipient] }, false));
    const idFile = writeSecret(join(dir, 'id'), identity.text);
    expect((await resolve([ageFile, '--key-file', idFile])).credentials?.accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
  });
});

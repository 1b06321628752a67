/**
 * The OpenSSL path, --help and argument parsing must never load
 * age-encryption (it costs more start-up than the whole OpenSSL decrypt);
 * only an age file does. The mock factory runs exactly when the module is
 * first imported, so counting its calls counts real imports.
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

describe('age-encryption is imported lazily', () => {
  const { dir, cleanup } = tempDir();
  afterAll(cleanup);

  test('importing the plugin, parsing, usage and an OpenSSL decrypt do not load it; an age file does', async () => {
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

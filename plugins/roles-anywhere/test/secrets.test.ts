/**
 * What the plugin registers with the launcher's redactor: the private key
 * text, the passphrase and the credentials — before anything can fail — so
 * even a cause shown with --verbose cannot carry them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { checkPassphraseFileStat } from '../src/passphrase-file.js';
import { argvFor, CANARY, FIXED, resolve, startBackend, type Backend } from './helpers.js';

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.close();
});

test("the private key, the passphrase and the answer's secrets are registered", async () => {
  const { pki } = backend;
  const result = await resolve(
    argvFor(backend.server.url, pki.rsaLeaf.certificate, pki.encryptedPkcs8Key, ['--intermediates', pki.intermediateCa, '--private-key-passphrase-file', pki.passphraseFile]),
  );
  expect(result.error).toBeUndefined();
  const keyText = readFileSync(pki.encryptedPkcs8Key, 'utf8');
  const keyLine = keyText.split('\n')[1]!;
  const seen = result.redactor.redact(`${keyText} ${keyLine} ${pki.passphrase} ${CANARY} ${FIXED.sessionToken}`);
  for (const secret of [keyLine, pki.passphrase, CANARY, FIXED.sessionToken]) expect(seen).not.toContain(secret);
});

test('a key refused for not matching the certificate was registered before the refusal', async () => {
  const result = await resolve(argvFor(backend.server.url, backend.pki.ecLeaf.certificate, backend.pki.strayEcKey));
  expect(result.error?.code).toBe('CONFIG');
  const keyLine = readFileSync(backend.pki.strayEcKey, 'utf8').split('\n')[1]!;
  expect(result.redactor.redact(keyLine)).not.toContain(keyLine);
});

test('passphrase file ownership and mode, as the file plugin checks its key file', () => {
  const owner = { uid: 1000, platform: 'linux' as const };
  expect(() => checkPassphraseFileStat({ mode: 0o100600, uid: 1000 }, '/p', owner)).not.toThrow();
  expect(() => checkPassphraseFileStat({ mode: 0o100640, uid: 1000 }, '/p', owner)).toThrow(/0640, which are too open/u);
  expect(() => checkPassphraseFileStat({ mode: 0o100600, uid: 0 }, '/p', owner)).toThrow(/owned by uid 0/u);
  expect(() => checkPassphraseFileStat({ mode: 0o100644, uid: 0 }, '/p', { uid: undefined, platform: 'win32' })).not.toThrow();
});

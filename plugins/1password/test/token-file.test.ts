import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCredentialError } from '@cred-launch/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOnePasswordSource } from '../src/source.js';
import { readTokenFile } from '../src/token-file.js';
import { fakeSdk } from './fake-sdk.js';
import { expectError, run } from './run.js';

const FILE_TOKEN = 'ops_FILEtokenCANARY0123456789abcdef';
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cl-1p-token-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function tokenFile(name: string, content: string, mode: number): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, content);
  await chmod(path, mode);
  return path;
}

async function configError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    if (isCredentialError(error, 'CONFIG')) return `${error.message} | ${error.hint ?? ''}`;
    throw error;
  }
  throw new Error('expected a CONFIG error');
}

const where = (): { cwd: string; homedir: string } => ({ cwd: dir, homedir: dir });

describe('--token-file', () => {
  test('a 0600 file is read and trimmed; relative paths and ~/ resolve against cwd and home', async () => {
    await tokenFile('ok', `${FILE_TOKEN}\n`, 0o600);
    expect(await readTokenFile(join(dir, 'ok'), where())).toBe(FILE_TOKEN);
    expect(await readTokenFile('ok', where())).toBe(FILE_TOKEN);
    expect(await readTokenFile('~/ok', where())).toBe(FILE_TOKEN);
  });

  test.skipIf(process.platform === 'win32')('group- or world-accessible files are refused, as ssh refuses private keys', async () => {
    for (const mode of [0o640, 0o604, 0o620, 0o644]) {
      const path = await tokenFile(`open-${mode.toString(8)}`, FILE_TOKEN, mode);
      const text = await configError(readTokenFile(path, where()));
      expect(text).toContain(`permissions 0${mode.toString(8)} on token file ${path} are too open`);
      expect(text).toContain(`chmod 600 ${path}`);
      expect(text).not.toContain(FILE_TOKEN);
    }
  });

  test.skipIf(process.platform === 'win32')('a file owned by another user is refused', async () => {
    const path = await tokenFile('owned', FILE_TOKEN, 0o600);
    expect(await configError(readTokenFile(path, { ...where(), uid: 4242 }))).toContain('is not owned by you');
  });

  test('missing, empty and directory paths are CONFIG errors naming the path', async () => {
    expect(await configError(readTokenFile('absent', where()))).toContain(`token file ${join(dir, 'absent')} does not exist`);
    expect(await configError(readTokenFile(await tokenFile('empty', ' \n', 0o600), where()))).toContain('is empty');
    await mkdir(join(dir, 'sub'), { recursive: true });
    expect(await configError(readTokenFile('sub', where()))).toContain('is not a regular file');
  });

  test('through the source: the file token is used, registered as a secret, and never printed', async () => {
    const path = await tokenFile('source', FILE_TOKEN, 0o600);
    const fake = fakeSdk({ fields: { 'op://v/i/access key id': 'AKIAIOSFODNN7EXAMPLE', 'op://v/i/secret access key': 'secret/value/123' }, acceptToken: 'nope' });
    const outcome = await run(createOnePasswordSource({ loadSdk: fake.load }), ['op://v/i', '--token-file', path], { env: {} });
    expect(fake.clients[0]?.auth).toEqual({ type: 'token', token: FILE_TOKEN });
    expectError(outcome, 'AUTH', [FILE_TOKEN]);
    expect(outcome.redactor.redact(FILE_TOKEN)).toBe('[REDACTED]');
  });

  test.skipIf(process.platform === 'win32')('through the source: an open file is refused before the SDK is loaded', async () => {
    const path = await tokenFile('source-open', FILE_TOKEN, 0o644);
    const fake = fakeSdk();
    expectError(await run(createOnePasswordSource({ loadSdk: fake.load }), ['op://v/i', '--token-file', path], { env: {} }), 'CONFIG', [FILE_TOKEN]);
    expect(fake.loads).toBe(0);
  });
});

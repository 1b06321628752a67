import { homedir } from 'node:os';
import { isCredentialError, runCredentialSource, SecretRedactor } from '@cred-launch/core';
import { describe, expect, it } from 'vitest';
import source from '../src/index.js';
import { fieldsCommand } from '../src/fields-command.js';
import { ACCESS_KEY_ID, createStore, FAKE_PASS, SECRET_KEY, SESSION_TOKEN, storeEnv } from './fixtures/store.js';

const env = storeEnv(createStore());

function run(argv: string[], redactor = new SecretRedactor()) {
  return runCredentialSource(source, ['--pass-bin', FAKE_PASS, ...argv], { env, cwd: process.cwd(), homedir: homedir(), redactor });
}

async function failure(argv: string[]): Promise<{ code: string; message: string; hint: string | undefined }> {
  const error: unknown = await run(argv).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isCredentialError(error)) throw new Error(`expected a CredentialError, got ${String(error)}`);
  return { code: error.code, message: error.message, hint: error.hint };
}

describe('cred-launch pass', () => {
  it('reads the pass convention: first line is the secret, then key: value lines', async () => {
    expect(await run(['aws/dev'])).toEqual({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY });
    const session = await run(['aws/session']);
    expect(session).toMatchObject({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN });
    expect(session.expiration).toBeInstanceOf(Date);
  });

  it('reads a credential_process JSON entry and an INI entry with --profile', async () => {
    expect(await run(['aws/json'])).toEqual({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY });
    expect((await run(['aws/ini'])).accessKeyId).toBe('AKIADEFAULT000000001');
    expect((await run(['--profile', 'ci', 'aws/ini'])).accessKeyId).toBe('AKIACI00000000000001');
    expect(await failure(['--profile', 'prod', 'aws/ini'])).toMatchObject({ code: 'NOT_FOUND', hint: 'profiles present: default, ci' });
  });

  it('takes the access key field by name when it is not a common spelling', async () => {
    expect(await failure(['aws/custom'])).toMatchObject({ code: 'INVALID_SECRET', message: 'pass entry "aws/custom" has no access key id' });
    expect(await run(['--access-key-field', 'login', 'aws/custom'])).toEqual({ accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY });
  });

  it('names the fields it looked for, never the values', async () => {
    const { code, message, hint } = await failure(['aws/no-key-id']);
    expect(code).toBe('INVALID_SECRET');
    expect(hint).toMatch(/fields present: password, user/);
    expect(`${message} ${hint ?? ''}`).not.toContain(SECRET_KEY);
  });

  it('maps pass and gpg failures to codes', async () => {
    expect(await failure(['aws/missing'])).toMatchObject({ code: 'NOT_FOUND', message: 'pass: no entry "aws/missing" in the password store' });
    expect(await failure(['aws'])).toMatchObject({ code: 'NOT_FOUND', message: 'pass: "aws" is a folder, not an entry' });
    expect(await failure(['aws/locked'])).toMatchObject({ code: 'AUTH', message: 'pass: gpg could not decrypt "aws/locked" (gpg: decryption failed: No secret key)' });
  });

  it('says how to fix a missing pass program', async () => {
    const error = await runCredentialSource(source, ['--pass-bin', '/nonexistent/pass', 'aws/dev'], { env, cwd: '/', homedir: homedir() }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'CONFIG', hint: 'install pass (passwordstore.org) or give its path with --pass-bin' });
  });

  it('registers the whole decrypted entry as a secret', async () => {
    const redactor = new SecretRedactor();
    await run(['aws/dev'], redactor);
    expect(redactor.redact(`x ${SECRET_KEY} y https://console.aws.amazon.com`)).toBe('x [REDACTED] y [REDACTED]');
  });

  it('the fields command shows layout and names only', async () => {
    const args = fieldsCommand.parseArgs({ argv: ['--pass-bin', FAKE_PASS, 'aws/session'], env });
    const output = await fieldsCommand.run({
      args,
      env,
      signal: new AbortController().signal,
      log: () => undefined,
      secrets: new SecretRedactor(),
      now: () => new Date(),
      cwd: '/',
      homedir: homedir(),
    });
    expect(output).toBe('aws/session: pass convention (first line, then key: value lines)\nfields: password, aws_access_key_id, aws_session_token, expiration\n');
    expect(output).not.toContain(SECRET_KEY);
    expect(() => fieldsCommand.parseArgs({ argv: [], env })).toThrow(/missing argument/);
  });
});

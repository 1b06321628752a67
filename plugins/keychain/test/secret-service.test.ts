/**
 * The Secret Service backend and the add/list/remove commands, in-process,
 * against a REAL gnome-keyring-daemon (test/keyring.ts). Skipped, with the
 * reason, where it cannot start.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCredentialSource, SecretRedactor, type TerminalQuestion } from '@cred-launch/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import source from '../src/index.js';
import { CANARY, runCommand } from './helpers.js';
import { keyringUnavailableReason, secretTool, startKeyring, type TestKeyring } from './keyring.js';

const unavailable = keyringUnavailableReason();
if (unavailable !== undefined) test.skip(`Secret Service backend: ${unavailable}`, () => undefined);

async function read(name: string, env: Record<string, string>) {
  const redactor = new SecretRedactor();
  try {
    return { credentials: await runCredentialSource(source, [name, '--backend', 'secret-service'], { env, redactor, cwd: '/', homedir: '/nonexistent' }), redactor };
  } catch (error) {
    return { error: error as { code: string; message: string; hint?: string }, redactor };
  }
}

describe.skipIf(unavailable !== undefined)('Secret Service (real gnome-keyring-daemon)', () => {
  let keyring: TestKeyring;
  beforeAll(() => {
    keyring = startKeyring();
  });
  afterAll(() => keyring.stop());

  test('add --from-stdin (JSON with session token, expiration, MFA serial and TOTP seed) → read hands all of it to the launcher', async () => {
    const input = JSON.stringify({
      Version: 1,
      AccessKeyId: 'ASIAKEYCHAINJSON0001',
      SecretAccessKey: CANARY,
      SessionToken: 'token-CANARY-part',
      Expiration: '2099-01-01T00:00:00Z',
      mfa_serial: 'arn:aws:iam::123456789012:mfa/me',
      mfa_totp_seed: 'JBSWY3DPEHPK3PXP',
    });
    const added = await runCommand('add', ['json', '--from-stdin', '--backend', 'secret-service'], { env: keyring.env, stdin: input });
    expect(added.error).toBeUndefined();
    expect(added.text).toContain('stored temporary credentials ****************0001 as "json"');
    expect(added.text).toContain('with an MFA device');
    expect(added.text).not.toContain(CANARY);
    const { credentials } = await read('json', keyring.env);
    expect(credentials).toEqual({
      accessKeyId: 'ASIAKEYCHAINJSON0001',
      secretAccessKey: CANARY,
      sessionToken: 'token-CANARY-part',
      expiration: new Date('2099-01-01T00:00:00Z'),
      mfaSerial: 'arn:aws:iam::123456789012:mfa/me',
      mfaTotpSeed: 'JBSWY3DPEHPK3PXP',
    });
    // What the keychain holds is the documented small JSON document.
    const stored = JSON.parse(secretTool(keyring.env, ['lookup', 'service', 'cred-launch', 'account', 'json']).stdout) as Record<string, unknown>;
    expect(stored).toEqual({
      version: 1,
      accessKeyId: 'ASIAKEYCHAINJSON0001',
      secretAccessKey: CANARY,
      sessionToken: 'token-CANARY-part',
      expiration: '2099-01-01T00:00:00Z',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/me',
      mfaTotpSeed: 'JBSWY3DPEHPK3PXP',
    });
  });

  test('add --from-stdin key=value lines (exported, quoted, commented) and --mfa-serial', async () => {
    const input = `# from a .env file\nexport AWS_ACCESS_KEY_ID="AKIAKEYCHAINKV000001"\nAWS_SECRET_ACCESS_KEY='${CANARY}'\n`;
    const added = await runCommand('add', ['kv', '--from-stdin', '--mfa-serial', 'arn:aws:iam::123456789012:mfa/kv', '--backend', 'secret-service'], {
      env: keyring.env,
      stdin: input,
    });
    expect(added.error).toBeUndefined();
    const { credentials } = await read('kv', keyring.env);
    expect(credentials).toEqual({ accessKeyId: 'AKIAKEYCHAINKV000001', secretAccessKey: CANARY, mfaSerial: 'arn:aws:iam::123456789012:mfa/kv' });
  });

  test('add --from-file imports one section of a credentials file; a missing section is NOT_FOUND', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cred-launch-keychain-file-'));
    writeFileSync(
      join(dir, 'credentials'),
      `[default]\naws_access_key_id = AKIADEFAULT000000001\naws_secret_access_key = defaultSecret0000000000000000000000000000\n\n[dev]\naws_access_key_id = AKIAKEYCHAINFILE0001\naws_secret_access_key = ${CANARY}\n`,
      { mode: 0o600 },
    );
    const added = await runCommand('add', ['from-file', '--from-file', 'credentials', '--section', 'dev', '--backend', 'secret-service'], { env: keyring.env, cwd: dir });
    expect(added.error).toBeUndefined();
    expect((await read('from-file', keyring.env)).credentials?.accessKeyId).toBe('AKIAKEYCHAINFILE0001');
    const missing = await runCommand('add', ['other', '--from-file', join(dir, 'credentials'), '--section', 'prod', '--backend', 'secret-service'], { env: keyring.env });
    expect(missing.error?.code).toBe('NOT_FOUND');
    expect(missing.error?.hint).toContain('default, dev');
  });

  test('add refuses to replace an entry without --force, and replaces it with --force', async () => {
    const first = await runCommand('add', ['twice', '--from-stdin', '--backend', 'secret-service'], {
      env: keyring.env,
      stdin: 'aws_access_key_id=AKIAKEYCHAINFIRST001\naws_secret_access_key=firstSecret000000000000000000000000000000',
    });
    expect(first.error).toBeUndefined();
    const again = await runCommand('add', ['twice', '--from-stdin', '--backend', 'secret-service'], {
      env: keyring.env,
      stdin: 'aws_access_key_id=AKIAKEYCHAINSECOND01\naws_secret_access_key=secondSecret00000000000000000000000000000',
    });
    expect(again.error?.code).toBe('USAGE');
    expect(again.error?.hint).toContain('--force');
    expect((await read('twice', keyring.env)).credentials?.accessKeyId).toBe('AKIAKEYCHAINFIRST001');
    const forced = await runCommand('add', ['twice', '--from-stdin', '--force', '--backend', 'secret-service'], {
      env: keyring.env,
      stdin: 'aws_access_key_id=AKIAKEYCHAINSECOND01\naws_secret_access_key=secondSecret00000000000000000000000000000',
    });
    expect(forced.error).toBeUndefined();
    expect((await read('twice', keyring.env)).credentials?.accessKeyId).toBe('AKIAKEYCHAINSECOND01');
  });

  test('add through the terminal prompt: the secret is asked with echo off; no terminal → USAGE', async () => {
    const questions: TerminalQuestion[] = [];
    const answers = ['AKIAKEYCHAINPROMPT01', CANARY, 'arn:aws:iam::123456789012:mfa/prompt'];
    const prompt = async (question: TerminalQuestion): Promise<string | undefined> => {
      questions.push(question);
      return answers.shift();
    };
    const added = await runCommand('add', ['prompted', '--backend', 'secret-service'], { env: keyring.env, prompt });
    expect(added.error).toBeUndefined();
    expect(questions.map((question) => [question.question, question.secret === true])).toEqual([
      ['AWS access key ID: ', false],
      ['AWS secret access key (not shown): ', true],
      ['MFA device ARN (optional, Enter to skip): ', false],
    ]);
    expect((await read('prompted', keyring.env)).credentials).toEqual({
      accessKeyId: 'AKIAKEYCHAINPROMPT01',
      secretAccessKey: CANARY,
      mfaSerial: 'arn:aws:iam::123456789012:mfa/prompt',
    });
    const noTerminal = await runCommand('add', ['nowhere', '--backend', 'secret-service'], { env: keyring.env, prompt: async () => undefined });
    expect(noTerminal.error?.code).toBe('USAGE');
    expect(noTerminal.error?.hint).toContain('--from-stdin');
    const oldLauncher = await runCommand('add', ['nowhere', '--backend', 'secret-service'], { env: keyring.env });
    expect(oldLauncher.error?.code).toBe('CONFIG');
  });

  test('input that is not usable credentials is refused before anything is stored', async () => {
    const bad = await runCommand('add', ['bad-input', '--from-stdin', '--backend', 'secret-service'], {
      env: keyring.env,
      stdin: `aws_access_key_id=AKIAKEYCHAINBAD00001\n${CANARY}\n`,
    });
    expect(bad.error).toMatchObject({ code: 'USAGE', message: 'keychain: line 2 of standard input is not key=value' });
    const expired = await runCommand('add', ['bad-input', '--from-stdin', '--backend', 'secret-service'], {
      env: keyring.env,
      stdin: JSON.stringify({ AccessKeyId: 'ASIAKEYCHAINEXP00001', SecretAccessKey: CANARY, SessionToken: 't', Expiration: '2001-01-01T00:00:00Z' }),
    });
    expect(expired.error?.code).toBe('INVALID_SECRET');
    for (const run of [bad, expired]) expect(JSON.stringify(run.error)).not.toContain(CANARY);
    expect((await read('bad-input', keyring.env)).error?.code).toBe('NOT_FOUND');
  });

  test('list prints names only, sorted; remove deletes; a second remove and a read are NOT_FOUND', async () => {
    const listed = await runCommand('list', ['--backend', 'secret-service'], { env: keyring.env });
    expect(listed.text?.split('\n')).toEqual(expect.arrayContaining(['json', 'kv', 'prompted', 'twice']));
    expect(listed.text).not.toContain(CANARY);
    expect(listed.text).not.toContain('AKIA');
    expect(listed.text?.split('\n')).toEqual([...(listed.text?.split('\n') ?? [])].sort((a, b) => a.localeCompare(b)));
    expect((await runCommand('remove', ['kv', '--backend', 'secret-service'], { env: keyring.env })).text).toBe('removed "kv" from the Secret Service (secret-tool)');
    expect((await runCommand('remove', ['kv', '--backend', 'secret-service'], { env: keyring.env })).error?.code).toBe('NOT_FOUND');
    const gone = await read('kv', keyring.env);
    expect(gone.error?.code).toBe('NOT_FOUND');
    expect(gone.error?.hint).toContain('cred-launch keychain add kv');
    expect((await runCommand('list', ['--backend', 'secret-service'], { env: keyring.env })).text?.split('\n')).not.toContain('kv');
  });

  test('a stored value that is not our document is INVALID_SECRET, without quoting it', async () => {
    secretTool(keyring.env, ['store', '--label=planted', 'service', 'cred-launch', 'account', 'corrupt'], `{"accessKeyId":"AKIA","secretAccessKey":"${CANARY}"`);
    const corrupt = await read('corrupt', keyring.env);
    expect(corrupt.error?.code).toBe('INVALID_SECRET');
    expect(corrupt.error?.message).toBe('keychain: the entry "corrupt" is not a cred-launch credentials document: not JSON');
    secretTool(
      keyring.env,
      ['store', '--label=planted', 'service', 'cred-launch', 'account', 'noversion'],
      JSON.stringify({ accessKeyId: 'AKIAKEYCHAINNOVER001', secretAccessKey: CANARY }),
    );
    expect((await read('noversion', keyring.env)).error?.message).toContain('version is missing');
    for (const run of [corrupt]) expect(`${run.error?.message}${run.error?.hint}`).not.toContain(CANARY);
  });

  test('no Secret Service on the bus, no bus, or no secret-tool: CONFIG with a hint', async () => {
    const noBus = await read('json', { PATH: keyring.env.PATH ?? '', HOME: keyring.dir });
    expect(noBus.error?.code).toBe('CONFIG');
    expect(noBus.error?.message).toContain('no Secret Service is reachable');
    expect(noBus.error?.hint).toContain('gnome-keyring-daemon');
    const noTool = await read('json', { ...keyring.env, PATH: keyring.dir });
    expect(noTool.error).toMatchObject({ code: 'CONFIG', message: 'keychain: secret-tool was not found on PATH' });
    expect(noTool.error?.hint).toContain('libsecret-tools');
  });
});

describe.skipIf(unavailable !== undefined)('Secret Service, locked (real gnome-keyring-daemon)', () => {
  let keyring: TestKeyring;
  beforeAll(async () => {
    keyring = startKeyring();
    const added = await runCommand('add', ['locked', '--from-stdin', '--backend', 'secret-service'], {
      env: keyring.env,
      stdin: `aws_access_key_id=AKIAKEYCHAINLOCKED01\naws_secret_access_key=${CANARY}`,
    });
    if (added.error) throw new Error(added.error.message);
    keyring.lock();
  });
  afterAll(() => keyring.stop());

  test('reading, adding and removing in a locked keyring: BACKEND "locked" with an unlock hint, not NOT_FOUND', async () => {
    const reading = await read('locked', keyring.env);
    expect(reading.error?.code).toBe('BACKEND');
    expect(reading.error?.message).toContain('locked');
    expect(reading.error?.hint).toContain('unlock');
    const removing = await runCommand('remove', ['locked', '--backend', 'secret-service'], { env: keyring.env });
    expect(removing.error?.code).toBe('BACKEND');
    const adding = await runCommand('add', ['another', '--from-stdin', '--backend', 'secret-service'], {
      env: keyring.env,
      stdin: `aws_access_key_id=AKIAKEYCHAINLOCKED02\naws_secret_access_key=${CANARY}`,
    });
    expect(adding.error?.code).toBe('BACKEND');
    expect(adding.error?.message).toContain('locked');
    // Names are still listed: attributes are readable without unlocking.
    expect((await runCommand('list', ['--backend', 'secret-service'], { env: keyring.env })).text).toBe('locked');
    // A name that is not there is still NOT_FOUND, locked or not.
    expect((await read('absent', keyring.env)).error?.code).toBe('NOT_FOUND');
  });
});

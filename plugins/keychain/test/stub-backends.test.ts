/**
 * The macOS and Windows backends' command lines, through STUB executables on
 * PATH (test/stub-programs.ts: they record argv/stdin and replay canned
 * answers; they are not keychains). Asserted: the exact argv and stdin each
 * program gets, that no secret is ever on an argv, and how each answer maps
 * to credentials or to an error code.
 */
import { runCredentialSource, SecretRedactor } from '@cred-launch/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import source from '../src/index.js';
import { accountsOfService } from '../src/macos-keychain.js';
import { POWERSHELL_ARGS } from '../src/windows-credential-manager.js';
import { WINDOWS_SCRIPT } from '../src/windows-script.js';
import { CANARY, DEV_DOCUMENT, runCommand } from './helpers.js';
import { createStubPrograms, type StubPrograms } from './stub-programs.js';

const STDIN = `aws_access_key_id=AKIAKEYCHAINSTUB0001\naws_secret_access_key=${CANARY}\n`;
const STORED = JSON.stringify({ version: 1, accessKeyId: 'AKIAKEYCHAINSTUB0001', secretAccessKey: CANARY });

async function read(argv: string[], env: Record<string, string>) {
  try {
    return { credentials: await runCredentialSource(source, argv, { env, redactor: new SecretRedactor(), cwd: '/', homedir: '/nonexistent' }) };
  } catch (error) {
    return { error: error as { code: string; message: string; hint?: string } };
  }
}

/** A `security dump-keychain` excerpt as macOS prints it: ours, another service's, and an internet password. */
const DUMP = `keychain: "/Users/me/Library/Keychains/login.keychain-db"
version: 512
class: "genp"
attributes:
    0x00000007 <blob>="cred-launch:dev"
    "acct"<blob>="dev"
    "svce"<blob>="cred-launch"
keychain: "/Users/me/Library/Keychains/login.keychain-db"
version: 512
class: "genp"
attributes:
    "acct"<blob>="me@example.com"
    "svce"<blob>="Slack Safe Storage"
keychain: "/Users/me/Library/Keychains/login.keychain-db"
version: 512
class: "genp"
attributes:
    "acct"<blob>="ci"
    "svce"<blob>="cred-launch"
keychain: "/Users/me/Library/Keychains/login.keychain-db"
version: 512
class: "inet"
attributes:
    "acct"<blob>="sneaky"
    "svce"<blob>="cred-launch"
`;

describe('macOS Keychain backend (STUB security on PATH)', () => {
  let stubs: StubPrograms;
  beforeAll(() => {
    stubs = createStubPrograms(['security']);
  });
  afterAll(() => stubs.remove());

  test('read: find-generic-password -s cred-launch -a NAME -w; the printed value is the document', async () => {
    stubs.answer({ stdout: `${DEV_DOCUMENT}\n` });
    const result = await read(['dev', '--backend', 'macos'], stubs.env);
    expect(result.credentials).toEqual({ accessKeyId: 'AKIAKEYCHAINDEV00001', secretAccessKey: CANARY });
    expect(stubs.takeCalls()).toEqual([{ program: 'security', argv: ['find-generic-password', '-s', 'cred-launch', '-a', 'dev', '-w'], stdin: '' }]);
  });

  test('read: a value security printed as hex is decoded', async () => {
    stubs.answer({ stdout: `${Buffer.from(DEV_DOCUMENT).toString('hex')}\n` });
    expect((await read(['dev', '--backend', 'macos'], stubs.env)).credentials?.accessKeyId).toBe('AKIAKEYCHAINDEV00001');
    stubs.takeCalls();
  });

  test('read: exit 44 (errSecItemNotFound) is NOT_FOUND; "User interaction is not allowed" is BACKEND with an unlock hint', async () => {
    stubs.answer({ status: 44, stderr: 'security: SecKeychainSearchCopyNext: The specified item could not be found in the keychain.\n' });
    expect((await read(['dev', '--backend', 'macos'], stubs.env)).error?.code).toBe('NOT_FOUND');
    stubs.answer({ status: 36, stderr: 'security: SecKeychainItemCopyContent: User interaction is not allowed.\n' });
    const locked = await read(['dev', '--backend', 'macos'], stubs.env);
    expect(locked.error?.code).toBe('BACKEND');
    expect(locked.error?.hint).toContain('security unlock-keychain');
    stubs.takeCalls();
  });

  test('add: the value goes hex-encoded (-X) in a command line written to `security -i` on stdin; argv is only -i', async () => {
    stubs.answer({ status: 44 }, { status: 0 }, { stdout: `${STORED}\n` });
    const added = await runCommand('add', ['dev', '--from-stdin', '--backend', 'macos'], { env: stubs.env, stdin: STDIN });
    expect(added.error).toBeUndefined();
    expect(added.text).toContain('in the macOS Keychain (security)');
    const calls = stubs.takeCalls();
    expect(calls.map((call) => call.argv)).toEqual([
      ['find-generic-password', '-s', 'cred-launch', '-a', 'dev', '-w'],
      ['-i'],
      ['find-generic-password', '-s', 'cred-launch', '-a', 'dev', '-w'],
    ]);
    expect(calls[1]?.stdin).toBe(`add-generic-password -U -s cred-launch -a dev -l cred-launch:dev -X ${Buffer.from(STORED).toString('hex')}\n`);
    for (const call of calls) {
      expect(call.argv.join(' ')).not.toContain(CANARY);
      expect(call.argv.join(' ')).not.toContain(Buffer.from(CANARY).toString('hex'));
    }
    // The plain secret is not even on stdin: only its hex encoding.
    expect(calls[1]?.stdin).not.toContain(CANARY);
  });

  test('add: an error printed by `security -i` fails the add even with exit 0; a value that does not read back fails too', async () => {
    stubs.answer({ status: 44 }, { status: 0, stderr: 'security: SecKeychainItemCreateFromContent (<default>): User interaction is not allowed.\n' });
    expect((await runCommand('add', ['dev', '--from-stdin', '--backend', 'macos'], { env: stubs.env, stdin: STDIN })).error?.code).toBe('BACKEND');
    stubs.answer({ status: 44 }, { status: 0 }, { status: 44 });
    const lost = await runCommand('add', ['dev', '--from-stdin', '--backend', 'macos'], { env: stubs.env, stdin: STDIN });
    expect(lost.error?.code).toBe('BACKEND');
    expect(lost.error?.message).toContain('did not keep');
    stubs.takeCalls();
  });

  test('list: dump-keychain (attributes only), our generic passwords only; remove: delete-generic-password, 44 → NOT_FOUND', async () => {
    expect(accountsOfService(DUMP)).toEqual(['dev', 'ci']);
    stubs.answer({ stdout: DUMP });
    expect((await runCommand('list', ['--backend', 'macos'], { env: stubs.env })).text).toBe('ci\ndev');
    stubs.answer({ status: 0 }, { status: 44 });
    expect((await runCommand('remove', ['dev', '--backend', 'macos'], { env: stubs.env })).text).toBe('removed "dev" from the macOS Keychain (security)');
    expect((await runCommand('remove', ['dev', '--backend', 'macos'], { env: stubs.env })).error?.code).toBe('NOT_FOUND');
    expect(stubs.takeCalls().map((call) => call.argv)).toEqual([
      ['dump-keychain'],
      ['delete-generic-password', '-s', 'cred-launch', '-a', 'dev'],
      ['delete-generic-password', '-s', 'cred-launch', '-a', 'dev'],
    ]);
  });
});

describe('Windows Credential Manager backend (STUB powershell.exe on PATH)', () => {
  let stubs: StubPrograms;
  beforeAll(() => {
    stubs = createStubPrograms(['powershell.exe']);
  });
  afterAll(() => stubs.remove());

  test('every call has the same argv: options and the constant script, base64 UTF-16LE', () => {
    expect(POWERSHELL_ARGS.slice(0, 6)).toEqual(['-NoLogo', '-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-EncodedCommand']);
    expect(Buffer.from(POWERSHELL_ARGS[6] ?? '', 'base64').toString('utf16le')).toBe(WINDOWS_SCRIPT);
    for (const call of ['CredReadW', 'CredWriteW', 'CredDeleteW', 'CredEnumerateW', '[Console]::In.ReadToEnd()']) expect(WINDOWS_SCRIPT).toContain(call);
  });

  test('read: the request is JSON on stdin; exit 2 is NOT_FOUND; stderr text is BACKEND', async () => {
    stubs.answer({ stdout: DEV_DOCUMENT });
    expect((await read(['dev', '--backend', 'windows'], stubs.env)).credentials).toEqual({ accessKeyId: 'AKIAKEYCHAINDEV00001', secretAccessKey: CANARY });
    stubs.answer({ status: 2 });
    expect((await read(['dev', '--backend', 'windows'], stubs.env)).error?.code).toBe('NOT_FOUND');
    stubs.answer({ status: 1, stderr: 'A specified logon session does not exist. It may already have been terminated\r\n' });
    const failed = await read(['dev', '--backend', 'windows'], stubs.env);
    expect(failed.error?.code).toBe('BACKEND');
    expect(failed.error?.message).toContain('A specified logon session does not exist');
    const calls = stubs.takeCalls();
    expect(calls.map((call) => [call.program, call.argv, call.stdin])).toEqual(Array(3).fill(['powershell.exe', POWERSHELL_ARGS, '{"op":"read","target":"cred-launch:dev"}\n']));
  });

  test('add: the value travels in the stdin request; no secret (nor the name) on any argv', async () => {
    stubs.answer({ status: 2 }, { status: 0 }, { stdout: STORED });
    const added = await runCommand('add', ['dev', '--from-stdin', '--backend', 'windows'], { env: stubs.env, stdin: STDIN });
    expect(added.error).toBeUndefined();
    const calls = stubs.takeCalls();
    expect(calls).toHaveLength(3);
    expect(JSON.parse(calls[1]?.stdin ?? '')).toEqual({ op: 'write', target: 'cred-launch:dev', user: 'dev', value: STORED });
    for (const call of calls) expect(call.argv).toEqual(POWERSHELL_ARGS);
  });

  test('add: a document over the 2560-byte blob limit is refused before PowerShell runs', async () => {
    stubs.answer({ status: 2 });
    const big = JSON.stringify({ AccessKeyId: 'ASIAKEYCHAINBIG00001', SecretAccessKey: CANARY, SessionToken: 'x'.repeat(3000) });
    const refused = await runCommand('add', ['big', '--from-stdin', '--backend', 'windows'], { env: stubs.env, stdin: big });
    expect(refused.error?.code).toBe('USAGE');
    expect(refused.error?.message).toContain('2560-byte');
    expect(stubs.takeCalls().map((call) => JSON.parse(call.stdin).op)).toEqual(['read']);
  });

  test('list: target names under cred-launch: only; remove: exit 2 → NOT_FOUND', async () => {
    stubs.answer({ stdout: 'cred-launch:prod\r\ncred-launch:dev\r\nnot-ours:x\r\n' }, { status: 0 }, { status: 2 });
    expect((await runCommand('list', ['--backend', 'windows'], { env: stubs.env })).text).toBe('dev\nprod');
    expect((await runCommand('remove', ['dev', '--backend', 'windows'], { env: stubs.env })).error).toBeUndefined();
    expect((await runCommand('remove', ['dev', '--backend', 'windows'], { env: stubs.env })).error?.code).toBe('NOT_FOUND');
    expect(stubs.takeCalls().map((call) => call.stdin)).toEqual([
      '{"op":"list","filter":"cred-launch:*"}\n',
      '{"op":"remove","target":"cred-launch:dev"}\n',
      '{"op":"remove","target":"cred-launch:dev"}\n',
    ]);
  });
});

test('a missing program is CONFIG naming it, with an install hint', async () => {
  const env = { PATH: '/nonexistent-dir' };
  expect((await read(['dev', '--backend', 'macos'], env)).error).toMatchObject({ code: 'CONFIG', message: 'keychain: security was not found on PATH' });
  expect((await read(['dev', '--backend', 'windows'], env)).error).toMatchObject({ code: 'CONFIG', message: 'keychain: powershell.exe was not found on PATH' });
});

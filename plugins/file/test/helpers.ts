import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCredentialSource, SecretRedactor, type SourceCredentials, type SourceContext } from '@cred-launch/core';
import source from '../src/index.js';

/** A secret access key that must never show up in any message. */
export const CANARY = 'CANARYsecretKEY/do+not+print0123456789abcd';
/** A passphrase that must never show up in any message either. */
export const CANARY_PASS = 'CANARYpassphrase-never-print-4242';

/** A two-profile credentials file whose `dev` secret is the canary. */
export const CREDENTIALS_INI = `[default]
aws_access_key_id = AKIADEFAULTEXAMPLE01
aws_secret_access_key = defaultSecretKeyExample0123456789abcdefgh

[dev]
aws_access_key_id = AKIADEVEXAMPLE000001
aws_secret_access_key = ${CANARY}
aws_session_token = devSessionTokenExample
`;

/** True when `command` runs (e.g. `openssl version`). */
export function hasCommand(command: string, args: string[] = ['--version']): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}

/** True when python3 can import botocore. */
export function hasBotocore(): boolean {
  return spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;
}

/** True when the process runs as root (ownership tests need chown). */
export const IS_ROOT: boolean = typeof process.getuid === 'function' && process.getuid() === 0;

/** A fresh temporary directory and a cleanup function. */
export function tempDir(prefix = 'cred-launch-file-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes a file with mode 0600 (or `mode`) and returns its path. */
export function writeSecret(path: string, content: string | Buffer, mode = 0o600): string {
  writeFileSync(path, content, { mode });
  chmodSync(path, mode);
  return path;
}

/** Runs a program and returns stdout; throws with its stderr on failure. */
export function run(command: string, args: string[], input?: string | Buffer): Buffer {
  return execFileSync(command, args, { input, stdio: ['pipe', 'pipe', 'pipe'] });
}

/** What {@link resolve} returns: credentials, or the error and the redactor that saw the run. */
export interface Resolution {
  credentials?: SourceCredentials;
  error?: { code: string; message: string; hint: string | undefined; cause: unknown };
  redactor: SecretRedactor;
}

/** Runs the plugin as the launcher does (parse, fetch, validate), capturing any error. */
export async function resolve(argv: string[], options: { env?: Record<string, string>; cwd?: string; homedir?: string; signal?: AbortSignal } = {}): Promise<Resolution> {
  const redactor = new SecretRedactor();
  try {
    const credentials = await runCredentialSource(source, argv, {
      env: options.env ?? {},
      cwd: options.cwd ?? process.cwd(),
      homedir: options.homedir ?? '/nonexistent-home',
      redactor,
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return { credentials, redactor };
  } catch (error) {
    const e = error as { code: string; message: string; hint?: string; cause?: unknown };
    return { error: { code: e.code, message: e.message, hint: e.hint, cause: e.cause }, redactor };
  }
}

/** Everything a person could see from an error: message and hint. */
export function visibleText(resolution: Resolution): string {
  return `${resolution.error?.message ?? ''}\n${resolution.error?.hint ?? ''}`;
}

/** Runs the encrypt command as the launcher does. */
export async function runEncrypt(
  argv: string[],
  options: { env?: Record<string, string>; cwd?: string; homedir?: string } = {},
): Promise<{ text?: string; error?: { code: string; message: string; hint?: string }; redactor: SecretRedactor }> {
  const redactor = new SecretRedactor();
  const command = source.commands?.encrypt;
  if (command === undefined) throw new Error('no encrypt command');
  try {
    const args = command.parseArgs({ argv, env: options.env ?? {} });
    const context: SourceContext<unknown> = {
      args,
      env: options.env ?? {},
      signal: new AbortController().signal,
      log: () => undefined,
      secrets: redactor,
      now: () => new Date('2030-01-01T00:00:00Z'),
      cwd: options.cwd ?? process.cwd(),
      homedir: options.homedir ?? '/nonexistent-home',
    };
    return { text: await command.run(context), redactor };
  } catch (error) {
    const e = error as { code: string; message: string; hint?: string };
    return { error: { code: e.code, message: e.message, ...(e.hint === undefined ? {} : { hint: e.hint }) }, redactor };
  }
}

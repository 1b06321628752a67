import { spawn } from 'node:child_process';
import { CredentialError, type SourceEnv } from '@cred-launch/core';

/** Options for {@link runPassShow}. */
export interface RunPassOptions {
  passBin: string;
  entry: string;
  /** The environment pass runs with (`context.env`: PATH, PASSWORD_STORE_DIR, GNUPGHOME…). */
  env: SourceEnv;
  cwd: string;
  /** Aborting kills pass (and so gpg's wait for a passphrase). */
  signal: AbortSignal;
}

// An entry holding AWS keys is a few hundred bytes; anything this big is not one.
const MAX_OUTPUT_BYTES = 1024 * 1024;

function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '') ?? '';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line.trim();
}

/**
 * Maps pass's failure to a code. pass prints "Error: <entry> is not in the
 * password store." (exit 1) for a missing entry; a gpg failure (no secret
 * key, wrong or no passphrase) passes gpg's own message through (exit 2).
 * stderr never holds the decrypted text, so its first line is safe to show.
 */
export function passFailure(entry: string, code: number | null, stderr: string): CredentialError {
  if (/is not in the password store/u.test(stderr)) {
    return new CredentialError('NOT_FOUND', `pass: no entry "${entry}" in the password store`, {
      hint: "list entries with 'pass ls'; set PASSWORD_STORE_DIR if the store is elsewhere",
    });
  }
  if (/decryption failed|No secret key|Bad passphrase|No pinentry|Inappropriate ioctl|Operation cancelled/iu.test(stderr)) {
    return new CredentialError('AUTH', `pass: gpg could not decrypt "${entry}" (${firstLine(stderr)})`, {
      hint: "unlock your GPG key first (run 'pass show' once in a terminal) or check GNUPGHOME",
    });
  }
  return new CredentialError('BACKEND', `pass: 'pass show ${entry}' failed with exit code ${String(code)}${stderr.trim() ? ` (${firstLine(stderr)})` : ''}`, {
    hint: "run 'pass show' yourself to see the full error",
  });
}

/**
 * Runs `pass show -- <entry>` and returns its stdout (the decrypted entry).
 * No shell; stdin closed so gpg cannot wait on it; killed when `signal` aborts.
 */
export function runPassShow(options: RunPassOptions): Promise<string> {
  const { passBin, entry, env, cwd, signal } = options;
  return new Promise((resolve, reject) => {
    if (signal.aborted) {
      reject(timeoutError(entry));
      return;
    }
    const child = spawn(passBin, ['show', '--', entry], {
      env: env as NodeJS.ProcessEnv,
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      signal,
      killSignal: 'SIGKILL',
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let size = 0;
    child.stdout.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_OUTPUT_BYTES) {
        child.kill('SIGKILL');
        reject(new CredentialError('BACKEND', `pass: entry "${entry}" is larger than 1 MiB`, { hint: 'store only the AWS keys in this entry' }));
        return;
      }
      stdout.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (signal.aborted) reject(timeoutError(entry));
      else if (error.code === 'ENOENT') {
        reject(
          new CredentialError('CONFIG', `pass: cannot run "${passBin}" (not found)`, { hint: 'install pass (passwordstore.org) or give its path with --pass-bin', cause: error }),
        );
      } else if (error.code === 'EACCES') {
        reject(new CredentialError('CONFIG', `pass: cannot run "${passBin}" (not executable)`, { hint: 'check --pass-bin points at the pass program', cause: error }));
      } else reject(new CredentialError('BACKEND', `pass: could not start "${passBin}"`, { hint: 'check --pass-bin and PATH', cause: error }));
    });
    child.on('close', (code) => {
      if (signal.aborted) {
        reject(timeoutError(entry));
        return;
      }
      const text = Buffer.concat(stdout).toString('utf8');
      // For a folder, `pass show` exits 0 and prints a tree of its entries.
      if (code === 0 && /^[├└│]/mu.test(text)) {
        reject(new CredentialError('NOT_FOUND', `pass: "${entry}" is a folder, not an entry`, { hint: `pick one of its entries: pass ls ${entry}` }));
      } else if (code === 0) resolve(text);
      else reject(passFailure(entry, code, Buffer.concat(stderr).toString('utf8')));
    });
  });
}

function timeoutError(entry: string): CredentialError {
  return new CredentialError('TIMEOUT', `pass: gave up waiting for 'pass show ${entry}'`, {
    hint: 'gpg may be waiting for a passphrase: unlock the key in a terminal first, or raise --timeout',
  });
}

import { isCredentialError, runCredentialSource, SecretRedactor, type CredentialError, type SourceCredentials, type SourceEnv, type SourceStateStore } from '@cred-launch/core';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import source from '../src/index.js';

/** A directory standing in for $HOME, so the developer's real ~/.vault-token is never read. */
export function emptyHome(): string {
  return mkdtempSync(join(tmpdir(), 'vault-plugin-home-'));
}

/** Options for {@link runVault}. */
export interface RunOptions {
  homedir?: string;
  cwd?: string;
  now?: () => Date;
  signal?: AbortSignal;
  /** A state store shared between runs (as the launcher's is); a fresh one per run otherwise. */
  state?: SourceStateStore;
}

/** What a run produced, including every raw (unredacted) debug line. */
export interface RunOutcome {
  credentials?: SourceCredentials;
  error?: CredentialError;
  /** Debug lines as the plugin wrote them, before the launcher's redaction. */
  log: string[];
  /** Everything the plugin registered as secret. */
  redactor: SecretRedactor;
}

/**
 * Runs the plugin as the launcher does (core's runCredentialSource), but
 * captures the debug lines *before* redaction, so tests can prove the plugin
 * never writes a secret in the first place.
 */
export async function runVault(argv: readonly string[], env: SourceEnv, options: RunOptions = {}): Promise<RunOutcome> {
  const log: string[] = [];
  const redactor = new SecretRedactor();
  const outcome: RunOutcome = { log, redactor };
  // Core's run wraps `log` with `redactor.redact`; this stand-in sees each raw line first.
  const tracking = {
    add: (value: string | undefined | null) => redactor.add(value),
    redact: (text: string) => {
      log.push(text);
      return redactor.redact(text);
    },
  } as unknown as SecretRedactor;
  try {
    outcome.credentials = await runCredentialSource(source, argv, {
      env,
      cwd: options.cwd ?? process.cwd(),
      homedir: options.homedir ?? emptyHome(),
      redactor: tracking,
      log: () => undefined,
      ...(options.now ? { now: options.now } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(options.state ? { state: options.state } : {}),
    });
  } catch (error) {
    if (!isCredentialError(error)) throw error;
    outcome.error = error;
  }
  return outcome;
}

/** Runs and expects a CredentialError; returns it. */
export async function runVaultFailure(argv: readonly string[], env: SourceEnv, options: RunOptions = {}): Promise<CredentialError & { log: string[] }> {
  const outcome = await runVault(argv, env, options);
  if (!outcome.error) throw new Error(`expected a failure, got credentials for ${argv.join(' ')}`);
  return Object.assign(outcome.error, { log: outcome.log });
}

/** Runs and expects credentials; returns them with the outcome. */
export async function runVaultSuccess(argv: readonly string[], env: SourceEnv, options: RunOptions = {}): Promise<SourceCredentials & { outcome: RunOutcome }> {
  const outcome = await runVault(argv, env, options);
  if (outcome.error) throw new Error(`expected credentials, got ${outcome.error.code}: ${outcome.error.message} (${outcome.error.hint ?? ''})`);
  return Object.assign(outcome.credentials as SourceCredentials, { outcome });
}

/** Every piece of text a user could see from a failure: message, hint, debug lines. */
export function visibleText(error: CredentialError & { log?: string[] }): string {
  return [error.message, error.hint ?? '', ...(error.log ?? [])].join('\n');
}

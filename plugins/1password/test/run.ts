import { homedir } from 'node:os';
import { isCredentialError, runCredentialSource, SecretRedactor, type CredentialError, type CredentialSource, type SourceCredentials, type SourceEnv } from '@cred-launch/core';
import { expect } from 'vitest';

export const TOKEN = 'ops_CANARYtokenVALUE0123456789abcdefghij';

export interface RunOptions {
  env?: SourceEnv;
  signal?: AbortSignal;
  cwd?: string;
  home?: string;
}

export interface RunOutcome {
  result?: SourceCredentials;
  error?: CredentialError;
  redactor: SecretRedactor;
  debug: string[];
}

/** Runs a source the way the launcher does (core's runCredentialSource), capturing the outcome. */
export async function run<A>(source: CredentialSource<A>, argv: string[], options: RunOptions = {}): Promise<RunOutcome> {
  const redactor = new SecretRedactor();
  const debug: string[] = [];
  try {
    const result = await runCredentialSource(source, argv, {
      env: options.env ?? { OP_SERVICE_ACCOUNT_TOKEN: TOKEN },
      signal: options.signal,
      cwd: options.cwd ?? process.cwd(),
      homedir: options.home ?? homedir(),
      redactor,
      log: (line) => debug.push(line),
    });
    return { result, redactor, debug };
  } catch (error) {
    if (!isCredentialError(error)) throw error;
    return { error, redactor, debug };
  }
}

/** The error, asserting there is one with this code; its text never holds any of `secrets`. */
export function expectError(outcome: RunOutcome, code: string, secrets: string[] = [TOKEN]): CredentialError {
  expect(outcome.result, 'expected an error, got credentials').toBeUndefined();
  const error = outcome.error!;
  expect(error.code, `${error.code}: ${error.message}`).toBe(code);
  for (const secret of secrets) {
    expect(error.message).not.toContain(secret);
    expect(error.hint ?? '').not.toContain(secret);
  }
  return error;
}

import { CredentialError } from '@cred-launch/core';

/** Carried to every child process: the invocations in progress up the chain. */
export const ACTIVE_KEYS_ENV = 'CRED_LAUNCH_ACTIVE';
const MAX_DEPTH = 4;

/**
 * Stops a credential_process loop before it forks forever: e.g. the
 * secrets-manager plugin whose SDK default chain runs the very profile that
 * invoked it. Each cred-launch exports the keys of the invocations in progress
 * to its children; meeting our own key again (or nesting too deep) is a loop.
 */
export function enterInvocation(key: string, env: NodeJS.ProcessEnv): void {
  const active = (env[ACTIVE_KEYS_ENV] ?? '').split(',').filter((part) => part !== '');
  const short = key.slice(0, 16);
  if (active.includes(short) || active.length >= MAX_DEPTH) {
    throw new CredentialError('CONFIG', 'credential_process loop: fetching these credentials needs the same cred-launch call again', {
      hint: "the plugin's own AWS credentials must come from another profile (e.g. --source-profile), not from the profile that runs it",
    });
  }
  env[ACTIVE_KEYS_ENV] = [...active, short].join(',');
}

/**
 * Runs `work` with this invocation marked in `env` (what child processes
 * inherit), then restores `env`: a long-running front-end calls the engine
 * again for the same key, and that is not a loop.
 */
export async function withRecursionGuard<T>(key: string, env: NodeJS.ProcessEnv, work: () => Promise<T>): Promise<T> {
  const before = env[ACTIVE_KEYS_ENV];
  enterInvocation(key, env);
  try {
    return await work();
  } finally {
    if (before === undefined) delete env[ACTIVE_KEYS_ENV];
    else env[ACTIVE_KEYS_ENV] = before;
  }
}

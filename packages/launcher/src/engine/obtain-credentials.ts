import { CredentialError } from '@cred-launch/core';
import { runInvocation } from './run-invocation.js';
import type { CredentialInvocation, EngineContext, ObtainedCredentials } from './types.js';

function notACredentialCall(plugin: string, what: string): CredentialError {
  return new CredentialError('USAGE', what, { hint: `give the arguments you would put after "cred-launch ${plugin}" in credential_process` });
}

/**
 * Validated credentials for one invocation — the one function every
 * front-end calls (the credential_process output, `configure`'s check,
 * `doctor`, and the next front-ends: `exec`, `export`, a credentials
 * endpoint). Cache, lock, time limit, plugin, STS layer and core's validation
 * all happen inside; nothing is printed and nothing is returned as text.
 * Safe to call repeatedly in one process with the same context.
 *
 * The plugin's `--help` and its own commands (e.g. `file encrypt`) are not
 * credential calls: they are refused with USAGE, after the plugin is loaded
 * (only it knows its command words) and before it runs.
 */
export async function obtainCredentials(invocation: CredentialInvocation, context: EngineContext): Promise<ObtainedCredentials> {
  if (invocation.args[0] === '--help' || invocation.args[0] === '-h') {
    throw notACredentialCall(invocation.plugin, `the arguments of plugin "${invocation.plugin}" ask for help, not credentials`);
  }
  const outcome = await runInvocation(invocation, context);
  if (outcome.kind === 'credentials') return outcome.obtained;
  const word = invocation.args[0] ?? '';
  throw notACredentialCall(invocation.plugin, `"${word}" is a command of plugin ${outcome.source.name}, not credential arguments`);
}

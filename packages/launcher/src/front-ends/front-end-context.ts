import { createHash } from 'node:crypto';
import { CredentialError, isCredentialError, type SecretRedactor } from '@cred-launch/core';
import type { CommandContext } from '../commands/command-context.js';
import type { CredentialInvocation, EngineContext } from '../engine/types.js';
import { printable } from '../report-error.js';
import { invocationFromProfile } from './invocation-from-profile.js';

/** The engine's context for a front-end command: this process's environment, redactor and debug log. */
export function engineContextFor(context: CommandContext): EngineContext {
  const { io } = context;
  return { env: io.env, cwd: io.cwd, homedir: io.homedir, processEnv: context.processEnv, redactor: context.redactor, log: context.log, warn: (line) => io.writeStderr(line) };
}

/** The call a front-end serves: a plugin and its arguments, or a profile's credential_process. */
export function invocationFor(request: { profile: string | undefined; call: readonly string[] }, context: CommandContext): CredentialInvocation {
  if (request.profile !== undefined) return invocationFromProfile(request.profile, context.options, context.io.env, context.io.homedir, context.io.cwd).invocation;
  const [plugin, ...args] = request.call;
  if (plugin === undefined) throw new CredentialError('USAGE', 'missing the plugin name', { hint: "see 'cred-launch --help'" });
  return { plugin, args, options: context.options };
}

/** A short fingerprint of a call (plugin and arguments), for the exec nesting marker. */
export function callFingerprint(invocation: CredentialInvocation): string {
  return createHash('sha256')
    .update(JSON.stringify([invocation.plugin, ...invocation.args]))
    .digest('hex')
    .slice(0, 16);
}

/** HTTP status for a failed fetch: the backend's fault (502), the time limit (504), or ours (500). */
function statusFor(error: unknown): number {
  if (isCredentialError(error, 'TIMEOUT')) return 504;
  if (isCredentialError(error)) return 502;
  return 500;
}

/** What an endpoint answers for a failed fetch: a status and one redacted line. */
export function describeForEndpoint(redactor: SecretRedactor): (error: unknown) => { status: number; message: string } {
  return (error) => ({
    status: statusFor(error),
    message: printable(redactor.redact(isCredentialError(error) ? `${error.message}${error.hint ? ` (hint: ${error.hint})` : ''}` : 'internal error in cred-launch')),
  });
}

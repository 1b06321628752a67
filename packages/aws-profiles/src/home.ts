import { isAbsolute, join, resolve } from 'node:path';
import { CredentialError } from '@cred-launch/core';

/**
 * `~` or `~/…` (also `~\…`, as Windows users type it) as a path under
 * `homedir`; undefined for anything else. credential_process runs without a
 * shell in botocore, and both SDKs expand only a leading `~/` in
 * AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE, so a `~` that reaches us
 * literally is expanded here, the one place that knows the rule.
 */
export function expandHomePath(path: string, homedir: string): string | undefined {
  if (path === '~') return homedir;
  if (path.startsWith('~/') || path.startsWith('~\\')) return join(homedir, path.slice(2));
  return undefined;
}

/**
 * Resolves a path from the command line or an environment variable: `~`
 * expanded against the home directory, a relative path against `cwd`.
 */
export function resolveUserPath(path: string, cwd: string, homedir: string): string {
  const expanded = expandHomePath(path, homedir) ?? path;
  return isAbsolute(expanded) ? expanded : resolve(cwd, expanded);
}

/** An argument after `~` expansion, and whether it changed. */
export interface ExpandedArgument {
  value: string;
  expanded: boolean;
}

/**
 * Expands `~` and `~/…` (also after the `=` of `--flag=~/…`) to the absolute
 * home directory, as the user's shell would have: botocore runs the line
 * without a shell, so a `~` written into credential_process is never expanded
 * there. `~user` is refused: we will not guess another user's home.
 */
export function expandHome(argument: string, homedir: string): ExpandedArgument {
  const whole = expandHomePath(argument, homedir);
  if (whole !== undefined) return { value: whole, expanded: true };
  const equals = argument.indexOf('=');
  if (argument.startsWith('-') && equals > 0) {
    const value = expandHomePath(argument.slice(equals + 1), homedir);
    if (value !== undefined) return { value: `${argument.slice(0, equals + 1)}${value}`, expanded: true };
  }
  if (argument.startsWith('~')) {
    throw new CredentialError('USAGE', `cannot expand ${JSON.stringify(argument)}: only ~ and ~/ (your own home) are expanded`, {
      hint: 'write the absolute path instead',
    });
  }
  return { value: argument, expanded: false };
}

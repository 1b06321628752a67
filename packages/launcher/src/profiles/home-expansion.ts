import { join } from 'node:path';
import { CredentialError } from '@cred-launch/core';

/** An argument after `~` expansion, and whether it changed. */
export interface ExpandedArgument {
  value: string;
  expanded: boolean;
}

function expandPrefix(value: string, homedir: string): string | undefined {
  if (value === '~') return homedir;
  if (value.startsWith('~/')) return join(homedir, value.slice(2));
  return undefined;
}

/**
 * Expands `~` and `~/…` (also after the `=` of `--flag=~/…`) to the absolute
 * home directory, as the user's shell would have: botocore runs the line
 * without a shell, so a `~` written into credential_process is never expanded
 * there. `~user` is refused: we will not guess another user's home.
 */
export function expandHome(argument: string, homedir: string): ExpandedArgument {
  const whole = expandPrefix(argument, homedir);
  if (whole !== undefined) return { value: whole, expanded: true };
  const equals = argument.indexOf('=');
  if (argument.startsWith('-') && equals > 0) {
    const value = expandPrefix(argument.slice(equals + 1), homedir);
    if (value !== undefined) return { value: `${argument.slice(0, equals + 1)}${value}`, expanded: true };
  }
  if (argument.startsWith('~')) {
    throw new CredentialError('USAGE', `cannot expand ${JSON.stringify(argument)}: only ~ and ~/ (your own home) are expanded`, {
      hint: 'write the absolute path instead',
    });
  }
  return { value: argument, expanded: false };
}

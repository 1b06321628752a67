import { CredentialError } from '@cred-launch/core';
import { RESERVED_COMMANDS } from './options.js';

const PLAIN_NAME = /^[a-z0-9][a-z0-9._-]{0,100}$/u;
const SCOPED_NAME = /^@([a-z0-9][a-z0-9._-]{0,100})\/([a-z0-9][a-z0-9._-]{0,100})$/u;

/** True when the user wrote a module path rather than a plugin name. */
export function isPluginPath(request: string): boolean {
  return request.startsWith('./') || request.startsWith('../') || request.startsWith('/');
}

/**
 * The npm package names tried for a plugin name, in order:
 * `file` → `@cred-launch/plugin-file`, `cred-launch-plugin-file`;
 * `@acme/foo` → `@acme/cred-launch-plugin-foo`.
 * Anything that is not a valid npm-style name is refused outright, so a name
 * can never smuggle in a path (`..`, `/`, `\`) or a URL.
 */
export function packageCandidates(name: string): string[] {
  const scoped = SCOPED_NAME.exec(name);
  if (scoped) return [`@${scoped[1]}/cred-launch-plugin-${scoped[2]}`];
  if (!PLAIN_NAME.test(name) || name.includes('..')) {
    throw new CredentialError('USAGE', `"${name}" is not a valid plugin name`, {
      hint: 'plugin names are lower-case npm names like vault or @acme/foo; a path must start with ./, ../ or /',
    });
  }
  if (RESERVED_COMMANDS.includes(name)) {
    throw new CredentialError('USAGE', `"${name}" is a cred-launch command, not a plugin`, { hint: "see 'cred-launch --help'" });
  }
  return [`@cred-launch/plugin-${name}`, `cred-launch-plugin-${name}`];
}

import { CredentialError } from './errors.js';

/**
 * The naming rules of cred-launch plugins, in one place: what a user may type
 * after `cred-launch`, which words the launcher keeps for itself, and which
 * npm packages a name resolves to. The launcher resolves with these rules and
 * the testkit checks plugins against the very same ones.
 */

/**
 * The words reserved for cred-launch's own commands; no plugin may take
 * these names (`cred-launch cache` must never run a plugin called "cache").
 */
export const RESERVED_COMMAND_WORDS: readonly string[] = /* @__PURE__ */ Object.freeze([
  'cache',
  'completion',
  'configure',
  'doctor',
  'exec',
  'export',
  'help',
  'plugins',
  'serve',
  'version',
]);

/**
 * A plugin name as users type it: `vault`, or `@acme/foo` for a scoped
 * third-party plugin. Lower-case npm-style names only, so a name can never
 * smuggle in a path (`/`, `\`) or a URL; `..` is refused separately.
 */
export const PLUGIN_NAME_PATTERN: RegExp = /^(?:@[a-z0-9][a-z0-9._-]{0,100}\/)?[a-z0-9][a-z0-9._-]{0,100}$/u;

const SCOPED_NAME = /^@([a-z0-9][a-z0-9._-]{0,100})\/([a-z0-9][a-z0-9._-]{0,100})$/u;

/** The prefix of first-party plugin packages: `@cred-launch/plugin-vault`. */
const FIRST_PARTY_PREFIX = '@cred-launch/plugin-';
/** The prefix of unscoped third-party plugin packages: `cred-launch-plugin-foo`. */
const UNSCOPED_PREFIX = 'cred-launch-plugin-';

/** True when the user wrote a module path (`./x.mjs`, `../x`, `/abs/x`) rather than a plugin name. */
export function isPluginPath(request: string): boolean {
  return request.startsWith('./') || request.startsWith('../') || request.startsWith('/');
}

/** Why `name` cannot be a plugin's name, or undefined when it can. */
export function pluginNameProblem(name: string): string | undefined {
  if (!PLUGIN_NAME_PATTERN.test(name) || name.includes('..')) return `"${name}" is not a valid plugin name`;
  if (RESERVED_COMMAND_WORDS.includes(name)) return `"${name}" is a cred-launch command, not a plugin`;
  return undefined;
}

/**
 * The npm package names tried for a plugin name, in order:
 * `file` → `@cred-launch/plugin-file`, `cred-launch-plugin-file`;
 * `@acme/foo` → `@acme/cred-launch-plugin-foo`.
 * Throws USAGE for a name {@link pluginNameProblem} refuses.
 */
export function pluginPackageCandidates(name: string): string[] {
  const scoped = SCOPED_NAME.exec(name);
  if (scoped && !name.includes('..')) return [`@${scoped[1]}/${UNSCOPED_PREFIX}${scoped[2]}`];
  const problem = pluginNameProblem(name);
  if (problem !== undefined) {
    const reserved = RESERVED_COMMAND_WORDS.includes(name);
    throw new CredentialError('USAGE', problem, {
      hint: reserved ? "see 'cred-launch --help'" : 'plugin names are lower-case npm names like vault or @acme/foo; a path must start with ./, ../ or /',
    });
  }
  return [`${FIRST_PARTY_PREFIX}${name}`, `${UNSCOPED_PREFIX}${name}`];
}

/**
 * The name to type after `cred-launch` for an installed package, or
 * undefined when the package is not named like a plugin:
 * `@cred-launch/plugin-vault` → `vault`, `@acme/cred-launch-plugin-foo` → `@acme/foo`.
 */
export function pluginNameFromPackage(packageName: string): string | undefined {
  let name: string | undefined;
  if (packageName.startsWith(FIRST_PARTY_PREFIX)) name = packageName.slice(FIRST_PARTY_PREFIX.length);
  else if (packageName.startsWith(UNSCOPED_PREFIX)) name = packageName.slice(UNSCOPED_PREFIX.length);
  else {
    const scoped = /^(@[^/]+)\/cred-launch-plugin-(.+)$/u.exec(packageName);
    name = scoped ? `${scoped[1]}/${scoped[2]}` : undefined;
  }
  return name !== undefined && pluginNameProblem(name) === undefined ? name : undefined;
}

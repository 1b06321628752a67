import { CredentialError, parseArguments, type ParseArgsInput } from '@cred-launch/core';

/** What `cred-launch pass …` accepts, after parsing. */
export interface PassOptions {
  /** The pass entry, as for `pass show` (e.g. `aws/dev`). */
  entry: string;
  /**
   * The `pass` executable: a name looked up in `PATH`, or a path.
   * @default 'pass'
   */
  passBin: string;
  /** Profile to read when the entry is an AWS credentials INI file. @default 'default' */
  profile: string;
  /**
   * Field holding the access key id, when it is not one of the common
   * spellings (`aws_access_key_id`, `AccessKeyId`, `access_key`…).
   * @default the common spellings
   */
  accessKeyField: string | undefined;
  /**
   * Field holding the secret access key.
   * @default a common spelling, else the entry's first line (the pass convention)
   */
  secretKeyField: string | undefined;
}

export const USAGE = `cred-launch pass [options] <entry>

Prints AWS credentials stored in the pass password store (passwordstore.org).
<entry> is the name you would give to 'pass show', e.g. aws/dev.

The entry is one of:
  the pass convention   first line = secret access key, then "key: value" lines
                        (aws_access_key_id: AKIA…, aws_session_token: …, expiration: …)
  JSON                  a credential_process document or any object with the usual names
  AWS credentials INI   [default] aws_access_key_id = … (pick a section with --profile)

Options:
  --profile <name>            INI section to read (default: default)
  --access-key-field <name>   field holding the access key id
  --secret-key-field <name>   field holding the secret access key
  --pass-bin <path>           the pass executable (default: pass from PATH)

Environment: PASSWORD_STORE_DIR, GNUPGHOME and the rest of pass's own variables.

Commands:
  cred-launch pass fields <entry>   show which fields the entry has (names only, never values)`;

const OPTIONS = {
  profile: { type: 'string' },
  'access-key-field': { type: 'string' },
  'secret-key-field': { type: 'string' },
  'pass-bin': { type: 'string' },
} as const;

/**
 * Checks an entry name before it reaches a command line. pass itself accepts
 * almost anything, but a leading dash would be read as an option, and `..`
 * would walk out of the store.
 */
export function checkEntryName(entry: string, name: string): string {
  const trimmed = entry.replace(/^\/+|\/+$/gu, '');
  if (trimmed === '' || trimmed.startsWith('-') || trimmed.split('/').some((part) => part === '..' || part === '.' || part === '')) {
    throw new CredentialError('USAGE', `${name}: invalid entry name "${entry}"`, { hint: "use the name 'pass ls' shows, e.g. aws/dev" });
  }
  if (/[\u0000-\u001f\u007f]/u.test(trimmed)) {
    throw new CredentialError('USAGE', `${name}: the entry name contains control characters`, { hint: "use the name 'pass ls' shows" });
  }
  return trimmed;
}

/** Parses `cred-launch pass` arguments. Pure: no I/O, so usage errors are instant. */
export function parsePassArgs({ argv }: ParseArgsInput): PassOptions {
  const { values, positionals } = parseArguments(argv, { name: 'pass', options: OPTIONS, positionals: { min: 1, max: 1 } });
  for (const flag of ['profile', 'access-key-field', 'secret-key-field', 'pass-bin'] as const) {
    if (values[flag] === '') throw new CredentialError('USAGE', `pass: --${flag} needs a value`, { hint: "see 'cred-launch pass --help'" });
  }
  return {
    entry: checkEntryName(positionals[0] ?? '', 'pass'),
    passBin: values['pass-bin'] ?? 'pass',
    profile: values.profile ?? 'default',
    accessKeyField: values['access-key-field'],
    secretKeyField: values['secret-key-field'],
  };
}

import { CredentialError, parseArguments, type FieldOverrides, type ParseArgsInput } from '@cred-launch/core';
import { DEFAULT_ITERATIONS, MAX_ITERATIONS, OPENSSL_DIGESTS, type OpensslDigest } from './openssl.js';

/** The parsed arguments of `cred-launch file <encrypted-file> …`. */
export interface FileSourceOptions {
  /** The encrypted file, as written (resolved against cwd and `~` when used). */
  file: string;
  /** Key file: first line is the OpenSSL passphrase, or an age identity file / passphrase. Exactly one of keyFile and keyEnv. */
  keyFile?: string;
  /** Name of an environment variable holding the key (its whole value). */
  keyEnv?: string;
  /** Profile to select in an INI file (or a JSON object keyed by profile). @default 'default' */
  profile: string;
  /** PBKDF2 iterations of the OpenSSL format, as `openssl enc -iter`. @default 10000 */
  iterations: number;
  /** PBKDF2 digest of the OpenSSL format, as `openssl enc -md`. @default 'sha256' */
  digest: OpensslDigest;
  /** Explicit field names for JSON or INI keys with unusual names. @default {} */
  overrides: FieldOverrides;
}

const NAME = 'file';

/** The options shared by the source and the encrypt command. */
export const KEY_OPTIONS = {
  'key-file': { type: 'string' },
  'key-env': { type: 'string' },
  iter: { type: 'string' },
  md: { type: 'string' },
} as const;

const FIELD_OPTIONS = {
  'access-key-field': { type: 'string' },
  'secret-key-field': { type: 'string' },
  'session-token-field': { type: 'string' },
  'expiration-field': { type: 'string' },
} as const;

/** A USAGE error pointing at the right help text. */
export function usageError(message: string, command = NAME): CredentialError {
  return new CredentialError('USAGE', `${NAME}: ${message}`, { hint: `see 'cred-launch ${command} --help'` });
}

/** `--iter`: a positive whole number, as openssl accepts, at most {@link MAX_ITERATIONS}. */
export function parseIterations(value: string | undefined, command?: string): number {
  if (value === undefined) return DEFAULT_ITERATIONS;
  if (!/^[1-9]\d{0,9}$/u.test(value) || Number(value) > 0x7fffffff) {
    throw usageError(`--iter must be a positive whole number (got "${value}")`, command);
  }
  if (Number(value) > MAX_ITERATIONS) {
    throw usageError(`--iter ${value} is above the limit of ${MAX_ITERATIONS} iterations, which would outlast any time limit`, command);
  }
  return Number(value);
}

/** `--md`: a digest PBKDF2 here supports. */
export function parseDigest(value: string | undefined, command?: string): OpensslDigest {
  if (value === undefined) return 'sha256';
  const digest = value.toLowerCase().replace(/^sha-/u, 'sha');
  if (!(OPENSSL_DIGESTS as readonly string[]).includes(digest)) {
    throw usageError(`--md must be one of ${OPENSSL_DIGESTS.join(', ')} (got "${value}")`, command);
  }
  return digest as OpensslDigest;
}

/** `--key-env`: a plausible variable name, so a pasted key is not mistaken for one. */
export function checkEnvName(name: string, command?: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/u.test(name)) {
    throw usageError('--key-env takes the NAME of an environment variable (letters, digits, _), not the key itself', command);
  }
  return name;
}

function overridesFrom(values: Partial<Record<keyof typeof FIELD_OPTIONS, string>>): FieldOverrides {
  const overrides: FieldOverrides = {};
  if (values['access-key-field'] !== undefined) overrides.accessKeyId = values['access-key-field'];
  if (values['secret-key-field'] !== undefined) overrides.secretAccessKey = values['secret-key-field'];
  if (values['session-token-field'] !== undefined) overrides.sessionToken = values['session-token-field'];
  if (values['expiration-field'] !== undefined) overrides.expiration = values['expiration-field'];
  return overrides;
}

/** Parses and checks the source's arguments; every mistake is a USAGE error, before any I/O. */
export function parseFileSourceArgs({ argv }: ParseArgsInput): FileSourceOptions {
  const { values, positionals } = parseArguments(argv, {
    name: NAME,
    options: { ...KEY_OPTIONS, ...FIELD_OPTIONS, profile: { type: 'string' } },
    positionals: { min: 1, max: 1 },
  });
  const file = positionals[0] ?? '';
  if (file === '') throw usageError('the encrypted file path is empty');
  if (values['key-file'] !== undefined && values['key-env'] !== undefined) {
    throw usageError('give either --key-file or --key-env, not both');
  }
  if (values['key-file'] === undefined && values['key-env'] === undefined) {
    throw usageError('no key given: pass --key-file <path> or --key-env <VAR>');
  }
  if (values['key-file'] === '') throw usageError('--key-file is empty');
  if (values.profile === '') throw usageError('--profile is empty');
  const options: FileSourceOptions = {
    file,
    profile: values.profile ?? 'default',
    iterations: parseIterations(values.iter),
    digest: parseDigest(values.md),
    overrides: overridesFrom(values),
  };
  if (values['key-file'] !== undefined) options.keyFile = values['key-file'];
  if (values['key-env'] !== undefined) options.keyEnv = checkEnvName(values['key-env']);
  return options;
}

import { parseArguments, type ParseArgsInput } from '@cred-launch/core';
import { parseBackend, type BackendKind } from './backend-kind.js';
import { usageError } from './errors.js';
import { checkEntryName } from './names.js';

/** The parsed arguments of `cred-launch keychain <name>`. */
export interface KeychainSourceOptions {
  /** The entry to read. */
  name: string;
  /** The keychain. @default the platform's: 'macos' on macOS, 'windows' on Windows, 'secret-service' elsewhere */
  backend: BackendKind;
}

/** `--backend`, shared by the source and every command. */
export const BACKEND_OPTION = { backend: { type: 'string' } } as const;

/** Parses `<name> [--backend B]`; every mistake is a USAGE error, before any I/O. */
export function parseKeychainSourceArgs({ argv }: ParseArgsInput): KeychainSourceOptions {
  const { values, positionals } = parseArguments(argv, { name: 'keychain', options: BACKEND_OPTION, positionals: { min: 1, max: 1 } });
  return { name: checkEntryName(positionals[0]), backend: parseBackend(values.backend) };
}

/** The parsed arguments of `cred-launch keychain add`. */
export interface AddCommandOptions {
  name: string;
  backend: BackendKind;
  /** Where the keys come from. @default 'terminal' */
  from: 'terminal' | 'stdin' | 'file';
  /** `--from-file`: an AWS credentials (INI) file. */
  file?: string;
  /** `--section`: the profile to import from that file. @default 'default' */
  section: string;
  /** `--mfa-serial`: MFA device ARN stored with the keys (overrides one in the input). */
  mfaSerial?: string;
  /** `--force`: replace an entry of the same name. @default false */
  force: boolean;
}

/** Parses `add <name> [--from-stdin | --from-file F [--section S]] [--mfa-serial ARN] [--force] [--backend B]`. */
export function parseAddArgs({ argv }: ParseArgsInput): AddCommandOptions {
  const { values, positionals } = parseArguments(argv, {
    name: 'keychain add',
    options: {
      ...BACKEND_OPTION,
      'from-stdin': { type: 'boolean' },
      'from-file': { type: 'string' },
      section: { type: 'string' },
      'mfa-serial': { type: 'string' },
      force: { type: 'boolean' },
    },
    positionals: { min: 1, max: 1 },
  });
  const name = checkEntryName(positionals[0], 'add');
  if (values['from-stdin'] === true && values['from-file'] !== undefined) throw usageError('give --from-stdin or --from-file, not both', 'add');
  if (values['from-file'] === '') throw usageError('--from-file is empty', 'add');
  if (values.section !== undefined && values['from-file'] === undefined) throw usageError('--section only applies to --from-file', 'add');
  if (values.section === '') throw usageError('--section is empty', 'add');
  if (values['mfa-serial'] !== undefined && !/^\S{9,256}$/u.test(values['mfa-serial'])) {
    throw usageError('--mfa-serial takes the MFA device ARN (arn:aws:iam::123456789012:mfa/me) or a hardware serial', 'add');
  }
  const options: AddCommandOptions = {
    name,
    backend: parseBackend(values.backend, 'add'),
    from: values['from-file'] !== undefined ? 'file' : values['from-stdin'] === true ? 'stdin' : 'terminal',
    section: values.section ?? 'default',
    force: values.force === true,
  };
  if (values['from-file'] !== undefined) options.file = values['from-file'];
  if (values['mfa-serial'] !== undefined) options.mfaSerial = values['mfa-serial'];
  return options;
}

/** The parsed arguments of `list` and `remove`. */
export interface EntryCommandOptions {
  /** The entry (remove only). */
  name?: string;
  backend: BackendKind;
}

/** Parses `list [--backend B]`. */
export function parseListArgs({ argv }: ParseArgsInput): EntryCommandOptions {
  const { values } = parseArguments(argv, { name: 'keychain list', options: BACKEND_OPTION });
  return { backend: parseBackend(values.backend, 'list') };
}

/** Parses `remove <name> [--backend B]`. */
export function parseRemoveArgs({ argv }: ParseArgsInput): EntryCommandOptions {
  const { values, positionals } = parseArguments(argv, { name: 'keychain remove', options: BACKEND_OPTION, positionals: { min: 1, max: 1 } });
  return { name: checkEntryName(positionals[0], 'remove'), backend: parseBackend(values.backend, 'remove') };
}

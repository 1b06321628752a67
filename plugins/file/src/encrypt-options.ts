import { parseArguments, type ParseArgsInput } from '@cred-launch/core';
import { KEY_OPTIONS, checkEnvName, parseDigest, parseIterations, usageError } from './options.js';
import type { OpensslDigest } from './openssl.js';

/** The parsed arguments of `cred-launch file encrypt <plaintext> …`. */
export interface EncryptCommandOptions {
  /** The plaintext credentials file (INI, JSON or KEY=value lines). */
  input: string;
  /** Where to write. @default `<input>.enc` for OpenSSL, `<input>.age` for age */
  output?: string;
  /** Output format. @default 'openssl', or 'age' when a --recipient is given */
  format: 'openssl' | 'age';
  /** Base64 as `openssl enc -a` writes it, or age's ASCII armor. @default false */
  armor: boolean;
  /** Key file to use, or to create with `generateKey`. */
  keyFile?: string;
  /** Environment variable holding the passphrase (or age identity). */
  keyEnv?: string;
  /** Create a new key file (refused if it exists): 32 random bytes in base64, or an age identity. @default false */
  generateKey: boolean;
  /** age recipients (`age1…`) to encrypt to. @default [] */
  recipients: string[];
  /** PBKDF2 iterations (OpenSSL). @default 10000 */
  iterations: number;
  /** PBKDF2 digest (OpenSSL). @default 'sha256' */
  digest: OpensslDigest;
  /** scrypt work factor, log2 N (age passphrase). @default 18 */
  scryptWorkFactor: number;
  /** Replace an existing output file. @default false */
  force: boolean;
}

const COMMAND = 'file encrypt';

/** age's own scrypt work factor (log2 N) for `age -p`. */
export const DEFAULT_SCRYPT_WORK_FACTOR = 18;

/** Parses and checks the encrypt command's arguments; every mistake is a USAGE error, before any I/O. */
export function parseEncryptArgs({ argv }: ParseArgsInput): EncryptCommandOptions {
  const { values, positionals } = parseArguments(argv, {
    name: 'file encrypt',
    options: {
      ...KEY_OPTIONS,
      out: { type: 'string', short: 'o' },
      format: { type: 'string' },
      armor: { type: 'boolean', short: 'a' },
      'generate-key': { type: 'boolean' },
      recipient: { type: 'string', short: 'r', multiple: true },
      'scrypt-work-factor': { type: 'string' },
      force: { type: 'boolean' },
    },
    positionals: { min: 1, max: 1 },
  });
  const input = positionals[0] ?? '';
  if (input === '') throw usageError('the plaintext file path is empty', COMMAND);
  const recipients = values.recipient ?? [];
  const format = values.format ?? (recipients.length > 0 ? 'age' : 'openssl');
  if (format !== 'openssl' && format !== 'age') throw usageError(`--format must be openssl or age (got "${format}")`, COMMAND);
  const keyFile = values['key-file'];
  const keyEnv = values['key-env'];
  if (keyFile !== undefined && keyEnv !== undefined) throw usageError('give either --key-file or --key-env, not both', COMMAND);
  if (keyFile === '' || values.out === '') throw usageError('an empty path was given', COMMAND);
  if (values['generate-key'] === true && keyFile === undefined) throw usageError('--generate-key needs --key-file <path> for the new key', COMMAND);
  for (const recipient of recipients) {
    if (!recipient.startsWith('age1')) throw usageError(`--recipient takes an age public key (age1…), got "${recipient.slice(0, 12)}…"`, COMMAND);
  }
  if (format === 'openssl') {
    if (recipients.length > 0) throw usageError('--recipient is for --format age', COMMAND);
    if (values['scrypt-work-factor'] !== undefined) throw usageError('--scrypt-work-factor is for --format age', COMMAND);
    if (keyFile === undefined && keyEnv === undefined) throw usageError('no key given: pass --key-file <path> (add --generate-key for a new one) or --key-env <VAR>', COMMAND);
  } else {
    if (values.iter !== undefined || values.md !== undefined) throw usageError('--iter and --md are for --format openssl', COMMAND);
    if (recipients.length === 0 && keyFile === undefined && keyEnv === undefined) {
      throw usageError('no key given: pass --recipient age1…, --key-file <identity or passphrase file> (add --generate-key for a new identity) or --key-env <VAR>', COMMAND);
    }
  }
  let scryptWorkFactor = DEFAULT_SCRYPT_WORK_FACTOR;
  const factor = values['scrypt-work-factor'];
  if (factor !== undefined) {
    if (!/^\d{1,2}$/u.test(factor) || Number(factor) < 10 || Number(factor) > 20) throw usageError('--scrypt-work-factor must be a whole number from 10 to 20', COMMAND);
    scryptWorkFactor = Number(factor);
  }
  const options: EncryptCommandOptions = {
    input,
    format,
    armor: values.armor === true,
    generateKey: values['generate-key'] === true,
    recipients,
    iterations: parseIterations(values.iter, COMMAND),
    digest: parseDigest(values.md, COMMAND),
    scryptWorkFactor,
    force: values.force === true,
  };
  if (values.out !== undefined) options.output = values.out;
  if (keyFile !== undefined) options.keyFile = keyFile;
  if (keyEnv !== undefined) options.keyEnv = checkEnvName(keyEnv, COMMAND);
  return options;
}

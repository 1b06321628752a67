/**
 * @cred-launch/plugin-file: AWS credentials from a file encrypted with
 * `openssl enc -aes-256-cbc -pbkdf2` or age. Importing this module loads
 * node built-ins and core only; age-encryption is imported when an age file
 * is met, never on the OpenSSL path, for `--help` or on a cache hit.
 */
import { CONTRACT_VERSION, defineCredentialSource, type CredentialSource } from '@cred-launch/core';
import { encryptCommand } from './encrypt-command.js';
import { getFileCredentials } from './get-credentials.js';
import { parseFileSourceArgs, type FileSourceOptions } from './options.js';
import { SOURCE_USAGE } from './usage.js';

export type { FileSourceOptions } from './options.js';
export type { EncryptCommandOptions } from './encrypt-options.js';

/** The file plugin: `cred-launch file <encrypted-file> --key-file <key>`. */
const fileSource: CredentialSource<FileSourceOptions> = defineCredentialSource({
  contractVersion: CONTRACT_VERSION,
  name: 'file',
  description: 'AWS credentials from an OpenSSL enc (aes-256-cbc, pbkdf2) or age encrypted file',
  usage: SOURCE_USAGE,
  parseArgs: parseFileSourceArgs,
  getCredentials: getFileCredentials,
  commands: { encrypt: encryptCommand },
});

export default fileSource;

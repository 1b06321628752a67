/**
 * @cred-launch/plugin-process: any credential_process helper, run through
 * cred-launch so it gains a cache, a single-flight lock, a time limit that
 * kills its whole process group, validation and redaction. Importing this
 * module loads Node built-ins and core only.
 */
import { CONTRACT_VERSION, defineCredentialSource, type CredentialSource } from '@cred-launch/core';
import { getProcessCredentials } from './get-credentials.js';
import { parseProcessArgs, type ProcessSourceOptions } from './options.js';
import { SOURCE_USAGE } from './usage.js';

export type { ProcessSourceOptions } from './options.js';

/** The process plugin: `cred-launch process -- <command> [args…]`. */
const processSource: CredentialSource<ProcessSourceOptions> = defineCredentialSource({
  contractVersion: CONTRACT_VERSION,
  name: 'process',
  description: 'Any credential_process helper, with cred-launch cache, lock, time limit and redaction',
  usage: SOURCE_USAGE,
  parseArgs: parseProcessArgs,
  getCredentials: getProcessCredentials,
});

export default processSource;

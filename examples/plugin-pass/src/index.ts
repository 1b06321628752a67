/**
 * cred-launch-plugin-pass — an example third-party cred-launch plugin:
 * `cred-launch pass aws/dev` prints the AWS credentials stored in the pass
 * entry `aws/dev`. It uses only the public API of @cred-launch/core.
 */
import { CONTRACT_VERSION, defineCredentialSource, type CredentialSource } from '@cred-launch/core';
import { credentialsFromEntry } from './entry.js';
import { fieldsCommand } from './fields-command.js';
import { parsePassArgs, USAGE, type PassOptions } from './options.js';
import { runPassShow } from './run-pass.js';

export type { PassOptions } from './options.js';

const source: CredentialSource<PassOptions> = defineCredentialSource<PassOptions>({
  contractVersion: CONTRACT_VERSION,
  name: 'pass',
  description: 'AWS credentials from the pass password store (example third-party plugin)',
  usage: USAGE,
  parseArgs: parsePassArgs,
  async getCredentials({ args, env, cwd, signal, secrets, log }) {
    log(`pass: running ${args.passBin} show ${args.entry}`);
    const text = await runPassShow({ passBin: args.passBin, entry: args.entry, env, cwd, signal });
    // The whole decrypted entry is secret, whatever its layout.
    secrets.add(text);
    secrets.add(text.trim());
    const overrides = args.accessKeyField === undefined ? {} : { accessKeyId: args.accessKeyField };
    return credentialsFromEntry(text, { entry: args.entry, profile: args.profile, overrides, secretKeyField: args.secretKeyField }, secrets);
  },
  commands: { fields: fieldsCommand },
});

export default source;

/**
 * @cred-launch/plugin-secrets-manager — AWS credentials stored in an AWS
 * Secrets Manager secret. Importing this module loads nothing heavy: the AWS
 * SDK is imported inside getCredentials only, so `--help` and cache hits
 * never pay for it.
 */
import { CONTRACT_VERSION, defineCredentialSource, type CredentialSource } from '@cred-launch/core';
import { parseSecretsManagerArgs, type SecretsManagerOptions } from './options.js';
import { USAGE } from './usage.js';

export { parseSecretsManagerArgs, type SecretsManagerOptions } from './options.js';

/** The plugin. */
const source: CredentialSource<SecretsManagerOptions> = defineCredentialSource<SecretsManagerOptions>({
  contractVersion: CONTRACT_VERSION,
  name: 'secrets-manager',
  description: 'AWS credentials stored in an AWS Secrets Manager secret',
  usage: USAGE,
  parseArgs: parseSecretsManagerArgs,
  async getCredentials(context) {
    const { getSecretsManagerCredentials } = await import('./get-credentials.js');
    return getSecretsManagerCredentials(context);
  },
});

export default source;

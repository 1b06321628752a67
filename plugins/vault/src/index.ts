/**
 * @cred-launch/plugin-vault — AWS credentials from HashiCorp Vault (KV v1/v2
 * and the AWS secrets engine). Importing this module loads nothing but core:
 * the HTTP client is imported when credentials are actually fetched.
 */
import { CONTRACT_VERSION, defineCredentialSource, defineSourceCommand, type CredentialSource } from '@cred-launch/core';
import { parseVaultArgs, parseWhoamiArgs } from './args/index.js';
import type { VaultArgs, VaultWhoamiArgs } from './options.js';
import { USAGE, WHOAMI_USAGE } from './usage.js';

export type { AuthOptions, AwsEngineOptions, ConnectionOptions, EngineChoice, SecretOptions, VaultArgs, VaultWhoamiArgs } from './options.js';

const source: CredentialSource<VaultArgs> = defineCredentialSource<VaultArgs>({
  contractVersion: CONTRACT_VERSION,
  name: 'vault',
  description: 'HashiCorp Vault: KV v1/v2 secrets and the AWS secrets engine',
  usage: USAGE,
  parseArgs: parseVaultArgs,
  async getCredentials(context) {
    const { fetchVaultCredentials } = await import('./fetch-credentials.js');
    return fetchVaultCredentials(context);
  },
  commands: {
    whoami: defineSourceCommand<VaultWhoamiArgs>({
      description: 'show the Vault address, namespace and token identity in use',
      usage: WHOAMI_USAGE,
      parseArgs: parseWhoamiArgs,
      async run(context) {
        const { whoami } = await import('./commands/whoami.js');
        return whoami(context);
      },
    }),
  },
});

export default source;

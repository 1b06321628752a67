import { CONTRACT_VERSION, defineCredentialSource, type CredentialSource, type SourceCredentials } from '@cred-launch/core';
import { parseOnePasswordArgs, type OnePasswordArgs } from './args.js';
import type { IntegrationInfo } from './package-info.js';
import type { LoadOnePasswordSdk } from './sdk.js';
import { DESCRIPTION, USAGE } from './usage.js';

/** Options for {@link createOnePasswordSource}. */
export interface OnePasswordSourceOptions {
  /**
   * Loads the SDK. Tests pass a fake; called only inside getCredentials, so
   * `--help`, parseArgs and a cache hit never load the WASM core.
   * @default a lazy `import('@1password/sdk')`
   */
  loadSdk?: LoadOnePasswordSdk;
  /**
   * The integration name/version sent to 1Password.
   * @default read from this package's package.json at run time
   */
  integration?: () => Promise<IntegrationInfo>;
}

/**
 * Builds the 1Password source around an SDK loader. The default export uses
 * the real `@1password/sdk`; tests inject a fake client here.
 */
export function createOnePasswordSource(options: OnePasswordSourceOptions = {}): CredentialSource<OnePasswordArgs> {
  return defineCredentialSource<OnePasswordArgs>({
    contractVersion: CONTRACT_VERSION,
    name: '1password',
    description: DESCRIPTION,
    usage: USAGE,
    parseArgs: parseOnePasswordArgs,
    async getCredentials(context): Promise<SourceCredentials> {
      // Before anything else: the token is a secret even if this run never uses it.
      context.secrets.add(context.env.OP_SERVICE_ACCOUNT_TOKEN);
      // Everything past argument parsing is imported on first use: a plugin
      // imported for --help loads only the argument code.
      const { getOnePasswordCredentials } = await import('./credentials.js');
      return getOnePasswordCredentials(context, options);
    },
  });
}

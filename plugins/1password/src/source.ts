import {
  CONTRACT_VERSION,
  CredentialError,
  defineCredentialSource,
  isCredentialError,
  type CredentialSource,
  type SourceContext,
  type SourceCredentials,
} from '@cred-launch/core';
import { abortable, throwIfAborted } from './abort.js';
import { parseOnePasswordArgs, type AuthPlan, type OnePasswordArgs } from './args.js';
import { toCredentialErrorFromSdk } from './errors.js';
import { readIntegrationInfo, type IntegrationInfo } from './package-info.js';
import { credentialsFromResolved } from './resolve.js';
import { loadRealSdk, type LoadOnePasswordSdk, type OnePasswordAuth, type OnePasswordSdk } from './sdk.js';
import { readTokenFile } from './token-file.js';
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

function noAuth(): CredentialError {
  return new CredentialError('AUTH', '1password: no 1Password credentials: no service account token and no desktop app account given', {
    hint: 'set OP_SERVICE_ACCOUNT_TOKEN, pass --token-file FILE, or use the 1Password app with --account NAME (or OP_ACCOUNT)',
  });
}

/** Turns the plan into SDK auth, reading a token file if asked; every token is registered as a secret first. */
async function authenticate(plan: AuthPlan, context: SourceContext<OnePasswordArgs>): Promise<OnePasswordAuth> {
  switch (plan.kind) {
    case 'token-file': {
      const token = await readTokenFile(plan.path, { cwd: context.cwd, homedir: context.homedir });
      context.secrets.add(token);
      context.log(`1password: service account token from ${plan.path}`);
      return { type: 'token', token };
    }
    case 'token-env':
      context.log('1password: service account token from OP_SERVICE_ACCOUNT_TOKEN');
      return { type: 'token', token: (context.env.OP_SERVICE_ACCOUNT_TOKEN ?? '').trim() };
    case 'desktop':
      context.log(`1password: desktop app integration, account "${plan.account}" (from ${plan.from})`);
      return { type: 'desktop', accountName: plan.account };
    case 'none':
      throw noAuth();
  }
}

async function loadSdk(load: LoadOnePasswordSdk, context: SourceContext<OnePasswordArgs>): Promise<OnePasswordSdk> {
  const started = performance.now();
  try {
    const sdk = await load();
    context.log(`1password: @1password/sdk loaded in ${Math.round(performance.now() - started)} ms`);
    return sdk;
  } catch (error) {
    if (isCredentialError(error)) throw error;
    throw toCredentialErrorFromSdk(error, { phase: 'load', auth: 'token', secrets: [] });
  }
}

/**
 * Builds the 1Password source around an SDK loader. The default export uses
 * the real `@1password/sdk`; tests inject a fake client here.
 */
export function createOnePasswordSource(options: OnePasswordSourceOptions = {}): CredentialSource<OnePasswordArgs> {
  const load = options.loadSdk ?? loadRealSdk;
  const integration = options.integration ?? readIntegrationInfo;
  return defineCredentialSource<OnePasswordArgs>({
    contractVersion: CONTRACT_VERSION,
    name: '1password',
    description: DESCRIPTION,
    usage: USAGE,
    parseArgs: parseOnePasswordArgs,
    async getCredentials(context): Promise<SourceCredentials> {
      // Before anything else: the token is a secret even if this run never uses it.
      context.secrets.add(context.env.OP_SERVICE_ACCOUNT_TOKEN);
      const { args, signal } = context;
      const auth = await authenticate(args.auth, context);
      const secrets = auth.type === 'token' ? [auth.token] : [];
      const errorContext = { auth: auth.type, secrets } as const;
      const info = await integration();
      throwIfAborted(signal, 'loading @1password/sdk');
      const sdk = await loadSdk(load, context);
      throwIfAborted(signal, 'loading @1password/sdk');
      const references = [...new Set(args.fields.map((request) => request.reference))];
      for (const reference of references) {
        try {
          sdk.validateSecretReference(reference);
        } catch (error) {
          throw toCredentialErrorFromSdk(error, { ...errorContext, phase: 'validate', reference });
        }
      }
      let client;
      try {
        client = await abortable(sdk.createClient({ auth, ...info }), signal, 'signing in to 1Password');
      } catch (error) {
        if (isCredentialError(error)) throw error;
        throw toCredentialErrorFromSdk(error, { ...errorContext, phase: 'client' });
      }
      context.log(`1password: resolving ${references.length} references in one call: ${references.join(', ')}`);
      let result;
      try {
        result = await abortable(client.secrets.resolveAll(references), signal, 'resolving the secret references');
      } catch (error) {
        if (isCredentialError(error)) throw error;
        throw toCredentialErrorFromSdk(error, { ...errorContext, phase: 'resolve' });
      }
      return credentialsFromResolved(args.fields, result, { secrets: context.secrets, log: context.log });
    },
  });
}

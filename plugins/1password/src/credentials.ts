import { CredentialError, isCredentialError, type SourceContext, type SourceCredentials } from '@cred-launch/core';
import { abortable, throwIfAborted } from './abort.js';
import type { AuthPlan, OnePasswordArgs } from './args.js';
import { looksLikeSignInAddress, toCredentialErrorFromSdk } from './errors.js';
import { readIntegrationInfo, type IntegrationInfo } from './package-info.js';
import { credentialsFromResolved } from './resolve.js';
import { loadRealSdk, type LoadOnePasswordSdk, type OnePasswordAuth, type OnePasswordSdk } from './sdk.js';
import { readTokenFile } from './token-file.js';

/** What {@link getOnePasswordCredentials} needs besides the context. */
export interface GetCredentialsDependencies {
  /** @default the real SDK, imported lazily */
  readonly loadSdk?: LoadOnePasswordSdk;
  /** @default read from package.json */
  readonly integration?: () => Promise<IntegrationInfo>;
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
      if (looksLikeSignInAddress(plan.account)) {
        context.log(`1password: "${plan.account}" looks like an op CLI sign-in address; the SDK's desktop sign-in wants the account name shown in the app, or its UUID`);
      }
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
 * The work behind getCredentials: authenticate, load the SDK, validate every
 * reference, resolve them all in one call, map the answers. Lives in its own
 * module, imported on first use, so importing the plugin for `--help` or
 * parseArgs loads only the argument code. The caller has already registered
 * OP_SERVICE_ACCOUNT_TOKEN as a secret.
 */
export async function getOnePasswordCredentials(context: SourceContext<OnePasswordArgs>, dependencies: GetCredentialsDependencies = {}): Promise<SourceCredentials> {
  const { args, signal } = context;
  const auth = await authenticate(args.auth, context);
  const secrets = auth.type === 'token' ? [auth.token] : [];
  const errorContext = { auth: auth.type, secrets, ...(auth.type === 'desktop' ? { account: auth.accountName } : {}) } as const;
  const info = await (dependencies.integration ?? readIntegrationInfo)();
  throwIfAborted(signal, 'loading @1password/sdk');
  const sdk = await loadSdk(dependencies.loadSdk ?? loadRealSdk, context);
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
}

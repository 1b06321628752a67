import type { SourceContext } from '@cred-launch/core';
import { abortable } from './abort.js';
import type { ClientSettings } from './client-settings.js';
import { getSecretValueDirect, type GetSecretValueInput } from './direct-client.js';
import { directRoute, type DirectRoute } from './direct-route.js';
import { mapSecretsManagerError, type ErrorContext } from './errors.js';
import type { SecretsManagerOptions } from './options.js';
import { silenceNodeVersionWarning } from './sdk-warning.js';
import type { SecretValue } from './secret-content.js';
import { createCaller } from './source-credentials.js';
import type { SharedConfig } from '@cred-launch/aws-profiles';
import type { SourcePlan } from './source-plan.js';

/**
 * Calls GetSecretValue: with the plugin's own small client when the calling
 * keys come from the environment and nothing else needs the SDK
 * (src/direct-route.ts; loading the SDK is most of a cold call's cost), else
 * with @aws-sdk/client-secrets-manager, imported here and only here. Every
 * setting the plugin resolved from context.env is passed explicitly; both
 * clients retry throttling and transient errors the SDK's way (standard mode,
 * `maxAttempts`); the launcher's AbortSignal cancels the request and any
 * wait. Errors become CredentialErrors through the same mapping.
 */
export async function fetchSecretValue(context: SourceContext<SecretsManagerOptions>, settings: ClientSettings, plan: SourcePlan, shared: SharedConfig): Promise<SecretValue> {
  const { args, signal, log } = context;
  const errorContext: ErrorContext = {
    secretId: args.secretId,
    region: settings.region,
    regionSource: settings.regionSource,
    caller: plan.describe,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
    ...(args.versionStage === undefined ? {} : { versionStage: args.versionStage }),
    ...(args.versionId === undefined ? {} : { versionId: args.versionId }),
  };
  const route = directRoute(settings, plan, context.env);
  if (typeof route !== 'string') return fetchDirect(context, route, errorContext);
  log(`secrets-manager: using the AWS SDK (${route})`);
  const [{ SecretsManagerClient, GetSecretValueCommand }, caller] = await abortable(
    Promise.all([import('@aws-sdk/client-secrets-manager'), createCaller(plan, context.env, shared, log, settings.stsEndpoint)]),
    signal,
  );
  const silenced = silenceNodeVersionWarning();
  log(`secrets-manager: SDK loaded (${silenced} copy/copies of @aws-sdk/core with the Node version warning silenced)`);
  const client = new SecretsManagerClient({
    region: settings.region,
    credentials: caller.credentials,
    maxAttempts: settings.maxAttempts,
    retryMode: settings.retryMode,
    useFipsEndpoint: settings.useFipsEndpoint,
    useDualstackEndpoint: settings.useDualstackEndpoint,
    authSchemePreference: settings.authSchemePreference,
    userAgentAppId: settings.userAgentAppId,
    defaultsMode: settings.defaultsMode,
    disableClockSkewCorrection: settings.disableClockSkewCorrection,
    profile: settings.profile,
    ...(settings.endpoint === undefined ? {} : { endpoint: settings.endpoint }),
  });
  try {
    const output = await abortable(client.send(new GetSecretValueCommand(input(args)), { abortSignal: signal }), signal);
    log(`secrets-manager: read ${output.Name ?? args.secretId} version ${output.VersionId ?? '?'} (${(output.VersionStages ?? []).join(', ')})`);
    const value: SecretValue = {};
    if (output.Name !== undefined) value.name = output.Name;
    if (output.VersionId !== undefined) value.versionId = output.VersionId;
    if (output.SecretString !== undefined) value.secretString = output.SecretString;
    if (output.SecretBinary !== undefined) value.secretBinary = output.SecretBinary;
    return value;
  } catch (error) {
    if (signal.aborted) throw error;
    // The service's own words (e.g. which principal was denied) for --verbose; redacted by the launcher.
    const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
    log(`secrets-manager: GetSecretValue failed: ${String(name)}: ${String(message).split('\n')[0] ?? ''}`);
    throw mapSecretsManagerError(error, { ...errorContext, loopReported: caller.loopReported() });
  } finally {
    // Keep-alive sockets would hold the launcher's event loop open.
    client.destroy();
  }
}

function input(args: SecretsManagerOptions): GetSecretValueInput {
  return {
    SecretId: args.secretId,
    ...(args.versionId === undefined ? {} : { VersionId: args.versionId }),
    ...(args.versionStage === undefined ? {} : { VersionStage: args.versionStage }),
  };
}

async function fetchDirect(context: SourceContext<SecretsManagerOptions>, route: DirectRoute, errorContext: ErrorContext): Promise<SecretValue> {
  const { args, signal, log } = context;
  log(`secrets-manager: signing GetSecretValue itself (keys from the environment; the AWS SDK is not loaded)`);
  try {
    const { value, versionStages } = await abortable(getSecretValueDirect(route, input(args), signal), signal);
    log(`secrets-manager: read ${value.name ?? args.secretId} version ${value.versionId ?? '?'} (${versionStages.join(', ')})`);
    return value;
  } catch (error) {
    if (signal.aborted) throw error;
    const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown };
    log(`secrets-manager: GetSecretValue failed: ${String(name)}: ${String(message).split('\n')[0] ?? ''}`);
    throw mapSecretsManagerError(error, errorContext);
  }
}

import type { SourceContext } from '@cred-launch/core';
import { abortable } from './abort.js';
import type { ClientSettings } from './client-settings.js';
import { mapSecretsManagerError, type ErrorContext } from './errors.js';
import type { SecretsManagerOptions } from './options.js';
import { silenceNodeVersionWarning } from './sdk-warning.js';
import type { SecretValue } from './secret-content.js';
import { createCaller } from './source-credentials.js';
import type { SharedConfig } from '@cred-launch/aws-profiles';
import type { SourcePlan } from './source-plan.js';

/**
 * Calls GetSecretValue with @aws-sdk/client-secrets-manager, imported here
 * and only here. Every setting the plugin resolved from context.env is passed
 * explicitly; the SDK retries throttling and transient errors itself
 * (standard mode, `maxAttempts`); the launcher's AbortSignal cancels the
 * request and any wait. SDK errors become CredentialErrors.
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
    const output = await abortable(
      client.send(
        new GetSecretValueCommand({
          SecretId: args.secretId,
          ...(args.versionId === undefined ? {} : { VersionId: args.versionId }),
          ...(args.versionStage === undefined ? {} : { VersionStage: args.versionStage }),
        }),
        { abortSignal: signal },
      ),
      signal,
    );
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

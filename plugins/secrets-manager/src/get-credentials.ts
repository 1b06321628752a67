import { loadSharedConfig } from '@cred-launch/aws-profiles';
import type { SourceContext, SourceCredentials } from '@cred-launch/core';
import { abortable } from './abort.js';
import { resolveClientSettings } from './client-settings.js';
import { fetchSecretValue } from './fetch-secret.js';
import type { SecretsManagerOptions } from './options.js';
import { checkCredentialProcessLoop } from './recursion-guard.js';
import { credentialsFromSecret } from './secret-content.js';
import { checkSourceProfileExists, planSource } from './source-plan.js';

/**
 * The plugin's work, loaded lazily by the entry point: refuse a
 * credential_process loop before starting anything (the launcher's
 * CRED_LAUNCH_ACTIVE check catches the loops no config file shows), resolve region/endpoint/caller from context.env
 * and the shared config, read the secret, map it to credentials.
 */
export async function getSecretsManagerCredentials(context: SourceContext<SecretsManagerOptions>): Promise<SourceCredentials> {
  const { args, env, signal, log } = context;
  const shared = await abortable(loadSharedConfig(env, context.homedir, context.cwd), signal);
  checkCredentialProcessLoop(args, env, shared);
  const plan = planSource(args.sourceProfile, env);
  checkSourceProfileExists(plan, shared);
  const settings = resolveClientSettings(args, env, shared);
  log(
    `secrets-manager: GetSecretValue "${args.secretId}" in ${settings.region} (from ${settings.regionSource})` +
      `${settings.endpoint === undefined ? '' : ` at ${settings.endpoint} (from ${settings.endpointSource})`}, calling as ${plan.describe}`,
  );
  const value = await fetchSecretValue(context, settings, plan, shared);
  return credentialsFromSecret(value, args, context.secrets);
}

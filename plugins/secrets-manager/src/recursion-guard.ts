import { parseCredLaunchCall, type SharedConfig } from '@cred-launch/aws-profiles';
import { CredentialError, type SourceEnv } from '@cred-launch/core';
import { parseSecretsManagerArgs, type SecretsManagerOptions } from './options.js';
import { planSource, profileOf } from './source-plan.js';

/** What to do about a loop, shared with the error mapping. */
export const LOOP_HINT =
  'give the secret reader credentials of its own with --source-profile <a profile that does not run this command>, or unset AWS_PROFILE for the credential_process';

/** One profile on the way to the calling credentials, and how it was reached. */
export interface LoopStep {
  profile: string;
  via: 'start' | 'source_profile' | 'credential_process';
}

function describeTrail(trail: readonly LoopStep[]): string {
  return trail
    .map((step) => {
      if (step.via === 'source_profile') return `source_profile "${step.profile}"`;
      if (step.via === 'credential_process') return `credential_process cred-launch secrets-manager → profile "${step.profile}"`;
      return `profile "${step.profile}"`;
    })
    .join(' → ');
}

/**
 * Follows, without running anything, the profiles the calling credentials
 * would be resolved through — the way the AWS SDK's `fromIni` does (role
 * `source_profile` first, then static keys, web identity, credential_process)
 * — and through every `cred-launch secrets-manager` credential_process on
 * the way. Returns the trail when a profile comes round again: running it
 * would start cred-launch over and over. Undefined when the chain ends.
 */
export function findCredentialProcessLoop(args: SecretsManagerOptions, env: SourceEnv, shared: SharedConfig): LoopStep[] | undefined {
  const start = profileOf(planSource(args.sourceProfile, env));
  if (start === undefined) return undefined;
  const trail: LoopStep[] = [];
  let next: LoopStep | undefined = { profile: start, via: 'start' };
  while (next !== undefined) {
    const step: LoopStep = next;
    if (trail.some((seen) => seen.profile === step.profile)) return [...trail, step];
    const settings = shared.profiles.get(step.profile);
    if (settings === undefined) return undefined;
    const hop = trail.length > 0 && step.via === 'source_profile';
    trail.push(step);
    next = undefined;
    const hasStaticKeys = Boolean(settings.aws_access_key_id && settings.aws_secret_access_key);
    if (hop && hasStaticKeys) return undefined;
    if (settings.role_arn && settings.source_profile) {
      // A profile that names itself as its source uses its own static keys.
      if (settings.source_profile !== step.profile) next = { profile: settings.source_profile, via: 'source_profile' };
      continue;
    }
    if (settings.role_arn && settings.credential_source) return undefined;
    if (hasStaticKeys || settings.web_identity_token_file) return undefined;
    const command = settings.credential_process;
    if (command === undefined) return undefined;
    const invocation = parseCredLaunchCall(command);
    if (invocation?.plugin !== 'secrets-manager') return undefined;
    let child: SecretsManagerOptions;
    try {
      child = parseSecretsManagerArgs({ argv: invocation.pluginArgv, env });
    } catch {
      return undefined; // It would stop at once with a usage error.
    }
    // The child inherits this environment, plus anything its command line sets.
    const childEnv: SourceEnv = { ...env, ...invocation.env };
    const childStart = profileOf(planSource(child.sourceProfile, childEnv));
    if (childStart === undefined) return undefined;
    next = { profile: childStart, via: 'credential_process' };
  }
  return undefined;
}

/** Throws CONFIG when resolving the calling credentials would run this plugin again in a loop. */
export function checkCredentialProcessLoop(args: SecretsManagerOptions, env: SourceEnv, shared: SharedConfig): void {
  const trail = findCredentialProcessLoop(args, env, shared);
  if (trail === undefined) return;
  throw new CredentialError(
    'CONFIG',
    `secrets-manager: credential_process loop: the credentials for reading "${args.secretId}" come from ${describeTrail(trail)} (again), which would start cred-launch forever`,
    { hint: LOOP_HINT },
  );
}

import { CredentialError, type SourceEnv } from '@cred-launch/core';
import type { SharedConfig } from '@cred-launch/aws-profiles';

/**
 * Which credentials will call Secrets Manager, decided from the arguments and
 * `context.env` alone, in the order the AWS SDK's default chain uses.
 */
export type SourcePlan =
  /** `--source-profile NAME`: that profile only, no fallback. */
  | { kind: 'source-profile'; profile: string; describe: string }
  /** The SDK default chain; `profile` is AWS_PROFILE when set (the SDK then skips environment keys). */
  | { kind: 'default-chain'; profile: string | undefined; describe: string }
  /** AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) from the environment. */
  | { kind: 'environment'; describe: string };

/** Picks the source of the calling credentials. */
export function planSource(sourceProfile: string | undefined, env: SourceEnv): SourcePlan {
  if (sourceProfile !== undefined) {
    return { kind: 'source-profile', profile: sourceProfile, describe: `--source-profile "${sourceProfile}"` };
  }
  if (env.AWS_PROFILE) {
    return { kind: 'default-chain', profile: env.AWS_PROFILE, describe: `AWS_PROFILE "${env.AWS_PROFILE}"` };
  }
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
    return { kind: 'environment', describe: 'AWS_ACCESS_KEY_ID from the environment' };
  }
  return { kind: 'default-chain', profile: undefined, describe: 'the AWS SDK default credential chain' };
}

/** The shared-config profile the plan reads first, if any (`default` for the bare default chain). */
export function profileOf(plan: SourcePlan): string | undefined {
  if (plan.kind === 'environment') return undefined;
  return plan.profile ?? 'default';
}

/** `--source-profile` must name a profile that exists: the SDK's own message for a typo is vague. */
export function checkSourceProfileExists(plan: SourcePlan, shared: SharedConfig): void {
  if (plan.kind !== 'source-profile' || shared.profiles.has(plan.profile)) return;
  throw new CredentialError('CONFIG', `secrets-manager: --source-profile "${plan.profile}" is in neither ${shared.configFile} nor ${shared.credentialsFile}`, {
    hint: `add it (aws configure --profile ${plan.profile}) or fix the name; AWS_CONFIG_FILE and AWS_SHARED_CREDENTIALS_FILE move the files`,
  });
}

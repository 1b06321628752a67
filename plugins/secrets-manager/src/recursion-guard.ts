import { createHash } from 'node:crypto';
import { CredentialError, type SourceEnv } from '@cred-launch/core';
import { parseCredLaunchInvocation } from './command-line.js';
import { parseSecretsManagerArgs, type SecretsManagerOptions } from './options.js';
import type { SharedConfig } from './shared-config.js';
import { planSource, profileOf } from './source-plan.js';

/**
 * The variable the launcher exports to its children: a comma-separated list
 * of the invocations running above them in the process tree, each as
 * {@link invocationFingerprint}. The AWS SDK runs credential_process children
 * with the process environment, so the list travels down a chain of
 * cred-launch runs however they are started (wrapper scripts included).
 */
export const ACTIVE_INVOCATIONS_ENV = 'CRED_LAUNCH_ACTIVE';

/** `<plugin>:<first 16 hex of sha256(plugin NUL argv…)>`: no argument text leaks into the environment. */
export function invocationFingerprint(plugin: string, argv: readonly string[]): string {
  return `${plugin}:${createHash('sha256').update([plugin, ...argv].join('\0')).digest('hex').slice(0, 16)}`;
}

const HINT =
  'give the secret reader credentials of its own with --source-profile <a profile that does not run this command>, or unset AWS_PROFILE for the credential_process';

/**
 * Stops when this very invocation is already running further up the process
 * tree (the launcher lists active invocations in CRED_LAUNCH_ACTIVE): it can
 * only have been started by its own credential chain, which would repeat forever.
 */
export function checkActiveInvocations(args: SecretsManagerOptions, env: SourceEnv): void {
  const active = (env[ACTIVE_INVOCATIONS_ENV] ?? '').split(/[\s,]+/u).filter(Boolean);
  if (active.includes(invocationFingerprint('secrets-manager', args.argv))) {
    throw new CredentialError(
      'CONFIG',
      `secrets-manager: credential_process loop: reading secret "${args.secretId}" needs credentials whose credential_process is this same command`,
      { hint: HINT },
    );
  }
}

interface Step {
  profile: string;
  via: 'start' | 'source_profile' | 'credential_process';
}

function describeTrail(trail: readonly Step[]): string {
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
export function findCredentialProcessLoop(args: SecretsManagerOptions, env: SourceEnv, shared: SharedConfig): Step[] | undefined {
  const start = profileOf(planSource(args.sourceProfile, env));
  if (start === undefined) return undefined;
  const trail: Step[] = [];
  let next: Step | undefined = { profile: start, via: 'start' };
  while (next !== undefined) {
    const step: Step = next;
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
    const invocation = parseCredLaunchInvocation(command);
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
    { hint: HINT },
  );
}

import { CredentialError } from '@cred-launch/core';
import type { CredentialInvocation } from '../engine/types.js';
import { parseCommandLine, type LauncherOptions } from '../options.js';
import { asLauncherInvocation, awsFileLocations, effectiveSetting, readAwsProfiles, splitLikeBotocore } from '@cred-launch/aws-profiles';

/** Where a profile's call came from, for messages. */
export interface ProfileInvocation {
  invocation: CredentialInvocation;
  /** true: the line runs cred-launch, so it runs in this process; false: it runs through the process plugin. */
  inProcess: boolean;
}

/**
 * The call behind `--profile NAME`: the profile's credential_process line,
 * read as the SDKs read it and split as botocore splits it. A cred-launch
 * line runs here, in-process, with the launcher options written in it; any
 * other helper runs through the `process` plugin, which gives it the cache,
 * lock and time limit.
 */
export function invocationFromProfile(
  profileName: string,
  options: LauncherOptions,
  env: Readonly<Record<string, string | undefined>>,
  homedir: string,
  cwd: string,
): ProfileInvocation {
  const locations = awsFileLocations(env, homedir, cwd);
  const { profiles } = readAwsProfiles(locations);
  const profile = profiles.get(profileName);
  if (!profile) {
    const known = [...profiles.keys()].sort();
    throw new CredentialError('CONFIG', `no profile "${profileName}" in ${locations.configFile}`, {
      hint: known.length > 0 ? `profiles there: ${known.slice(0, 10).join(', ')}` : 'create it with: cred-launch configure --profile <name> <plugin> <args…>',
    });
  }
  const line = effectiveSetting(profile, 'credential_process')?.value;
  if (line === undefined || line.trim() === '') {
    throw new CredentialError('CONFIG', `profile "${profileName}" has no credential_process`, {
      hint: `give the plugin instead (cred-launch exec <plugin> <args…> -- …), or set one with: cred-launch configure --profile ${profileName} <plugin> <args…>`,
    });
  }
  let argv: string[];
  try {
    argv = splitLikeBotocore(line, 'posix');
  } catch {
    throw new CredentialError('CONFIG', `the credential_process of profile "${profileName}" cannot be split into words`, {
      hint: `check its quotes; cred-launch doctor --profile ${profileName} shows the line`,
    });
  }
  const call = asLauncherInvocation(argv);
  if (call) {
    const parsed = parseCommandLine(call.args, env);
    if (parsed.command.kind !== 'plugin') {
      throw new CredentialError('CONFIG', `the credential_process of profile "${profileName}" runs cred-launch without a plugin`, {
        hint: `cred-launch doctor --profile ${profileName}`,
      });
    }
    // The line's own launcher options (--session, --timeout…) apply; debug output follows this command line.
    return {
      invocation: { plugin: parsed.command.name, args: parsed.command.args, options: { ...parsed.options, verbose: parsed.options.verbose || options.verbose } },
      inProcess: true,
    };
  }
  return { invocation: { plugin: 'process', args: ['--', ...argv], options }, inProcess: false };
}

import { awsFileLocations, type AwsProfile, effectiveSetting, linePlatform, type LinePlatform, PROFILE_NAME, readAwsProfiles } from '@cred-launch/aws-profiles';
import { CredentialError, parseArguments, parseDurationSeconds } from '@cred-launch/core';
import type { LauncherIo } from '../io.js';
import { plaintextBackupDiagnoses } from './backup-checks.js';
import { checkProfile } from './check-profile.js';
import type { Diagnosis, DoctorReport } from './doctor-types.js';

/** What `cred-launch doctor …` asks for. */
export interface DoctorRequest {
  /** Check only this profile; otherwise every profile with credential_process. */
  profile: string | undefined;
  json: boolean;
  configFile: string | undefined;
  /** Limit for each credential_process run. @default 60 */
  timeoutSeconds: number;
}

/** The usage text of `cred-launch doctor`. */
export const DOCTOR_USAGE = `usage: cred-launch doctor [--profile <name>] [--json] [--config-file <path>] [--timeout <duration>]

Reads the shared config and credentials files as the AWS SDKs do, runs each
profile's credential_process (no shell, like botocore) and reports the
command, plugin and version, cache state, time taken, expiry, the access key
masked like 'aws configure list', whether botocore and the JS SDK would accept
the output, and what to fix. It also points out backups configure left
(config.<time>.bak, credentials.<time>.bak) that still hold secret keys in plain
text. Secrets are never printed.

  --profile <name>         check this profile only (default: every profile with credential_process)
  --json                 one JSON document on stdout instead of text
  --config-file <path>     read this file instead of AWS_CONFIG_FILE / ~/.aws/config
  --timeout <duration>     limit for each credential_process run (default 60s)

Examples:
  cred-launch doctor                  every profile that uses credential_process
  cred-launch doctor --profile dev    one profile, with the exact fix for what is wrong
  cred-launch doctor --json | jq '.profiles[] | select(.healthy | not) | .profile'

Exit status: 0 when every checked profile is healthy, 78 otherwise.
`;

/** Parses doctor's arguments; undefined for --help. */
export function parseDoctorArgs(args: readonly string[]): DoctorRequest | undefined {
  const { values } = parseArguments(args, {
    name: 'doctor',
    options: {
      profile: { type: 'string' },
      json: { type: 'boolean' },
      'config-file': { type: 'string' },
      timeout: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return undefined;
  if (values.profile !== undefined && !PROFILE_NAME.test(values.profile)) {
    throw new CredentialError('USAGE', `doctor: "${values.profile}" is not a valid profile name`, { hint: "see 'cred-launch doctor --help'" });
  }
  const timeoutSeconds = values.timeout === undefined ? 60 : parseDurationSeconds(values.timeout, '--timeout');
  if (timeoutSeconds <= 0) throw new CredentialError('USAGE', 'doctor: --timeout must be greater than zero');
  return { profile: values.profile, json: values.json === true, configFile: values['config-file'], timeoutSeconds };
}

/** Seams for tests. */
export interface DoctorDependencies {
  platform?: LinePlatform;
  now?: () => Date;
}

/**
 * `cred-launch doctor`: without --profile it checks every profile that has
 * credential_process (the active one is marked), because a doctor run is
 * about all of them; with --profile, that one, whatever it holds.
 */
export async function runDoctor(request: DoctorRequest, io: LauncherIo, dependencies: DoctorDependencies = {}): Promise<DoctorReport> {
  const locations = awsFileLocations(io.env, io.homedir, io.cwd, request.configFile);
  const files = readAwsProfiles(locations);
  const activeProfile = io.env.AWS_PROFILE || io.env.AWS_DEFAULT_PROFILE || 'default';
  const problems: Diagnosis[] = files.problems.map((problem) => ({ severity: 'error', code: 'FILE_REFUSED', message: `${problem.file}: ${problem.message}` }));
  problems.push(...plaintextBackupDiagnoses(locations));
  if (io.env.AWS_ACCESS_KEY_ID) {
    problems.push({
      severity: 'warning',
      code: 'ENV_KEYS',
      message: 'AWS_ACCESS_KEY_ID is set in this environment: the SDKs use it before any profile unless a profile is named explicitly',
      fix: 'unset AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN',
    });
  }
  let selected: AwsProfile[];
  if (request.profile !== undefined) {
    const profile = files.profiles.get(request.profile);
    if (!profile) {
      problems.push({
        severity: 'error',
        code: 'PROFILE_NOT_FOUND',
        message: `profile "${request.profile}" is in neither ${locations.configFile} nor ${locations.credentialsFile}`,
        fix: `cred-launch configure --profile ${request.profile} <plugin> <plugin args…>`,
      });
    }
    selected = profile ? [profile] : [];
  } else {
    selected = [...files.profiles.values()].filter((profile) => effectiveSetting(profile, 'credential_process') !== undefined);
    if (selected.length === 0) {
      problems.push({
        severity: 'error',
        code: 'NO_PROFILES',
        message: `no profile in ${locations.configFile}${files.configExists ? '' : ' (the file does not exist)'} uses credential_process`,
        fix: 'cred-launch configure --profile <name> <plugin> <plugin args…>',
      });
    }
  }
  const context = {
    io,
    locations,
    platform: dependencies.platform ?? linePlatform(),
    timeoutMs: request.timeoutSeconds * 1000,
    activeProfile,
    now: dependencies.now ?? (() => new Date()),
  };
  const profiles = [];
  // One at a time: two profiles often share a backend, and the output reads in order.
  for (const profile of selected) profiles.push(await checkProfile(profile, context));
  const healthy = profiles.every((profile) => profile.healthy) && !problems.some((problem) => problem.severity === 'error');
  return { configFile: locations.configFile, credentialsFile: locations.credentialsFile, activeProfile, problems, profiles, healthy };
}

import { type AwsFileLocations, type AwsProfile, effectiveSetting, PRECEDING_SETTINGS, STATIC_KEYS } from '@cred-launch/aws-profiles';
import type { Diagnosis } from './doctor-types.js';
import { configureFix } from './line-checks.js';

/** Keys in the same profile that the SDKs use before credential_process. */
export function shadowDiagnoses(profile: AwsProfile, locations: AwsFileLocations, launcherArgs: readonly string[] | undefined): Diagnosis[] {
  const diagnoses: Diagnosis[] = [];
  const removeFix = `${configureFix(profile.name, launcherArgs, '--remove-static-keys')}  (or delete those lines; keep a copy)`;
  const inCredentials = STATIC_KEYS.filter((key) => profile.credentials.has(key));
  if (inCredentials.length > 0) {
    const line = profile.credentials.get(inCredentials[0] as string)?.line;
    diagnoses.push({
      severity: 'error',
      code: 'STATIC_KEYS_SHADOW',
      message: `${locations.credentialsFile}:${line} has plaintext ${inCredentials.join(', ')} for [${profile.name}]: botocore and the JS SDK use them and never run credential_process`,
      fix: removeFix,
    });
  }
  const inConfig = STATIC_KEYS.filter((key) => profile.config.has(key));
  if (inConfig.length > 0) {
    diagnoses.push({
      severity: 'error',
      code: 'STATIC_KEYS_IN_CONFIG',
      message: `${locations.configFile}:${profile.config.get(inConfig[0] as string)?.line} has plaintext ${inConfig.join(', ')} in this profile: the JS SDK uses them instead of credential_process`,
      fix: removeFix,
    });
  }
  for (const key of PRECEDING_SETTINGS) {
    const setting = effectiveSetting(profile, key);
    if (setting) {
      diagnoses.push({
        severity: 'error',
        code: 'OTHER_PROVIDER_FIRST',
        message: `${key} is set in this profile (${setting.file}:${setting.line}): the SDKs use it before credential_process, which never runs`,
        fix: 'keep credential_process in a profile of its own and point source_profile at it',
      });
    }
  }
  return diagnoses;
}

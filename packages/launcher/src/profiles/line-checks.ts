import type { ProfileSetting } from '@cred-launch/aws-profiles';
import type { Diagnosis } from './doctor-types.js';

/** How a user would type `args` into their shell (for fix commands). */
export function shellQuote(args: readonly string[]): string {
  return args.map((arg) => (/^[\w@%+=:,./-]+$/u.test(arg) ? arg : `'${arg.replace(/'/gu, "'\\''")}'`)).join(' ');
}

/** The configure command that rewrites a profile's line correctly. */
export function configureFix(profile: string, launcherArgs: readonly string[] | undefined, extraFlag?: string): string {
  const rest = launcherArgs && launcherArgs.length > 0 ? shellQuote(launcherArgs) : '<plugin> <plugin args…>';
  return `cred-launch configure --profile ${profile}${extraFlag ? ` ${extraFlag}` : ''} ${rest}`;
}

/**
 * Problems visible in the text of the line itself, before running anything:
 * the SDKs disagreeing on where it ends, variables and `~` that only sh expands.
 */
export function lineDiagnoses(setting: ProfileSetting, credentialsFile: string, fix: string): Diagnosis[] {
  const diagnoses: Diagnosis[] = [];
  if (setting.jsValue !== setting.value) {
    diagnoses.push({
      severity: 'error',
      code: 'INLINE_COMMENT',
      message: `the line contains " #" or " ;": the JS SDK cuts it there (runs "${setting.jsValue}") while botocore passes the rest as arguments`,
      fix: 'move the comment onto a line of its own, or quote the argument without the space before # / ;',
    });
  }
  if (/\$\{?[A-Za-z_]/u.test(setting.value) || /%[A-Za-z_][A-Za-z0-9_()]*%/u.test(setting.value)) {
    diagnoses.push({
      severity: 'error',
      code: 'ENV_VARIABLE',
      message: 'the line uses an environment variable ($HOME, ${…} or %VAR%): botocore runs it without a shell and never expands it',
      fix,
    });
  }
  if (/(?:^|[\s="])~/u.test(setting.value)) {
    diagnoses.push({
      severity: 'error',
      code: 'HOME_TILDE',
      message: 'the line uses ~ for the home directory: botocore (AWS CLI, boto3) never expands it; only the sh the JS and Go SDKs use does',
      fix,
    });
  }
  if (setting.file === credentialsFile) {
    diagnoses.push({
      severity: 'warning',
      code: 'IN_CREDENTIALS_FILE',
      message: `credential_process is set in the credentials file (${setting.file}:${setting.line}); AWS documents it in the config file, where every tool looks`,
      fix,
    });
  }
  return diagnoses;
}

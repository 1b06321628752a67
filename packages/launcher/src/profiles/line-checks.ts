import { existsSync } from 'node:fs';
import { quoteElement } from '@cred-launch/aws-profiles';
import type { ProfileSetting } from '@cred-launch/aws-profiles';
import type { Diagnosis } from './doctor-types.js';

/**
 * How a user would type `args` into their shell (for fix commands): the
 * quoting `configure` writes into the line (AWS's rules: double quotes where
 * needed) wherever it can express the value, else POSIX single quotes.
 */
export function shellQuote(args: readonly string[]): string {
  return args
    .map((arg) => {
      if (/^[\w@%+=:,./-]+$/u.test(arg)) return arg;
      try {
        return quoteElement(arg, 'posix');
      } catch {
        return `'${arg.replace(/'/gu, "'\\''")}'`;
      }
    })
    .join(' ');
}

/** How many words an unquoted path may have been split into and still be rejoined. */
const MAX_JOINED_WORDS = 8;

/**
 * Rejoins what an unquoted path with spaces was split into: `/home/u/My
 * Secrets/creds.enc` in a hand-written line reaches the plugin as two words,
 * and a fix built from those words would repeat the mistake. Consecutive words
 * are joined when the first is an absolute path that does not exist and the
 * joined text does (at most {@link MAX_JOINED_WORDS} words).
 */
export function rejoinSplitPaths(args: readonly string[], exists: (path: string) => boolean = existsSync): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i += 1) {
    const word = args[i] as string;
    let merged: string | undefined;
    let end = i;
    if (word.startsWith('/') && !exists(word)) {
      for (let j = i + 1; j < Math.min(args.length, i + MAX_JOINED_WORDS); j += 1) {
        const candidate = args.slice(i, j + 1).join(' ');
        if (exists(candidate)) {
          merged = candidate;
          end = j;
          break;
        }
      }
    }
    joined.push(merged ?? word);
    i = end;
  }
  return joined;
}

/** The configure command that rewrites a profile's line correctly. */
export function configureFix(profile: string, launcherArgs: readonly string[] | undefined, extraFlag?: string): string {
  const rest = launcherArgs && launcherArgs.length > 0 ? shellQuote(rejoinSplitPaths(launcherArgs)) : '<plugin> <plugin args…>';
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

import type { Verdict } from './acceptance.js';
import type { CacheState } from './cache-state.js';

/** One finding. `error` makes the profile unhealthy; `warning` does not. */
export interface Diagnosis {
  severity: 'error' | 'warning';
  /** Stable identifier for scripts, e.g. `NOT_ON_PATH`. */
  code: string;
  message: string;
  /** What to do, ideally a command to copy. */
  fix?: string;
}

/** Everything doctor found out about one profile. Nothing secret. */
export interface ProfileReport {
  profile: string;
  /** The profile the SDKs use when none is named (AWS_PROFILE, else default). */
  active: boolean;
  /** Where credential_process is set. */
  source: { file: string; line: number } | undefined;
  /** The credential_process value as botocore reads it. */
  command: string | undefined;
  /** The line split as botocore splits it. */
  argv: string[] | undefined;
  executable: { word: string; path: string | undefined; status: 'found' | 'missing' | 'not-executable' | 'relative' | 'not-on-path' | 'on-path' } | undefined;
  /** Present when the line runs cred-launch. */
  launcher: { bin: string; version: string | undefined } | undefined;
  plugin: { name: string; packageName: string | undefined; version: string | undefined; installed: boolean } | undefined;
  cache: CacheState | undefined;
  run: { exitCode: number | null; signal: string | null; timedOut: boolean; durationMs: number; stderr: string[] } | undefined;
  credentials: { accessKeyId: string; sessionToken: boolean; expiration: string | undefined; expiresInSeconds: number | undefined } | undefined;
  accepted: { botocore: Verdict; jsSdk: Verdict } | undefined;
  diagnoses: Diagnosis[];
  healthy: boolean;
}

/** The whole `cred-launch doctor` result (the `--json` document). */
export interface DoctorReport {
  configFile: string;
  credentialsFile: string;
  activeProfile: string;
  /** Problems outside any one profile (unreadable files, environment). */
  problems: Diagnosis[];
  profiles: ProfileReport[];
  healthy: boolean;
}

import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  asLauncherInvocation,
  type AwsFileLocations,
  type AwsProfile,
  effectiveSetting,
  type LauncherInvocation,
  type LinePlatform,
  splitLikeBotocore,
} from '@cred-launch/aws-profiles';
import { isCredentialError, isPluginPath, maskAccessKeyId, SecretRedactor } from '@cred-launch/core';
import type { LauncherIo } from '../io.js';
import { DEFAULT_REFRESH_WINDOW_SECONDS, parseCommandLine } from '../options.js';
import { resolvePlugin } from '../resolve-plugin.js';
import { checkOutput } from './acceptance.js';
import { cacheStateFor } from './cache-state.js';
import type { Diagnosis, ProfileReport } from './doctor-types.js';
import { findExecutable } from './find-executable.js';
import { configureFix, lineDiagnoses, rejoinSplitPaths } from './line-checks.js';
import { shadowDiagnoses } from './shadow-checks.js';
import { runCredentialProcess } from './run-credential-process.js';
import { runLauncherLine, type LauncherLineCall } from './run-in-process.js';

/** What checking one profile needs. */
export interface CheckContext {
  io: LauncherIo;
  locations: AwsFileLocations;
  platform: LinePlatform;
  timeoutMs: number;
  activeProfile: string;
  now: () => Date;
}

function emptyReport(profile: AwsProfile, active: boolean): ProfileReport {
  return {
    profile: profile.name,
    active,
    source: undefined,
    command: undefined,
    argv: undefined,
    executable: undefined,
    launcher: undefined,
    plugin: undefined,
    cache: undefined,
    run: undefined,
    credentials: undefined,
    accepted: undefined,
    diagnoses: [],
    healthy: false,
  };
}

/**
 * Plugin, cache and launcher-option findings for a line that runs cred-launch;
 * returns the plugin call when the line can be run in-process through the engine.
 */
function launcherChecks(invocation: LauncherInvocation, report: ProfileReport, context: CheckContext, fix: string): LauncherLineCall | undefined {
  const { io } = context;
  report.launcher = { bin: invocation.bin, version: invocation.version };
  if (isAbsolute(invocation.bin) && !existsSync(invocation.bin)) {
    report.diagnoses.push({ severity: 'error', code: 'LAUNCHER_MISSING', message: `${invocation.bin} does not exist`, fix: `npm install --global cred-launch, then ${fix}` });
    return undefined;
  }
  // Plugins resolve next to the launcher the line runs; when that install cannot be found, neither can they.
  if (invocation.packageDir === undefined) return undefined;
  let parsed;
  try {
    parsed = parseCommandLine(invocation.args, io.env);
  } catch (error) {
    report.diagnoses.push({ severity: 'error', code: 'LAUNCHER_USAGE', message: isCredentialError(error) ? error.message : 'invalid launcher options', fix });
    return undefined;
  }
  if (parsed.command.kind !== 'plugin') {
    report.diagnoses.push({ severity: 'error', code: 'NO_PLUGIN', message: 'the line runs cred-launch without a plugin', fix });
    return undefined;
  }
  const { name, args } = parsed.command;
  if (isPluginPath(name) && !isAbsolute(name)) {
    report.diagnoses.push({ severity: 'error', code: 'RELATIVE_PLUGIN_PATH', message: `the plugin path ${name} is relative: it depends on the directory the SDK runs in`, fix });
  }
  try {
    const plugin = resolvePlugin(name, { launcherDir: join(invocation.packageDir, 'dist'), cwd: io.cwd });
    report.plugin = { name, packageName: plugin.packageName, version: plugin.version, installed: true };
    try {
      report.cache = cacheStateFor(plugin, args, parsed.options, io.env, io.homedir, context.now().getTime());
    } catch (error) {
      report.diagnoses.push({
        severity: 'error',
        code: 'CACHE_UNUSABLE',
        message: isCredentialError(error) ? error.message : 'the cache cannot be read',
        fix: isCredentialError(error) ? (error.hint ?? '') : '',
      });
    }
  } catch (error) {
    report.plugin = { name, packageName: undefined, version: undefined, installed: false };
    // A plugin path with spaces written without quotes reaches us in pieces: the fix is the quoted line.
    const splitPath = isPluginPath(name) && rejoinSplitPaths(invocation.args).length < invocation.args.length;
    report.diagnoses.push({
      severity: 'error',
      code: isCredentialError(error, 'PLUGIN_NOT_FOUND') ? 'PLUGIN_MISSING' : 'PLUGIN_INVALID',
      message: `${isCredentialError(error) ? error.message : `plugin "${name}" cannot be resolved`}${splitPath ? ' (a path with spaces in the line is not quoted)' : ''}`,
      ...(splitPath ? { fix } : isCredentialError(error) && error.hint ? { fix: error.hint } : {}),
    });
  }
  return { packageDir: invocation.packageDir, plugin: name, args, options: parsed.options };
}

function executableCheck(word: string, report: ProfileReport, context: CheckContext, fix: string): string | undefined {
  const lookup = findExecutable(word, context.io.env);
  if (lookup.kind === 'relative') {
    report.executable = { word, path: undefined, status: 'relative' };
    report.diagnoses.push({ severity: 'error', code: 'RELATIVE_EXECUTABLE', message: `${word} is a relative path: it only works from one directory`, fix });
    return undefined;
  }
  if (lookup.kind === 'path-search') {
    if (!lookup.found) {
      report.executable = { word, path: undefined, status: 'not-on-path' };
      report.diagnoses.push({ severity: 'error', code: 'NOT_ON_PATH', message: `${word} is not found on PATH`, fix });
      return undefined;
    }
    report.executable = { word, path: lookup.found, status: 'on-path' };
    report.diagnoses.push({
      severity: 'warning',
      code: 'RELIES_ON_PATH',
      message: `${word} is found on this shell's PATH (${lookup.found}), but an SDK started from a GUI app, cron or an IDE may have another PATH`,
      fix,
    });
    return lookup.found;
  }
  if (!lookup.found) {
    report.executable = { word, path: word, status: 'missing' };
    report.diagnoses.push({ severity: 'error', code: 'EXECUTABLE_MISSING', message: `${word} does not exist`, fix });
    return undefined;
  }
  if (!lookup.executable) {
    report.executable = { word, path: word, status: 'not-executable' };
    report.diagnoses.push({ severity: 'error', code: 'NOT_EXECUTABLE', message: `${word} is not executable`, fix: `chmod +x ${word}` });
    return undefined;
  }
  report.executable = { word, path: word, status: 'found' };
  return word;
}

function firstLines(text: string, redactor: SecretRedactor): string[] {
  return (
    text
      .split(/\r?\n/u)
      // Control characters (terminal escapes) from a foreign process are not replayed on our terminal.
      .map((line) =>
        redactor
          .redact(line)
          .replace(/[\u0000-\u001f\u007f]/gu, '?')
          .slice(0, 300),
      )
      .filter((line) => line.trim() !== '')
      .slice(0, 3)
  );
}

/**
 * Runs the line and records time, output verdicts, masked key and expiry. A
 * cred-launch line runs in-process through the engine (what its call runs);
 * any other line is spawned as botocore would.
 */
async function runChecks(argv: string[], launcherCall: LauncherLineCall | undefined, report: ProfileReport, context: CheckContext): Promise<void> {
  const run = launcherCall
    ? await runLauncherLine(launcherCall, context.io, context.timeoutMs)
    : await runCredentialProcess(argv, { env: context.io.env, cwd: context.io.cwd, timeoutMs: context.timeoutMs });
  const redactor = new SecretRedactor();
  const now = context.now();
  const check = checkOutput(run.stdout, now);
  // Register before anything derived from the run is kept: a process may echo its secret on stderr.
  for (const field of ['SecretAccessKey', 'SessionToken']) {
    const value = check.document?.[field];
    if (typeof value === 'string') redactor.add(value);
  }
  // Output that is not a valid document may still hold secrets (a half-written
  // JSON, a key printed raw): every long token of it is treated as one too.
  for (const token of run.stdout.split(/[\s"',:;{}[\]=]+/u)) {
    if (token.length >= 12) redactor.add(token);
  }
  report.run = { exitCode: run.exitCode, signal: run.signal, timedOut: run.timedOut, durationMs: run.durationMs, stderr: firstLines(run.stderr, redactor) };
  if (run.spawnError !== undefined) {
    report.diagnoses.push({ severity: 'error', code: 'SPAWN_FAILED', message: `could not start ${argv[0]} (${run.spawnError})` });
    return;
  }
  if (run.timedOut) {
    report.diagnoses.push({
      severity: 'error',
      code: 'TIMEOUT',
      message: `credential_process did not finish within ${context.timeoutMs / 1000}s`,
      fix: 'check the backend is reachable, or raise the limit with --timeout',
    });
    return;
  }
  if (run.exitCode !== 0) {
    const said = report.run.stderr[0] ? `: ${report.run.stderr[0]}` : '';
    report.diagnoses.push({ severity: 'error', code: 'PROCESS_FAILED', message: `credential_process exited with ${run.exitCode ?? run.signal}${said}` });
    return;
  }
  report.accepted = { botocore: check.botocore, jsSdk: check.jsSdk };
  for (const [consumer, verdict] of [
    ['botocore', check.botocore],
    ['the JS SDK', check.jsSdk],
  ] as const) {
    if (!verdict.accepted) report.diagnoses.push({ severity: 'error', code: 'OUTPUT_REJECTED', message: `${consumer} would reject the output: ${verdict.reason ?? 'invalid'}` });
  }
  const document = check.document;
  if (!document || typeof document.AccessKeyId !== 'string') return;
  const expiration = typeof document.Expiration === 'string' ? document.Expiration : undefined;
  const expiresAt = expiration === undefined ? Number.NaN : Date.parse(expiration);
  const expiresInSeconds = Number.isNaN(expiresAt) ? undefined : Math.round((expiresAt - now.getTime()) / 1000);
  report.credentials = { accessKeyId: maskAccessKeyId(document.AccessKeyId), sessionToken: typeof document.SessionToken === 'string', expiration, expiresInSeconds };
  if (expiresInSeconds !== undefined && expiresInSeconds > 0 && expiresInSeconds <= DEFAULT_REFRESH_WINDOW_SECONDS) {
    report.diagnoses.push({
      severity: 'error',
      code: 'EXPIRES_IN_WINDOW',
      message: `the credentials expire in ${Math.round(expiresInSeconds / 60)} min, inside the 15-minute refresh window: botocore re-runs credential_process on almost every call and cred-launch will not cache them`,
      fix: 'issue longer-lived credentials at the source (e.g. a longer role session --duration)',
    });
  }
}

/** The line split as botocore splits it, or a diagnosis saying why it cannot be. */
function splitLine(value: string, profile: string, platform: LinePlatform): string[] | Diagnosis {
  const fix = configureFix(profile, undefined);
  try {
    const argv = splitLikeBotocore(value, platform);
    return argv.length > 0 ? argv : { severity: 'error', code: 'EMPTY', message: 'credential_process is empty', fix };
  } catch (error) {
    return { severity: 'error', code: 'UNPARSABLE', message: `botocore cannot split the line (${(error as Error).message})`, fix };
  }
}

/** Checks one profile the way the SDKs would use it. */
export async function checkProfile(profile: AwsProfile, context: CheckContext): Promise<ProfileReport> {
  const report = emptyReport(profile, profile.name === context.activeProfile);
  const setting = effectiveSetting(profile, 'credential_process');
  if (!setting) {
    report.diagnoses.push(...shadowDiagnoses(profile, context.locations, undefined), {
      severity: 'error',
      code: 'NO_CREDENTIAL_PROCESS',
      message: `profile "${profile.name}" has no credential_process`,
      fix: configureFix(profile.name, undefined),
    });
    return finish(report);
  }
  report.source = { file: setting.file, line: setting.line };
  report.command = setting.value;
  const split = splitLine(setting.value, profile.name, context.platform);
  if (!Array.isArray(split)) {
    report.diagnoses.push(...shadowDiagnoses(profile, context.locations, undefined), split);
    return finish(report);
  }
  const argv = split;
  report.argv = argv;
  // Fixes are built from what the user meant: the line without an inline comment.
  const intended = splitLine(setting.jsValue, profile.name, context.platform);
  const launcherArgs = Array.isArray(intended) ? asLauncherInvocation(intended)?.args : undefined;
  const fix = configureFix(profile.name, launcherArgs);
  report.diagnoses.push(...shadowDiagnoses(profile, context.locations, launcherArgs), ...lineDiagnoses(setting, context.locations.credentialsFile, fix));
  const resolved = executableCheck(argv[0] as string, report, context, fix);
  const invocation = asLauncherInvocation(argv, resolved);
  const launcherCall = invocation ? launcherChecks(invocation, report, context, fix) : undefined;
  // Running a line whose launcher or plugin is missing would only repeat that finding.
  const pointless = report.diagnoses.some((diagnosis) => diagnosis.code === 'LAUNCHER_MISSING' || diagnosis.code === 'PLUGIN_MISSING');
  if (resolved !== undefined && !pointless) await runChecks(argv, launcherCall, report, context);
  return finish(report);
}

function finish(report: ProfileReport): ProfileReport {
  report.healthy = !report.diagnoses.some((diagnosis) => diagnosis.severity === 'error');
  return report;
}

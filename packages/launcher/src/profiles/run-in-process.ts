import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { exitCodeFor, formatCredentialProcessOutput, isCredentialError, SecretRedactor } from '@cred-launch/core';
import { obtainCredentials } from '../engine/obtain-credentials.js';
import type { LauncherIo } from '../io.js';
import type { LauncherOptions } from '../options.js';
import { describeFailure } from '../report-error.js';
import type { ProcessRun } from './run-credential-process.js';

/** A credential_process line that runs cred-launch with a plugin, as doctor parsed it. */
export interface LauncherLineCall {
  /** The install the line runs (`…/node_modules/cred-launch`): its plugins are the ones resolved. */
  packageDir: string;
  plugin: string;
  args: readonly string[];
  options: LauncherOptions;
}

/**
 * Runs a cred-launch line in this process through the engine — the same
 * function the line's own call runs — instead of spawning it. The result has
 * the shape of a spawned run so doctor's checks stay one: `stdout` is core's
 * rendering of the validated document (what the call prints), `stderr` the
 * error report the call would print, `exitCode` its exit code. Bounded by
 * the line's own --timeout and doctor's, whichever is shorter.
 */
export async function runLauncherLine(call: LauncherLineCall, io: Pick<LauncherIo, 'env' | 'cwd' | 'homedir'>, timeoutMs: number): Promise<ProcessRun> {
  const started = performance.now();
  const redactor = new SecretRedactor();
  const timeoutSeconds = Math.min(call.options.timeoutSeconds, timeoutMs / 1000);
  const options: LauncherOptions = { ...call.options, verbose: false, timeoutSeconds };
  // Whole milliseconds, rounded up: a cache hit in-process can take less than one.
  const elapsed = (): number => Math.ceil(performance.now() - started);
  try {
    const obtained = await obtainCredentials(
      { plugin: call.plugin, args: call.args, options },
      // A copy for the recursion guard, and the line's install for plugins and @cred-launch/sts.
      { env: io.env, cwd: io.cwd, homedir: io.homedir, processEnv: { ...io.env }, redactor, log: () => undefined, launcherDir: join(call.packageDir, 'dist') },
    );
    const stdout = formatCredentialProcessOutput(obtained.credentials);
    return { exitCode: 0, signal: null, timedOut: false, spawnError: undefined, stdout, stderr: '', durationMs: elapsed() };
  } catch (error) {
    // Doctor's own limit ended it (not the line's): reported as doctor reports a killed process.
    const timedOut = isCredentialError(error, 'TIMEOUT') && timeoutSeconds < call.options.timeoutSeconds;
    return { exitCode: exitCodeFor(error), signal: null, timedOut, spawnError: undefined, stdout: '', stderr: describeFailure(error, redactor, false), durationMs: elapsed() };
  }
}

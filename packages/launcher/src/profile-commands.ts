import { CredentialError, EXIT_CODES, isCredentialError, SecretRedactor } from '@cred-launch/core';
import type { LauncherIo } from './io.js';
import { describeFailure } from './report-error.js';

function isVerbose(flag: boolean, env: LauncherIo['env']): boolean {
  return flag || env.CRED_LAUNCH_VERBOSE === '1' || env.CRED_LAUNCH_VERBOSE === 'true';
}

/**
 * main() prints a builtin's failure with a redactor that never saw this
 * run's secrets, so the error leaves here already redacted, without its cause
 * chain (shown here, redacted, with --verbose).
 */
function sanitized(error: unknown, redactor: SecretRedactor, verbose: boolean, io: LauncherIo): unknown {
  if (verbose) {
    for (const line of describeFailure(error, redactor, true).split('\n')) {
      if (line.startsWith('  cause:')) io.writeStderr(`cred-launch: debug:${line.slice(1)}\n`);
    }
  }
  if (!isCredentialError(error)) return error;
  return new CredentialError(error.code, redactor.redact(error.message), error.hint ? { hint: redactor.redact(error.hint) } : {});
}

async function runConfigure(args: readonly string[], io: LauncherIo): Promise<number> {
  const { CONFIGURE_USAGE, parseConfigureArgs } = await import('./profiles/configure-args.js');
  const request = parseConfigureArgs(args, io.env);
  if (!request) {
    await io.writeStdout(CONFIGURE_USAGE);
    return 0;
  }
  const verbose = isVerbose(request.verbose, io.env);
  const redactor = new SecretRedactor();
  const log = (message: string): void => {
    if (verbose) io.writeStderr(`cred-launch: debug: ${redactor.redact(message)}\n`);
  };
  const { configureProfile } = await import('./profiles/configure.js');
  let result;
  try {
    result = await configureProfile(request, { io, redactor, log });
  } catch (error) {
    throw sanitized(error, redactor, verbose, io);
  }
  const { formatConfigureResult } = await import('./profiles/configure-report.js');
  for (const note of result.notes) io.writeStderr(`cred-launch: note: ${redactor.redact(note)}\n`);
  for (const warning of result.warnings) io.writeStderr(`cred-launch: warning: ${redactor.redact(warning)}\n`);
  await io.writeStdout(redactor.redact(formatConfigureResult(result)));
  return 0;
}

async function runDoctorCommand(args: readonly string[], io: LauncherIo): Promise<number> {
  const { DOCTOR_USAGE, parseDoctorArgs, runDoctor } = await import('./profiles/doctor.js');
  const request = parseDoctorArgs(args);
  if (!request) {
    await io.writeStdout(DOCTOR_USAGE);
    return 0;
  }
  const report = await runDoctor(request, io);
  if (request.json) {
    await io.writeStdout(`${JSON.stringify(report, (_key, value: unknown) => (value === undefined ? null : value), 2)}\n`);
  } else {
    const { formatDoctorReport } = await import('./profiles/doctor-report.js');
    await io.writeStdout(formatDoctorReport(report));
  }
  return report.healthy ? 0 : EXIT_CODES.CONFIG;
}

/**
 * `cred-launch configure …` writes credential_process for a profile;
 * `cred-launch doctor …` checks the profiles that use it. Both live in
 * ./profiles/, loaded only when asked for.
 */
export async function runProfileCommand(name: 'configure' | 'doctor', args: readonly string[], io: LauncherIo): Promise<number> {
  return name === 'configure' ? runConfigure(args, io) : runDoctorCommand(args, io);
}

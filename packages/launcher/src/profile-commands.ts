import { EXIT_CODES, type SecretRedactor } from '@cred-launch/core';
import type { LauncherIo } from './io.js';

/** What main() shares with a profile command: its redactor (also the process guard's) and debug switch. */
export interface ProfileCommandContext {
  redactor: SecretRedactor;
  /** --verbose given before the command word (or CRED_LAUNCH_VERBOSE). */
  verbose: boolean;
  /** Turns the process guard's debug notes on when the command's own --verbose asks for them. */
  setVerbose: (verbose: boolean) => void;
}

async function runConfigure(args: readonly string[], io: LauncherIo, context: ProfileCommandContext): Promise<number> {
  const { CONFIGURE_USAGE, parseConfigureArgs } = await import('./profiles/configure-args.js');
  const request = parseConfigureArgs(args, io.env);
  if (!request) {
    await io.writeStdout(CONFIGURE_USAGE);
    return 0;
  }
  const verbose = context.verbose || request.verbose;
  context.setVerbose(verbose);
  // main()'s redactor: what the plugin registers here is redacted from main's
  // error report and from the process guard's crash report alike.
  const { redactor } = context;
  const log = (message: string): void => {
    if (verbose) io.writeStderr(`cred-launch: debug: ${redactor.redact(message)}\n`);
  };
  const { configureProfile } = await import('./profiles/configure.js');
  const result = await configureProfile(request, { io, redactor, log });
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
export async function runProfileCommand(name: 'configure' | 'doctor', args: readonly string[], io: LauncherIo, context: ProfileCommandContext): Promise<number> {
  return name === 'configure' ? runConfigure(args, io, context) : runDoctorCommand(args, io);
}

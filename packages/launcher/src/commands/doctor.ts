import { EXIT_CODES } from '@cred-launch/core';
import type { CommandContext } from './command-context.js';

/** `cred-launch doctor …`: checks every profile that uses credential_process (./profiles/ does the work). */
export async function runCommand(args: readonly string[], { io }: CommandContext): Promise<number> {
  const { DOCTOR_USAGE, parseDoctorArgs, runDoctor } = await import('../profiles/doctor.js');
  const request = parseDoctorArgs(args);
  if (!request) {
    await io.writeStdout(DOCTOR_USAGE);
    return 0;
  }
  const report = await runDoctor(request, io);
  if (request.json) {
    await io.writeStdout(`${JSON.stringify(report, (_key, value: unknown) => (value === undefined ? null : value), 2)}\n`);
  } else {
    const { formatDoctorReport } = await import('../profiles/doctor-report.js');
    await io.writeStdout(formatDoctorReport(report));
  }
  return report.healthy ? 0 : EXIT_CODES.CONFIG;
}

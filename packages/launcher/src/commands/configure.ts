import type { CommandContext } from './command-context.js';

/**
 * `cred-launch configure …`: runs the plugin once through the engine, then
 * writes its credential_process line into a profile (./profiles/ does the
 * work, loaded only when asked for).
 */
export async function runCommand(args: readonly string[], context: CommandContext): Promise<number> {
  const { io, redactor } = context;
  const { CONFIGURE_USAGE, parseConfigureArgs } = await import('../profiles/configure-args.js');
  const request = parseConfigureArgs(args, io.env);
  if (!request) {
    await io.writeStdout(CONFIGURE_USAGE);
    return 0;
  }
  const verbose = context.options.verbose || request.verbose;
  context.setVerbose(verbose);
  // main()'s redactor: what the plugin registers here is redacted from main's
  // error report and from the process guard's crash report alike.
  const log = (message: string): void => {
    if (verbose) io.writeStderr(`cred-launch: debug: ${redactor.redact(message)}\n`);
  };
  const { configureProfile } = await import('../profiles/configure.js');
  const result = await configureProfile(request, { io, redactor, log });
  const { formatConfigureResult } = await import('../profiles/configure-report.js');
  for (const note of result.notes) io.writeStderr(`cred-launch: note: ${redactor.redact(note)}\n`);
  for (const warning of result.warnings) io.writeStderr(`cred-launch: warning: ${redactor.redact(warning)}\n`);
  await io.writeStdout(redactor.redact(formatConfigureResult(result)));
  return 0;
}

import { obtainCredentials } from '../engine/obtain-credentials.js';
import { EXPORT_USAGE, parseExportArgs } from '../front-ends/export-args.js';
import { formatExport } from '../front-ends/export-format.js';
import { engineContextFor, invocationFor } from '../front-ends/front-end-context.js';
import type { CommandContext } from './command-context.js';

/**
 * `cred-launch export`: the engine's validated credentials rendered for a
 * shell to eval, a credentials-file section, or the process document. Like
 * the credential_process output, stdout holds the text or nothing.
 */
export async function runCommand(args: readonly string[], context: CommandContext): Promise<number> {
  const request = parseExportArgs(args);
  if (request === undefined) {
    await context.io.writeStdout(EXPORT_USAGE);
    return 0;
  }
  const obtained = await obtainCredentials(invocationFor(request, context), engineContextFor(context));
  await context.io.writeStdout(formatExport(obtained.credentials, request.format, request.section));
  return 0;
}

import { CredentialError, type SourceContext, type SourceCredentials } from '@cred-launch/core';
import { parseHelperOutput, registerOutputSecrets } from './helper-output.js';
import type { ProcessSourceOptions } from './options.js';
import { runHelper, type HelperRun } from './run-helper.js';

const TAIL_LINES = 3;
const TAIL_LINE_CHARS = 200;

/**
 * The last few lines of the helper's stderr, for a failure message. The
 * launcher redacts every registered secret (including what the helper printed
 * on stdout) before it prints the message; plugins never print it themselves.
 */
export function stderrTail(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/u)
    .map((line) => line.trim())
    .filter((line) => line !== '');
  return lines
    .slice(-TAIL_LINES)
    .map((line) => (line.length > TAIL_LINE_CHARS ? `${line.slice(0, TAIL_LINE_CHARS)}…` : line))
    .join(' | ');
}

function failure(run: HelperRun, command: string): CredentialError {
  const how = run.code === null ? `was killed by ${run.exitSignal ?? 'a signal'}` : `exited with code ${run.code}`;
  const tail = stderrTail(run.stderr);
  return new CredentialError('BACKEND', `process: ${command} ${how}${tail === '' ? '' : `: ${tail}`}`, {
    hint: `run '${command}' yourself to see its full output`,
  });
}

/** Runs the helper once and reads its document; see {@link runHelper} for the time limit. */
export async function getProcessCredentials(context: SourceContext<ProcessSourceOptions>): Promise<SourceCredentials> {
  const { args, env, cwd, signal, log, secrets } = context;
  const run = await runHelper({ command: args.command, args: args.args, env, cwd, signal });
  // Before anything about the run is reported or logged.
  registerOutputSecrets(run.stdout, secrets);
  if (run.stderr.trim() !== '') log(`${args.command} stderr: ${run.stderr.trim()}`);
  if (run.code !== 0) throw failure(run, args.command);
  return parseHelperOutput(run.stdout, args.command);
}

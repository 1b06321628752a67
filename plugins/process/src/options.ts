import { CredentialError, type ParseArgsInput } from '@cred-launch/core';

/** What `cred-launch process` runs. */
export interface ProcessSourceOptions {
  /** The helper program: a path, or a name looked up on PATH. */
  command: string;
  /** Its arguments, passed as they are (no shell, no expansion). */
  args: readonly string[];
}

const HINT = "write the helper's command after '--': cred-launch process -- <command> [args…]";

/**
 * `process -- <command> [args…]`, or `process <command> [args…]` when the
 * command does not start with a dash. Everything after the command belongs
 * to the helper, so no option of ours can be mistaken for one of its own.
 */
export function parseProcessArgs({ argv }: ParseArgsInput): ProcessSourceOptions {
  const first = argv[0];
  if (first === undefined) throw new CredentialError('USAGE', 'process: missing the helper command', { hint: HINT });
  const commandLine = first === '--' ? argv.slice(1) : argv;
  if (first !== '--' && first.startsWith('-')) {
    throw new CredentialError('USAGE', `process: unknown option "${first}"`, { hint: HINT });
  }
  const [command, ...args] = commandLine;
  if (command === undefined || command === '') throw new CredentialError('USAGE', 'process: missing the helper command after "--"', { hint: HINT });
  return { command, args };
}

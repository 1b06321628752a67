import { defineSourceCommand, type SourceCommand } from '@cred-launch/core';
import { BACKEND_LABELS } from './backend-kind.js';
import { openBackend } from './backend.js';
import { keychainError } from './errors.js';
import { backendFlag } from './get-credentials.js';
import { parseAddArgs, parseListArgs, parseRemoveArgs, type AddCommandOptions, type EntryCommandOptions } from './options.js';
import { ADD_USAGE, LIST_USAGE, REMOVE_USAGE } from './usage.js';

/** `cred-launch keychain add <name>`; its work (add-run.ts) is imported only when it runs. */
export const addCommand: SourceCommand<AddCommandOptions> = defineSourceCommand({
  description: 'Store AWS keys under a name (asked on the terminal, or --from-stdin / --from-file)',
  usage: ADD_USAGE,
  parseArgs: parseAddArgs,
  run: async (context) => (await import('./add-run.js')).runAdd(context),
});

/** `cred-launch keychain list`: names only, one per line; never a value. */
export const listCommand: SourceCommand<EntryCommandOptions> = defineSourceCommand({
  description: 'List the names stored (names only)',
  usage: LIST_USAGE,
  parseArgs: parseListArgs,
  run: async ({ args, env, signal }) => {
    const backend = await openBackend(args.backend, { env, signal });
    return (await backend.list()).join('\n');
  },
});

/** `cred-launch keychain remove <name>`. */
export const removeCommand: SourceCommand<EntryCommandOptions> = defineSourceCommand({
  description: 'Delete a stored entry',
  usage: REMOVE_USAGE,
  parseArgs: parseRemoveArgs,
  run: async ({ args, env, signal }) => {
    const name = args.name ?? '';
    const backend = await openBackend(args.backend, { env, signal });
    if (!(await backend.remove(name))) {
      throw keychainError(
        'NOT_FOUND',
        `nothing is stored under "${name}" in ${BACKEND_LABELS[args.backend]}`,
        `see what is stored: cred-launch keychain list${backendFlag(args.backend)}`,
      );
    }
    return `removed "${name}" from ${BACKEND_LABELS[args.backend]}`;
  },
});

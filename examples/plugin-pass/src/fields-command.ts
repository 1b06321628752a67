import { defineSourceCommand, parseArguments, type SourceCommand } from '@cred-launch/core';
import { fieldNames } from './entry.js';
import { checkEntryName } from './options.js';
import { runPassShow } from './run-pass.js';

interface FieldsArgs {
  entry: string;
  passBin: string;
  profile: string;
}

/**
 * `cred-launch pass fields <entry>`: which layout the entry uses and which
 * field names it has — the first thing to check when the plugin says "no
 * access key id". Names only: the values never leave this process.
 */
export const fieldsCommand: SourceCommand<FieldsArgs> = defineSourceCommand<FieldsArgs>({
  description: 'show the layout and field names of an entry (never the values)',
  usage: 'cred-launch pass fields [--profile <name>] [--pass-bin <path>] <entry>',
  parseArgs({ argv }) {
    const { values, positionals } = parseArguments(argv, {
      name: 'pass fields',
      options: { profile: { type: 'string' }, 'pass-bin': { type: 'string' } },
      positionals: { min: 1, max: 1 },
    });
    return { entry: checkEntryName(positionals[0] ?? '', 'pass fields'), passBin: values['pass-bin'] ?? 'pass', profile: values.profile ?? 'default' };
  },
  async run({ args, env, cwd, signal, secrets }) {
    const text = await runPassShow({ passBin: args.passBin, entry: args.entry, env, cwd, signal });
    secrets.add(text);
    const { format, fields } = fieldNames(text, args.profile);
    const layout = { json: 'JSON', ini: `AWS credentials INI (profile "${args.profile}")`, pass: 'pass convention (first line, then key: value lines)' }[format];
    return `${args.entry}: ${layout}\nfields: ${fields.length > 0 ? fields.join(', ') : '(none)'}\n`;
  },
});

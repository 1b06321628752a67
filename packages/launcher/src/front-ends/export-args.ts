import { CredentialError } from '@cred-launch/core';
import { EXPORT_FORMATS, type ExportFormat } from './export-format.js';

/** `cred-launch export` as written. */
export interface ExportRequest {
  format: ExportFormat;
  /** The section name for `--format ini`. */
  section: string;
  profile: string | undefined;
  call: string[];
}

/** `export --help`. */
export const EXPORT_USAGE = `Usage: cred-launch [launcher options] export [--format <format>] [--section <name>] <plugin> <plugin args…>
       cred-launch [launcher options] export [--format <format>] --profile <name>

Prints credentials from the plugin (or the profile's credential_process) for a shell
or a file. Formats:
  env          export AWS_ACCESS_KEY_ID='…' lines for sh, bash, zsh (default)
  fish         set -gx lines for fish
  powershell   $Env: lines for PowerShell
  json         the environment variables as one JSON object
  ini          a credentials-file section ([default], or --section <name>)
  process      the credential_process JSON document
Variables the credentials lack (a session token for long-term keys) are unset.

Examples:
  eval "$(cred-launch export vault secret/aws/dev)"
  cred-launch export --format fish --profile dev | source
`;

function usage(message: string): CredentialError {
  return new CredentialError('USAGE', `export: ${message}`, { hint: "see 'cred-launch export --help'" });
}

function isFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}

/** Parses export's words; `undefined` means help was asked for. */
export function parseExportArgs(args: readonly string[]): ExportRequest | undefined {
  let format: ExportFormat = 'env';
  let section = 'default';
  let profile: string | undefined;
  let index = 0;
  for (; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--help' || arg === '-h') return undefined;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (flag === '--format' || flag === '--section' || flag === '--profile') {
      const value = inline ?? args[++index];
      if (value === undefined || value === '') throw usage(`${flag} needs a value`);
      if (flag === '--format') {
        if (!isFormat(value)) throw usage(`unknown format "${value}" (one of ${EXPORT_FORMATS.join(', ')})`);
        format = value;
      } else if (flag === '--section') {
        if (/[\]\r\n]/u.test(value)) throw usage('--section cannot hold "]" or a line break');
        section = value;
      } else profile = value;
    } else if (arg === '--') {
      index += 1;
      break;
    } else if (!arg.startsWith('-')) break;
    else throw usage(`unknown option ${arg} (export's options go before the plugin name; launcher options before "export")`);
  }
  const call = args.slice(index);
  if (profile !== undefined && call.length > 0) throw usage(`give either --profile or a plugin, not both (got "${call[0] ?? ''}")`);
  if (profile === undefined && call.length === 0) throw usage('missing the plugin (or --profile <name>)');
  return { format, section, profile, call };
}

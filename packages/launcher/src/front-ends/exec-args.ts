import { CredentialError } from '@cred-launch/core';

/** `cred-launch exec` as written. */
export interface ExecRequest {
  /** Serve the credentials from a loopback endpoint instead of putting keys in the child's environment. */
  server: boolean;
  /** Take the call from this AWS profile's credential_process. */
  profile: string | undefined;
  /** The plugin and its arguments (empty with --profile). */
  call: string[];
  /** The command to run; empty means the user's shell. */
  command: string[];
}

/** `exec --help`. */
export const EXEC_USAGE = `Usage: cred-launch [launcher options] exec [--server] <plugin> <plugin args…> -- <command> [args…]
       cred-launch [launcher options] exec [--server] --profile <name> -- <command> [args…]

Runs <command> with AWS credentials from the plugin (or from the profile's
credential_process): AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN
and AWS_CREDENTIAL_EXPIRATION are set, AWS_PROFILE and AWS_DEFAULT_PROFILE removed.
Without a command, runs your $SHELL. stdin, stdout and stderr are the command's;
its exit code is cred-launch's, and SIGINT, SIGTERM, SIGHUP and SIGQUIT are passed on.
The first "--" ends the plugin's arguments.

Options:
  --server            no keys in the child's environment: a loopback endpoint serves
                      them instead (AWS_CONTAINER_CREDENTIALS_FULL_URI and
                      AWS_CONTAINER_AUTHORIZATION_TOKEN are set), refreshed through the
                      cache as they near expiry; it stops with the command
  --profile <name>    take the call from that profile's credential_process (a cred-launch
                      line runs in-process; any other helper through the process plugin)

Examples:
  cred-launch exec vault secret/aws/dev -- aws sts get-caller-identity
  cred-launch exec --server --profile dev -- terraform apply
`;

function usage(message: string): CredentialError {
  return new CredentialError('USAGE', `exec: ${message}`, { hint: "see 'cred-launch exec --help'" });
}

/** Parses exec's words; `undefined` means help was asked for. */
export function parseExecArgs(args: readonly string[]): ExecRequest | undefined {
  let server = false;
  let profile: string | undefined;
  let index = 0;
  for (; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--help' || arg === '-h') return undefined;
    if (arg === '--server') server = true;
    else if (arg === '--profile' || arg.startsWith('--profile=')) {
      profile = arg.includes('=') ? arg.slice('--profile='.length) : args[++index];
      if (profile === undefined || profile === '') throw usage('--profile needs a profile name');
    } else if (arg === '--' || !arg.startsWith('-')) break;
    else throw usage(`unknown option ${arg} (exec's options go before the plugin name; launcher options before "exec")`);
  }
  const rest = args.slice(index);
  const separator = rest.indexOf('--');
  const call = separator === -1 ? rest : rest.slice(0, separator);
  const command = separator === -1 ? [] : rest.slice(separator + 1);
  if (profile !== undefined && call.length > 0) throw usage(`give either --profile or a plugin, not both (got "${call[0] ?? ''}")`);
  if (profile === undefined && call.length === 0) throw usage('missing the plugin (or --profile <name>)');
  return { server, profile, call, command };
}

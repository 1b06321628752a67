import { CredentialError } from '@cred-launch/core';

/** `cred-launch serve` as written. */
export interface ServeRequest {
  /** Loopback TCP port; 0 picks a free one. */
  port: number;
  /** Listen on this unix socket instead of TCP. */
  socket: string | undefined;
  /** Where the token is written (0600); a fresh private directory by default. */
  tokenFile: string | undefined;
  /** One path per profile: /profile/<name>. */
  profiles: string[];
  /** Or one plugin call, served at /credentials. */
  call: string[];
}

/** `serve --help`. */
export const SERVE_USAGE = `Usage: cred-launch [launcher options] serve [--port <n> | --socket <path>] [--token-file <path>] --profile <name> [--profile <name>…]
       cred-launch [launcher options] serve [--port <n> | --socket <path>] [--token-file <path>] <plugin> <plugin args…>

Serves credentials to long-running programs (IDEs, notebooks, Terraform) from a
loopback endpoint in the format every AWS SDK's container provider reads, so they
refresh by themselves instead of spawning a credential_process. Prints the two
environment lines to set; the token is in a file only you can read (0600).
Each profile gets its own path (/profile/<name>); a plugin call is at /credentials.
Credentials are refreshed through the cache before they expire. --verbose logs each
request (without secrets). Ctrl-C (SIGINT) or SIGTERM stops it and removes the token.

Options:
  --port <n>          loopback port (default: a free one)
  --socket <path>     listen on a unix socket instead (for clients that support it)
  --token-file <path> where to write the token (default: a new private temp directory)
  --profile <name>    serve this profile's credential_process (repeatable)

Examples:
  cred-launch serve --profile dev --profile prod
  cred-launch serve --port 9911 vault secret/aws/dev
`;

function usage(message: string): CredentialError {
  return new CredentialError('USAGE', `serve: ${message}`, { hint: "see 'cred-launch serve --help'" });
}

/** Parses serve's words; `undefined` means help was asked for. */
export function parseServeArgs(args: readonly string[]): ServeRequest | undefined {
  const request: ServeRequest = { port: 0, socket: undefined, tokenFile: undefined, profiles: [], call: [] };
  let index = 0;
  for (; index < args.length; index += 1) {
    const arg = args[index] as string;
    if (arg === '--help' || arg === '-h') return undefined;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    if (['--port', '--socket', '--token-file', '--profile'].includes(flag)) {
      const value = inline ?? args[++index];
      if (value === undefined || value === '') throw usage(`${flag} needs a value`);
      if (flag === '--port') {
        const port = Number(value);
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw usage(`--port must be a port number (got "${value}")`);
        request.port = port;
      } else if (flag === '--socket') request.socket = value;
      else if (flag === '--token-file') request.tokenFile = value;
      else request.profiles.push(value);
    } else if (arg === '--') {
      index += 1;
      break;
    } else if (!arg.startsWith('-')) break;
    else throw usage(`unknown option ${arg} (serve's options go before the plugin name; launcher options before "serve")`);
  }
  request.call = args.slice(index);
  if (request.profiles.length > 0 && request.call.length > 0) throw usage(`give either --profile or a plugin, not both (got "${request.call[0] ?? ''}")`);
  if (request.profiles.length === 0 && request.call.length === 0) throw usage('missing --profile <name> or a plugin');
  if (request.socket !== undefined && request.port !== 0) throw usage('give either --port or --socket');
  return request;
}

import { obtainCredentials } from '../engine/obtain-credentials.js';
import type { CredentialInvocation } from '../engine/types.js';
import { startCredentialsEndpoint } from '../front-ends/credentials-endpoint.js';
import { newEndpointToken } from '../front-ends/endpoint-token.js';
import { describeForEndpoint, engineContextFor, invocationFor } from '../front-ends/front-end-context.js';
import { refreshAhead, type RefreshingSupplier } from '../front-ends/refresh-ahead.js';
import { parseServeArgs, SERVE_USAGE } from '../front-ends/serve-args.js';
import { writeTokenFile } from '../front-ends/token-file.js';
import { printable } from '../report-error.js';
import { takeOverSignals } from '../signal-ownership.js';
import type { CommandContext } from './command-context.js';

function shellQuote(value: string): string {
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Resolves on the first SIGINT or SIGTERM: serve's only way to end. */
function untilStopped(): Promise<NodeJS.Signals> {
  const release = takeOverSignals();
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      release();
      resolve(signal);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}

/**
 * `cred-launch serve`: a long-running loopback credentials endpoint, one path
 * per profile (or one for a plugin call), refreshing ahead of expiry through
 * the engine. Prints the environment lines to set on stdout, then nothing
 * more there; each request is logged (redacted) with --verbose.
 */
export async function runCommand(args: readonly string[], context: CommandContext): Promise<number> {
  const request = parseServeArgs(args);
  const { io } = context;
  if (request === undefined) {
    await io.writeStdout(SERVE_USAGE);
    return 0;
  }
  const engine = engineContextFor(context);
  const calls: Array<[string, CredentialInvocation]> =
    request.profiles.length > 0
      ? request.profiles.map((name) => [`/profile/${encodeURIComponent(name)}`, invocationFor({ profile: name, call: [] }, context)])
      : [['/credentials', invocationFor({ profile: undefined, call: request.call }, context)]];
  const suppliers: RefreshingSupplier[] = [];
  const routes = new Map<string, () => ReturnType<RefreshingSupplier['get']>>();
  for (const [path, invocation] of calls) {
    const supplier = refreshAhead(async () => (await obtainCredentials(invocation, engine)).credentials, {
      refreshWindowMs: invocation.options.refreshWindowSeconds * 1000,
      background: true,
      onBackgroundError: (error) =>
        io.writeStderr(
          `cred-launch: serve: refreshing ${path} failed (${printable(context.redactor.redact(describeForEndpoint(context.redactor)(error).message))}); the next request tries again\n`,
        ),
    });
    // Every call once before listening: a broken profile fails now, with its own exit code.
    await supplier.get();
    suppliers.push(supplier);
    routes.set(path, supplier.get);
  }
  const token = newEndpointToken();
  context.redactor.add(token);
  const tokenFile = writeTokenFile(token, request.tokenFile, io.cwd);
  const endpoint = await startCredentialsEndpoint({
    token,
    routes,
    listen: request.socket !== undefined ? { socketPath: request.socket } : { port: request.port },
    log: (message) => context.log(`serve: ${message}`),
    describeError: describeForEndpoint(context.redactor),
  });
  try {
    const where = endpoint.baseUrl ?? `unix:${endpoint.socketPath ?? ''}`;
    const lines = [`# cred-launch serve: ${where}, token in ${tokenFile.path} (mode 0600); stop with Ctrl-C`];
    const paths = [...routes.keys()];
    if (endpoint.baseUrl !== undefined) {
      lines.push(`export AWS_CONTAINER_CREDENTIALS_FULL_URI=${shellQuote(`${endpoint.baseUrl}${paths[0] ?? ''}`)}`);
      lines.push(`export AWS_CONTAINER_AUTHORIZATION_TOKEN="$(cat ${shellQuote(tokenFile.path)})"`);
      for (const path of paths.slice(1))
        lines.push(`# or, for ${decodeURIComponent(path.replace('/profile/', ''))}: AWS_CONTAINER_CREDENTIALS_FULL_URI=${endpoint.baseUrl}${path}`);
    } else {
      lines.push(`# the AWS SDKs read only http:// endpoints; ask the socket with, e.g.:`);
      lines.push(`#   curl --unix-socket ${shellQuote(endpoint.socketPath ?? '')} -H "Authorization: $(cat ${shellQuote(tokenFile.path)})" http://localhost${paths[0] ?? ''}`);
    }
    await io.writeStdout(`${lines.join('\n')}\n`);
    const signal = await untilStopped();
    io.writeStderr(`cred-launch: serve: stopped (${signal})\n`);
    return 0;
  } finally {
    for (const supplier of suppliers) supplier.stop();
    await endpoint.close();
    tokenFile.remove();
  }
}

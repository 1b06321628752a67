import { constants } from 'node:os';
import { CredentialError } from '@cred-launch/core';
import { obtainCredentials } from '../engine/obtain-credentials.js';
import { childEnvironment, EXEC_MARKER_VARIABLE, type ChildCredentials } from '../front-ends/child-env.js';
import { startCredentialsEndpoint, type CredentialsEndpoint } from '../front-ends/credentials-endpoint.js';
import { newEndpointToken } from '../front-ends/endpoint-token.js';
import { EXEC_USAGE, parseExecArgs } from '../front-ends/exec-args.js';
import { callFingerprint, describeForEndpoint, engineContextFor, invocationFor } from '../front-ends/front-end-context.js';
import { refreshAhead } from '../front-ends/refresh-ahead.js';
import { runChild } from '../front-ends/run-child.js';
import type { CommandContext } from './command-context.js';

/** The path the child's SDKs ask; any fixed path does, the token guards it. */
const ENDPOINT_PATH = '/credentials';

/**
 * `cred-launch exec`: a command run with credentials from the engine, either
 * as environment variables or (with --server) from a loopback endpoint that
 * refreshes them for as long as the command runs. The command owns the
 * terminal; cred-launch prints nothing while it runs and exits with its code
 * (128 + the signal's number when it was killed, as a shell reports it).
 */
export async function runCommand(args: readonly string[], context: CommandContext): Promise<number> {
  const request = parseExecArgs(args);
  const { io } = context;
  if (request === undefined) {
    await io.writeStdout(EXEC_USAGE);
    return 0;
  }
  const invocation = invocationFor(request, context);
  const marker = callFingerprint(invocation);
  if (io.env[EXEC_MARKER_VARIABLE] === marker) {
    throw new CredentialError('USAGE', 'exec: already running inside cred-launch exec for these credentials', {
      hint: 'exit the shell or command it started first, or run your command directly',
    });
  }
  const engine = engineContextFor(context);
  // Fetched before the command starts, so a broken set-up fails now with its own exit code.
  const first = await obtainCredentials(invocation, engine);
  let endpoint: CredentialsEndpoint | undefined;
  let given: ChildCredentials = { keys: first.credentials };
  const supplier = refreshAhead(async () => (await obtainCredentials(invocation, engine)).credentials, { refreshWindowMs: invocation.options.refreshWindowSeconds * 1000 });
  if (request.server) {
    const token = newEndpointToken();
    context.redactor.add(token);
    endpoint = await startCredentialsEndpoint({
      token,
      routes: new Map([[ENDPOINT_PATH, supplier.get]]),
      log: context.log,
      describeError: describeForEndpoint(context.redactor),
    });
    given = { endpoint: { url: `${endpoint.baseUrl ?? ''}${ENDPOINT_PATH}`, token } };
    context.log(`exec: credentials endpoint on ${endpoint.baseUrl ?? '?'}`);
  }
  const [command = io.env.SHELL ?? '/bin/sh', ...commandArgs] = request.command;
  try {
    const exit = await runChild(command, commandArgs, childEnvironment(context.processEnv, given, marker), io.cwd);
    return 'code' in exit ? exit.code : 128 + (constants.signals[exit.signal] ?? 0);
  } finally {
    supplier.stop();
    await endpoint?.close();
  }
}

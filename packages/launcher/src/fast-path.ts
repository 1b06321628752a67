import { writeSync } from 'node:fs';
import { CONTRACT_VERSION } from '@cred-launch/core';
import { cachePolicyFor } from './cache/cache-policy.js';
import { homeFromEnv } from './cache/home-from-env.js';
import { describeMiss, type MissDetails } from './code-cache/miss-details.js';
import { lookUpCache, outputFromEntry } from './engine/through-cache.js';
import { LAUNCHER_DIR, launcherVersion } from './launcher-paths.js';
import { type LauncherCommand, type LauncherOptions, parseCommandLine } from './options.js';
import { resolvePlugin } from './resolve-plugin.js';

/** How a fast-path attempt ended; a failed write carries the error's code (e.g. EPIPE). */
export type FastPathResult = 'served' | 'not-served' | { stdoutError: string };

export type { MissDetails } from './code-cache/miss-details.js';

function writeStdoutStream(bytes: Uint8Array): Promise<string | undefined> {
  return new Promise((resolve) => {
    // A closed pipe must not become an 'error' event with a stack trace.
    process.stdout.on('error', () => undefined);
    process.stdout.write(bytes, (error) => resolve(error ? ((error as NodeJS.ErrnoException).code ?? error.name) : undefined));
  });
}

/**
 * Writes straight to file descriptor 1. Creating process.stdout (a stream,
 * and for a pipe libuv's handle) costs about 12M instructions, as much as the
 * rest of a hit (measurements in README.md); one line of credentials fits any
 * pipe's buffer (64 KiB on Linux). Only a non-blocking descriptor that is full (EAGAIN) falls
 * back to the stream, for the bytes not yet written. A closed pipe is EPIPE
 * here (Node ignores SIGPIPE), reported like the stream's error.
 */
async function writeStdout(text: string): Promise<string | undefined> {
  const bytes = Buffer.from(text, 'utf8');
  let written = 0;
  try {
    while (written < bytes.length) written += writeSync(1, bytes, written);
    return undefined;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).name;
    if (code !== 'EAGAIN') return code;
    return writeStdoutStream(bytes.subarray(written));
  }
}

/**
 * The cache-hit path on its own. It is bundled separately, as CommonJS
 * (dist/fast-path.cjs, required by the CommonJS bin), so that the most
 * frequent call — every `aws` call while credentials are fresh — loads one
 * small module and never starts Node's ESM loader.
 * It answers only when it can answer completely: `--version`, or a plugin
 * invocation whose cache entry is fresh, without --verbose, --no-cache or
 * --help. Anything else (a miss, any error, a built-in command) returns
 * 'not-served', having printed nothing, and the full launcher handles the call from the start. No plugin
 * code runs here, so nothing but our own line can reach stdout. For a plugin
 * call not served, `miss` gets what the bin needs for the code cache.
 */
export async function serveFromCache(argv: readonly string[], miss: MissDetails = {}): Promise<FastPathResult> {
  let output: string | undefined;
  const env = process.env;
  let parsed: { options: LauncherOptions; command: LauncherCommand } | undefined;
  try {
    parsed = parseCommandLine(argv, env);
    const { options, command } = parsed;
    // `--version` is what a health check or an installer runs: answered here
    // too, exactly as main answers it, without starting the ESM loader.
    if (command.kind === 'version') output = `${launcherVersion()}\n`;
    else output = hitOutput(command, options, env);
  } catch {
    // The full launcher repeats the work and reports the error properly.
    output = undefined;
  }
  if (output === undefined) {
    describeMiss(parsed?.command, parsed?.options, env, miss);
    return 'not-served';
  }
  const failure = await writeStdout(output);
  return failure === undefined ? 'served' : { stdoutError: failure };
}

/** The cached line for a plugin call with a fresh entry; undefined when the full launcher must answer. */
function hitOutput(command: LauncherCommand, options: LauncherOptions, env: NodeJS.ProcessEnv): string | undefined {
  if (command.kind !== 'plugin' || options.noCache || options.verbose) return undefined;
  const first = command.args[0];
  if (first === '--help' || first === '-h') return undefined;
  const plugin = resolvePlugin(command.name, { launcherDir: LAUNCHER_DIR, cwd: process.cwd() });
  if (plugin.metadata.contract !== undefined && plugin.metadata.contract !== CONTRACT_VERSION) return undefined;
  const hit = lookUpCache(
    cachePolicyFor(plugin, command.args, options, env, () => homeFromEnv(env)),
    Date.now(),
  );
  return hit ? outputFromEntry(hit) : undefined;
}

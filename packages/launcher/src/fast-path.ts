import { homedir } from 'node:os';
import { CONTRACT_VERSION } from '@cred-launch/core';
import { cachePolicyFor } from './cache/cache-policy.js';
import { lookUpCache, outputFromEntry } from './engine/through-cache.js';
import { LAUNCHER_DIR } from './launcher-paths.js';
import { parseCommandLine } from './options.js';
import { resolvePlugin } from './resolve-plugin.js';

/** How a fast-path attempt ended; a failed write carries the error's code (e.g. EPIPE). */
export type FastPathResult = 'served' | 'not-served' | { stdoutError: string };

function writeStdout(text: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    // A closed pipe must not become an 'error' event with a stack trace.
    process.stdout.on('error', () => undefined);
    process.stdout.write(text, (error) => resolve(error ? ((error as NodeJS.ErrnoException).code ?? error.name) : undefined));
  });
}

/**
 * The cache-hit path on its own. It is bundled separately (dist/fast-path.js)
 * so that the most frequent call — every `aws` call while credentials are
 * fresh — loads one small module instead of the launcher's module graph.
 * It answers only when it can answer completely: a plugin invocation whose
 * cache entry is fresh, without --verbose, --no-cache or --help. Anything else
 * (a miss, any error, a built-in command) returns 'not-served', having printed
 * nothing, and the full launcher handles the call from the start. No plugin
 * code runs here, so nothing but our own line can reach stdout.
 */
export async function serveFromCache(argv: readonly string[]): Promise<FastPathResult> {
  let output: string;
  try {
    const env = process.env;
    const { options, command } = parseCommandLine(argv, env);
    if (command.kind !== 'plugin' || options.noCache || options.verbose) return 'not-served';
    const first = command.args[0];
    if (first === '--help' || first === '-h') return 'not-served';
    const plugin = resolvePlugin(command.name, { launcherDir: LAUNCHER_DIR, cwd: process.cwd() });
    if (plugin.metadata.contract !== undefined && plugin.metadata.contract !== CONTRACT_VERSION) return 'not-served';
    const hit = lookUpCache(cachePolicyFor(plugin, command.args, options, env, homedir()), Date.now());
    if (!hit) return 'not-served';
    output = outputFromEntry(hit);
  } catch {
    // The full launcher repeats the work and reports the error properly.
    return 'not-served';
  }
  const failure = await writeStdout(output);
  return failure === undefined ? 'served' : { stdoutError: failure };
}

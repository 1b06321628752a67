import { CredentialError, runCredentialSource, toAwsCredentials, toCredentialProcessOutput, toCredentialError, type AwsCredentials, type SecretRedactor } from '@cred-launch/core';
import { cachePolicyFor } from './cache/cache-policy.js';
import { FileStateStore } from './cache/state-store.js';
import { fetchThroughCache, lookUpCache, outputFromEntry } from './credential-flow.js';
import { startDeadline } from './deadline.js';
import type { LauncherIo } from './io.js';
import { LAUNCHER_DIR } from './launcher-paths.js';
import { checkDeclaredContract, loadPlugin } from './load-plugin.js';
import type { LauncherOptions } from './options.js';
import { enterInvocation } from './recursion-guard.js';
import { resolvePlugin } from './resolve-plugin.js';
import { exchangeWithSts, wantsSts } from './sts-exchange.js';

/** Shared state of one invocation. */
export interface InvocationContext {
  io: LauncherIo;
  options: LauncherOptions;
  redactor: SecretRedactor;
  log: (message: string) => void;
  /** The launcher's own process environment, which children inherit. */
  processEnv: NodeJS.ProcessEnv;
}

/**
 * `cred-launch <plugin> [args]`: cache look-up first (no plugin import on a
 * hit), then load only this plugin, run it under the deadline, optionally
 * exchange through STS, store and print.
 */
export async function runPlugin(name: string, args: readonly string[], context: InvocationContext): Promise<number> {
  const { io, options, redactor, log } = context;
  const plugin = resolvePlugin(name, { launcherDir: LAUNCHER_DIR, cwd: io.cwd });
  checkDeclaredContract(plugin);
  const first = args[0];
  const wantsHelp = first === '--help' || first === '-h';
  const policy = cachePolicyFor(plugin, args, options, io.env, io.homedir);
  log(`plugin ${name} (${plugin.identity}); cache key ${policy.key.slice(0, 12)}…`);
  if (!wantsHelp && !options.noCache) {
    const hit = lookUpCache(policy, Date.now());
    if (hit) {
      log('cache hit');
      await io.writeStdout(outputFromEntry(hit));
      return 0;
    }
  }
  // The limit covers the import too: a plugin may do I/O (or wait forever) at module load.
  const deadline = startDeadline(options.timeoutSeconds);
  try {
    const source = await deadline.race(loadPlugin(plugin));
    if (wantsHelp) {
      const { pluginHelp } = await import('./help.js');
      await io.writeStdout(pluginHelp(source, plugin.version));
      return 0;
    }
    // Own keys only: "constructor" or "toString" must not find Object.prototype members.
    const command = first !== undefined && source.commands !== undefined && Object.hasOwn(source.commands, first) ? source.commands[first] : undefined;
    if (command) {
      deadline.dispose(); // the command keeps its own limit
      const { runSourceCommand } = await import('./run-command.js');
      return await runSourceCommand(source.name, command, args.slice(1), context);
    }
    enterInvocation(policy.key, context.processEnv);
  // --no-cache also means nothing kept between calls: core's in-memory store applies.
  const state = options.noCache ? undefined : new FileStateStore({ dir: policy.dir, plugin: plugin.identity, secrets: redactor });
    const fetch = async (): Promise<AwsCredentials> => {
      const credentials = await deadline.race(
        runCredentialSource(source, args, { env: io.env, signal: deadline.signal, log, redactor, cwd: io.cwd, homedir: io.homedir, ...(state ? { state } : {}) }),
      );
      if (!wantsSts(options.sts)) return toAwsCredentials(credentials);
      const stsContext = { env: io.env, signal: deadline.signal, log, secrets: redactor, now: () => new Date() };
      return deadline.race(exchangeWithSts(credentials, { ...options.sts }, stsContext, LAUNCHER_DIR));
    };
    let output: string;
    if (options.noCache) {
      output = JSON.stringify(toCredentialProcessOutput(await fetch()));
    } else {
      const result = await fetchThroughCache(policy, deadline, fetch, log, (line) => io.writeStderr(line));
      output = 'fromCache' in result ? outputFromEntry(result.fromCache).trimEnd() : JSON.stringify(toCredentialProcessOutput(result.fetched));
    }
    await io.writeStdout(`${output}\n`);
    return 0;
  } catch (error) {
    if (deadline.signal.aborted && !(error instanceof CredentialError && error.code === 'TIMEOUT')) {
      throw new CredentialError('TIMEOUT', `plugin "${name}" did not finish within ${options.timeoutSeconds}s`, {
        cause: error,
        hint: 'check the backend is reachable, or raise the limit with --timeout',
      });
    }
    throw toCredentialError(error, name);
  } finally {
    deadline.dispose();
  }
}

import { CredentialError, isCredentialError, toCredentialError } from '@cred-launch/core';
import { FileStateStore } from '../cache/state-store.js';
import { startDeadline } from '../deadline.js';
import { fetchCredentials, type FetchedCredentials } from './fetch-credentials.js';
import { loadPlugin } from './load-plugin.js';
import { raceKeepingPluginError } from './plugin-error-wins.js';
import { withRecursionGuard } from './recursion-guard.js';
import { resolveInvocation } from './resolve-invocation.js';
import { credentialsFromEntry, fetchThroughCache, lookUpCache, type CachePolicy } from './through-cache.js';
import type { CredentialInvocation, EngineContext, InvocationOutcome, ObtainedCredentials } from './types.js';
import { validateResult, type ValidatedResult } from './validate-result.js';
import type { CacheEntry } from '../cache/cache-entry.js';

function fromEntry(entry: CacheEntry, pluginName: string, now: () => Date): ValidatedResult {
  return validateResult(credentialsFromEntry(entry), 'cache', pluginName, now);
}

/** The entry's validated credentials, or undefined (logged) when core refuses them: such an entry is a miss, replaced by the fetch. */
function usableEntry(entry: CacheEntry | undefined, pluginName: string, now: () => Date, log: (message: string) => void): ValidatedResult | undefined {
  if (!entry) return undefined;
  try {
    return fromEntry(entry, pluginName, now);
  } catch (error) {
    log(`cache entry refused (${isCredentialError(error) ? error.message : 'invalid'}); fetching`);
    return undefined;
  }
}

/** A fresh, valid cache entry, or undefined. */
function cacheHit(policy: CachePolicy, pluginName: string, now: () => Date, log: (message: string) => void): ValidatedResult | undefined {
  return usableEntry(lookUpCache(policy, now().getTime()), pluginName, now, log);
}

/**
 * The engine: resolution → cache look-up (no plugin import on a hit) → time
 * limit, covering the import too (a plugin may do I/O, or wait forever, at
 * module load) → only the chosen plugin is loaded → per-key lock → plugin →
 * optional STS layer → core's validation of whatever comes out → stored.
 * Prints nothing. The plugin's `--help` and its own commands are handed back
 * to the caller, which alone knows whether it serves them.
 */
export async function runInvocation(invocation: CredentialInvocation, context: EngineContext): Promise<InvocationOutcome> {
  const { options } = invocation;
  const now = context.now ?? (() => new Date());
  const log = (message: string): void => context.log(context.redactor.redact(message));
  const { plugin, policy, wantsHelp } = resolveInvocation(invocation, context);
  log(`plugin ${invocation.plugin} (${plugin.identity}); cache key ${policy.key.slice(0, 12)}…`);
  if (!wantsHelp && !options.noCache) {
    const hit = cacheHit(policy, invocation.plugin, now, log);
    if (hit) {
      log('cache hit');
      return { kind: 'credentials', obtained: { ...hit, origin: 'cache', plugin, source: undefined } };
    }
  }
  const deadline = startDeadline(options.timeoutSeconds);
  try {
    const source = await raceKeepingPluginError(deadline, loadPlugin(plugin), `plugin "${invocation.plugin}"`, options.timeoutSeconds);
    if (wantsHelp) return { kind: 'plugin-help', plugin, source };
    const first = invocation.args[0];
    // Own keys only: "constructor" or "toString" must not find Object.prototype members.
    const command = first !== undefined && source.commands !== undefined && Object.hasOwn(source.commands, first) ? source.commands[first] : undefined;
    if (command) return { kind: 'plugin-command', plugin, source, command, argv: invocation.args.slice(1) };
    const obtained = await withRecursionGuard(policy.key, context.processEnv ?? { ...context.env }, async (): Promise<ObtainedCredentials> => {
      // --no-cache also means nothing kept between calls: core's in-memory store applies.
      const state = options.noCache ? undefined : new FileStateStore({ dir: policy.dir, plugin: plugin.identity, secrets: context.redactor });
      let fetched: FetchedCredentials | undefined;
      const fetch = async (): Promise<FetchedCredentials['credentials']> => {
        fetched = await fetchCredentials(source, invocation, { ...context, log }, deadline, state);
        return fetched.credentials;
      };
      if (options.noCache) await fetch();
      else {
        const result = await fetchThroughCache(policy, deadline, fetch, log, context.warn);
        // Another process stored it while we waited for the lock: served from the cache, validated like any entry.
        if ('fromCache' in result) return { ...fromEntry(result.fromCache, invocation.plugin, now), origin: 'cache', plugin, source };
      }
      const { credentials, document, origin } = fetched as FetchedCredentials;
      return { credentials, document, origin, plugin, source };
    });
    return { kind: 'credentials', obtained };
  } catch (error) {
    if (deadline.signal.aborted && !isCredentialError(error, 'TIMEOUT')) {
      throw new CredentialError('TIMEOUT', `plugin "${invocation.plugin}" did not finish within ${options.timeoutSeconds}s`, {
        cause: error,
        hint: 'check the backend is reachable, or raise the limit with --timeout',
      });
    }
    throw toCredentialError(error, invocation.plugin);
  } finally {
    deadline.dispose();
  }
}

/**
 * Detects I/O started during one synchronous call (a plugin's `parseArgs`).
 * Usage errors must come before any I/O, so `parseArgs` must be pure: the
 * launcher calls it for `--help` and before its time limit starts, and a
 * slow or failing disk or network there would turn a typo into a hang.
 *
 * Two nets, both active only while the call runs (nothing else can run in
 * between, the call being synchronous):
 * - every function of fs, fs/promises, child_process, net, tls, http, https,
 *   dns and the global fetch is wrapped to record its use (ESM named
 *   imports of built-ins are refreshed with `syncBuiltinESMExports`);
 * - an async_hooks hook records any I/O resource created (sockets, file
 *   requests, child processes), whatever API created it.
 */
import { createHook } from 'node:async_hooks';
import { createRequire, syncBuiltinESMExports } from 'node:module';

const require = createRequire(import.meta.url);

const WATCHED_MODULES = ['fs', 'fs/promises', 'child_process', 'net', 'tls', 'http', 'https', 'dns', 'dns/promises'] as const;

// Async resources that are not I/O: promises, timers, ticks.
const NOT_IO = new Set(['PROMISE', 'Timeout', 'Immediate', 'TickObject', 'Microtask', 'TIMERWRAP']);

/** The outcome of a watched call and the I/O it started. */
export interface WatchedCall<T> {
  readonly outcome: { ok: true; value: T } | { ok: false; error: unknown };
  /** e.g. `fs.readFileSync`, `fetch`, `async resource FSREQCALLBACK`. */
  readonly io: string[];
}

function isClassLike(name: string): boolean {
  return /^[A-Z]/u.test(name);
}

/** Calls `fn` synchronously and reports any I/O it started. */
export function callWatchingIo<T>(fn: () => T): WatchedCall<T> {
  const io: string[] = [];
  const restores: Array<() => void> = [];
  const wrap = (target: Record<string, unknown>, key: string, label: string): void => {
    const original = target[key];
    if (typeof original !== 'function') return;
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor === undefined || (!descriptor.writable && descriptor.set === undefined)) return;
    target[key] = function (this: unknown, ...args: unknown[]) {
      io.push(label);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    restores.push(() => {
      target[key] = original;
    });
  };

  for (const name of WATCHED_MODULES) {
    const namespace = require(`node:${name}`) as Record<string, unknown>;
    for (const key of Object.keys(namespace)) {
      if (!isClassLike(key)) wrap(namespace, key, `${name.replace('/', '.')}.${key}`);
    }
  }
  wrap(globalThis as unknown as Record<string, unknown>, 'fetch', 'fetch');
  syncBuiltinESMExports();

  const hook = createHook({
    init(_asyncId, type) {
      if (!NOT_IO.has(type)) io.push(`async resource ${type}`);
    },
  });

  let outcome: WatchedCall<T>['outcome'];
  hook.enable();
  try {
    outcome = { ok: true, value: fn() };
  } catch (error) {
    outcome = { ok: false, error };
  } finally {
    hook.disable();
    for (const restore of restores.reverse()) restore();
    syncBuiltinESMExports();
  }
  return { outcome, io: [...new Set(io)] };
}

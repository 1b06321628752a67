/**
 * Catches a plugin touching process I/O while it runs. Plugins must never
 * write to stdout (the credential channel) nor stderr, nor exit: the
 * launcher owns all three. Nor read process.env: the launcher hands over a
 * snapshot as `context.env`, which is what tests (and the cache key) see.
 *
 * The writers are wrapped for the duration of one scenario and restored
 * afterwards. Only calls made from the scenario's own async context (an
 * AsyncLocalStorage run) count and are swallowed; everything else — the test
 * runner's reporter, which may stream to stdout meanwhile (node:test does) —
 * passes straight through.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { syncBuiltinESMExports } from 'node:module';

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const;

const scenarioContext = new AsyncLocalStorage<symbol>();

/** What a plugin did to the process while being watched. */
export interface ProcessTouch {
  /** e.g. `process.stdout.write`, `console.log`, `process.exit`, `process.env.NAME`. */
  readonly via: string;
  /** The first characters of what was written (for the failure message). */
  readonly sample: string;
}

/** A running watch: `run` executes code as the watched scenario; `stop()` restores everything and returns what was seen. */
export interface ProcessWatch {
  run<T>(fn: () => T): T;
  stop(): ProcessTouch[];
}

/** Options for {@link watchProcessIo}. */
export interface ProcessWatchOptions {
  /**
   * Environment variable names the plugin was given in `context.env`. A read
   * of one of them from `process.env` is recorded: the plugin should have
   * used `context.env`. (Other names are not watched: runtimes and SDKs read
   * plenty of their own.)
   */
  envNames?: readonly string[];
}

/** Thrown into the plugin when it calls process.exit, so the test process survives. */
export class ProcessExitAttempt extends Error {
  constructor(code: unknown) {
    super(`the plugin called process.exit(${String(code)})`);
    this.name = 'ProcessExitAttempt';
  }
}

function sampleOf(value: unknown): string {
  const text = typeof value === 'string' ? value : value instanceof Uint8Array ? Buffer.from(value).toString('utf8') : String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** Starts recording writes to stdout/stderr, console calls, process.exit and process.env reads made inside `run`. */
export function watchProcessIo(options: ProcessWatchOptions = {}): ProcessWatch {
  const token = Symbol('cred-launch testkit scenario');
  const inScenario = (): boolean => scenarioContext.getStore() === token;
  const touches: ProcessTouch[] = [];
  const restores: Array<() => void> = [];

  for (const name of ['stdout', 'stderr'] as const) {
    const stream = process[name];
    const original = stream.write;
    stream.write = function (this: unknown, chunk: unknown, ...rest: unknown[]) {
      if (!inScenario()) return (original as (...args: unknown[]) => boolean).call(this, chunk, ...rest);
      // Swallowed: a test run's own output must not carry a plugin's leak either.
      touches.push({ via: `process.${name}.write`, sample: sampleOf(chunk) });
      const callback = rest.find((item) => typeof item === 'function') as (() => void) | undefined;
      callback?.();
      return true;
    } as typeof stream.write;
    restores.push(() => {
      stream.write = original;
    });
  }

  // Test runners (vitest, jest) replace console with their own, which does
  // not go through process.stdout.write; watch console itself too.
  const consoleRecord = console as unknown as Record<string, unknown>;
  for (const method of CONSOLE_METHODS) {
    const original = consoleRecord[method] as ((...args: unknown[]) => unknown) | undefined;
    consoleRecord[method] = (...args: unknown[]) => {
      if (!inScenario()) return original?.apply(console, args);
      touches.push({ via: `console.${method}`, sample: sampleOf(args.map((arg) => String(arg)).join(' ')) });
      return undefined;
    };
    restores.push(() => {
      consoleRecord[method] = original;
    });
  }

  const originalExit = process.exit;
  process.exit = ((code?: Parameters<typeof process.exit>[0]) => {
    if (!inScenario()) return originalExit.call(process, code);
    touches.push({ via: 'process.exit', sample: String(code) });
    throw new ProcessExitAttempt(code);
  }) as typeof process.exit;
  restores.push(() => {
    process.exit = originalExit;
  });

  const envNames = new Set(options.envNames ?? []);
  if (envNames.size > 0) {
    const originalEnv = process.env;
    const record = (key: string | symbol): void => {
      if (typeof key === 'string' && envNames.has(key) && inScenario()) touches.push({ via: `process.env.${key}`, sample: 'read (use context.env)' });
    };
    process.env = new Proxy(originalEnv, {
      get(target, key, receiver) {
        record(key);
        return Reflect.get(target, key, receiver) as unknown;
      },
      has(target, key) {
        record(key);
        return Reflect.has(target, key);
      },
    });
    // `import { env } from 'node:process'` is a separate binding; refresh it too.
    syncBuiltinESMExports();
    restores.push(() => {
      process.env = originalEnv;
      syncBuiltinESMExports();
    });
  }

  let stopped = false;
  return {
    run: <T>(fn: () => T): T => scenarioContext.run(token, fn),
    stop(): ProcessTouch[] {
      if (!stopped) {
        stopped = true;
        for (const restore of restores.reverse()) restore();
      }
      return touches;
    },
  };
}

/** Runs `fn` as a watched scenario; returns its outcome and what it touched. */
export async function withProcessWatch<T>(fn: () => Promise<T>, options: ProcessWatchOptions = {}): Promise<{ outcome: Outcome<T>; touches: ProcessTouch[] }> {
  const watch = watchProcessIo(options);
  let outcome: Outcome<T>;
  try {
    outcome = { ok: true, value: await watch.run(fn) };
  } catch (error) {
    outcome = { ok: false, error };
  } finally {
    // Restored before the caller's assertions run.
    watch.stop();
  }
  return { outcome, touches: watch.stop() };
}

/** The result of a call: a value or what it threw. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown };

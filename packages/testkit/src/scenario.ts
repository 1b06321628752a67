import { homedir } from 'node:os';
import { runCredentialSource, SecretRedactor, type SourceCredentials } from '@cred-launch/core';
import { withProcessWatch, type Outcome, type ProcessTouch } from './process-guard.js';
import type { AnySource, Scenario, ScenarioOptions } from './types.js';

/** Everything observed while running one scenario through core. */
export interface ScenarioRun {
  readonly outcome: Outcome<SourceCredentials>;
  /** Writes to stdout/stderr, console calls, process.exit. Must be empty. */
  readonly touches: ProcessTouch[];
  /** Debug lines as the launcher would show them with --verbose (already redacted by core). */
  readonly logs: string[];
  /** The secrets registered during the run. */
  readonly redactor: SecretRedactor;
}

/** Options for {@link runScenario}. */
export interface RunScenarioOptions {
  signal?: AbortSignal;
}

/** Runs a scenario the way the launcher does: `runCredentialSource` with a fresh redactor. */
export async function runScenario(source: AnySource, scenario: Scenario, options: Pick<ScenarioOptions, 'cwd' | 'homedir'>, run: RunScenarioOptions = {}): Promise<ScenarioRun> {
  const redactor = new SecretRedactor();
  const logs: string[] = [];
  const parsed = probeParseArgs(source, scenario);
  if (parsed !== undefined) return { outcome: { ok: false, error: parsed }, touches: [], logs, redactor };
  const { outcome, touches } = await withProcessWatch(
    () =>
      runCredentialSource(source, scenario.argv, {
        env: scenario.env ?? {},
        signal: run.signal,
        log: (line) => logs.push(line),
        redactor,
        cwd: options.cwd ?? process.cwd(),
        homedir: options.homedir ?? homedir(),
      }),
    { envNames: Object.keys(scenario.env ?? {}) },
  );
  return { outcome, touches, logs, redactor };
}

/**
 * core's runCredentialSource trusts parseArgs to be synchronous; a plugin
 * whose parseArgs is async would reach getCredentials with a promise for
 * arguments and fail in confusing ways. Report that plainly instead.
 */
function probeParseArgs(source: AnySource, scenario: Scenario): Error | undefined {
  let value: unknown;
  try {
    value = source.parseArgs({ argv: scenario.argv, env: scenario.env ?? {} });
  } catch {
    return undefined; // runCredentialSource reports it.
  }
  const candidate = value as { then?: unknown } | null | undefined;
  if (typeof candidate?.then !== 'function') return undefined;
  Promise.resolve(candidate).catch(() => undefined);
  return new Error('parseArgs returned a promise; it must be synchronous');
}

/** A readable list of process I/O, for failure messages. */
export function describeTouches(touches: readonly ProcessTouch[]): string {
  return touches.map((touch) => `${touch.via}(${JSON.stringify(touch.sample)})`).join(', ');
}

import { strict as assert } from 'node:assert';
import type { CredentialErrorCode } from '@cred-launch/core';
import { assertCredentialError, assertNoSecret } from './error-checks.js';
import { describeTouches, runScenario } from './scenario.js';
import type { AnySource, Scenario, SourceTestSuiteOptions } from './types.js';

/**
 * Scenarios for the rule "one meaning per exit code" (docs/writing-a-plugin.md):
 * the same fault gets the same code in every plugin.
 */
export interface ExitCodeScenarios {
  /**
   * The backend answers something that cannot be read: an HTML page with
   * 200, malformed JSON, a reply of the wrong shape, a broken encoding. Must
   * fail with BACKEND (exit 69) — never NOT_FOUND, INVALID_SECRET or INTERNAL.
   */
  unreadableReply?: Scenario;
  /**
   * The secret is read, but lacks its key fields (or holds unusable ones).
   * Must fail with INVALID_SECRET (exit 65) — never NOT_FOUND.
   */
  invalidSecret?: Scenario;
}

/** How the suite registers one test (its `define`). */
export type DefineTest = (name: string, fn: () => Promise<void> | void) => void;

async function expectCode(source: AnySource, scenario: Scenario, code: CredentialErrorCode, options: SourceTestSuiteOptions, label: string): Promise<void> {
  const run = await runScenario(source, scenario, options);
  assert.equal(run.touches.length, 0, `${label}: the plugin touched process I/O (${describeTouches(run.touches)})`);
  assert.ok(!run.outcome.ok, `${label}: expected ${code} but the plugin returned credentials`);
  assertCredentialError(run.outcome.error, code, { canary: options.canary, redactor: run.redactor }, label);
  const hint = (run.outcome.error as { hint?: unknown }).hint;
  assert.ok(typeof hint === 'string' && hint.trim() !== '', `${label}: a ${code} error must carry a hint saying what to do next`);
  for (const line of run.logs) assertNoSecret(line, { canary: options.canary }, `${label}: a debug line`);
}

/**
 * Registers the exit-code tests. Scenarios a plugin leaves out pass without
 * checking anything (as the suite's other optional scenarios do).
 */
export function registerExitCodeChecks(define: DefineTest, getSource: () => AnySource, getOptions: () => SourceTestSuiteOptions): void {
  define('a backend reply that cannot be read fails with BACKEND (69), a clean message and a hint', async () => {
    const options = getOptions();
    if (options.unreadableReply === undefined) return;
    await expectCode(getSource(), options.unreadableReply, 'BACKEND', options, 'unreadableReply');
  });

  define('a secret read without usable key fields fails with INVALID_SECRET (65), a clean message and a hint', async () => {
    const options = getOptions();
    if (options.invalidSecret === undefined) return;
    await expectCode(getSource(), options.invalidSecret, 'INVALID_SECRET', options, 'invalidSecret');
  });
}

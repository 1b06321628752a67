import { strict as assert } from 'node:assert';
import type { CredentialErrorCode } from '@cred-launch/core';
import { assertCredentialError, assertNoSecret } from './error-checks.js';
import { describeTouches, runScenario } from './scenario.js';
import type { ResolvedOptions } from './options.js';
import type { AnySource, Scenario, SourceTestSuiteOptions } from './types.js';

// Defined in ./types.js (the suite's options extend it), kept exported here.
export type { ExitCodeScenarios } from './types.js';

/** How the suite registers one test (its `define`). */
export type DefineTest = (name: string, fn: () => Promise<void> | void) => void;

async function expectCode(source: AnySource, scenario: Scenario | undefined, code: CredentialErrorCode, options: ResolvedOptions, label: string): Promise<void> {
  assert.ok(scenario !== undefined, `${label}: the scenario function returned nothing`);
  const run = await runScenario(source, scenario, options);
  assert.equal(run.touches.length, 0, `${label}: the plugin touched process I/O (${describeTouches(run.touches)})`);
  assert.ok(!run.outcome.ok, `${label}: expected ${code} but the plugin returned credentials`);
  assertCredentialError(run.outcome.error, code, { canary: options.canary, redactor: run.redactor }, label);
  const hint = (run.outcome.error as { hint?: unknown }).hint;
  assert.ok(typeof hint === 'string' && hint.trim() !== '', `${label}: a ${code} error must carry a hint saying what to do next`);
  for (const line of run.logs) assertNoSecret(line, { canary: options.canary }, `${label}: a debug line`);
}

/**
 * Registers the exit-code tests for the scenarios the plugin gives; a
 * scenario left out registers no test (the suite never reports a check it
 * did not run). `given` is what was passed at registration; `getOptions`
 * evaluates the lazy scenarios inside the test.
 */
export function registerExitCodeChecks(define: DefineTest, getSource: () => AnySource, given: SourceTestSuiteOptions, getOptions: () => ResolvedOptions): void {
  if (given.unreadableReply !== undefined) {
    define('a backend reply that cannot be read fails with BACKEND (69), a clean message and a hint', async () => {
      const options = getOptions();
      await expectCode(getSource(), options.unreadableReply, 'BACKEND', options, 'unreadableReply');
    });
  }
  if (given.invalidSecret !== undefined) {
    define('a secret read without usable key fields fails with INVALID_SECRET (65), a clean message and a hint', async () => {
      const options = getOptions();
      await expectCode(getSource(), options.invalidSecret, 'INVALID_SECRET', options, 'invalidSecret');
    });
  }
}

import { strict as assert } from 'node:assert';
import { formatCredentialProcessOutput, isCredentialError, type CredentialErrorCode } from '@cred-launch/core';
import { assertCleanMessage, assertCredentialError, assertNoSecret } from './error-checks.js';
import { registerExitCodeChecks } from './exit-code-checks.js';
import { callWatchingIo } from './io-detector.js';
import { watchProcessIo } from './process-guard.js';
import { describeTouches, runScenario, type ScenarioRun } from './scenario.js';
import { inspectImport } from './import-check.js';
import { assertPackageMetadata, assertSourceShape, loadPackageJson, packageNamesFor } from './shape-checks.js';
import { assertRegistrable, resolveOptions, type ResolvedOptions } from './options.js';
import type { AnySource, Scenario, SourceTestSuiteOptions, SourceTestSuiteSettings, TestFunction } from './types.js';

const OUTPUT_FIELDS = new Set(['Version', 'AccessKeyId', 'SecretAccessKey', 'SessionToken', 'Expiration', 'AccountId']);
const EXPIRATION_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/u;

function assertNoProcessIo(run: Pick<ScenarioRun, 'touches'>, scenario: string): void {
  assert.equal(
    run.touches.length,
    0,
    `${scenario}: the plugin touched process I/O (${describeTouches(run.touches)}); plugins must never print, exit or read process.env — the launcher owns process I/O and passes context.env`,
  );
}

function assertLogsClean(run: ScenarioRun, canary: string | undefined, scenario: string): void {
  for (const line of run.logs) assertNoSecret(line, { canary }, `${scenario}: a debug line (register the value with context.secrets.add)`);
}

function assertNotThenable(value: unknown, label: string): void {
  const candidate = value as { then?: unknown } | null | undefined;
  if (typeof candidate?.then === 'function') {
    // Swallow its eventual rejection: the failure below is the report.
    Promise.resolve(candidate).catch(() => undefined);
    assert.fail(`${label}: parseArgs returned a promise; it must be synchronous (throw USAGE before any await)`);
  }
}

/** A scenario given at registration must still be there when the test runs (a lazy one may return nothing). */
function present(scenario: Scenario | undefined, name: string): Scenario {
  assert.ok(scenario !== undefined, `${name}: the scenario function returned nothing`);
  return scenario;
}

function describeOutcome(run: ScenarioRun): string {
  if (run.outcome.ok) return 'credentials';
  const error = run.outcome.error;
  return isCredentialError(error) ? `${error.code}: ${error.message}` : String(error);
}

/** Runs a scenario that must fail with `code`, checking message, hint, secrets and process I/O. */
async function expectFailure(source: AnySource, scenario: Scenario, code: CredentialErrorCode, options: ResolvedOptions, label: string): Promise<void> {
  const run = await runScenario(source, scenario, options);
  assertNoProcessIo(run, label);
  assert.ok(!run.outcome.ok, `${label}: expected ${code} but the plugin returned credentials`);
  assertCredentialError(run.outcome.error, code, { canary: options.canary, redactor: run.redactor }, label);
  const hint = (run.outcome.error as { hint?: unknown }).hint;
  assert.ok(typeof hint === 'string' && hint.trim() !== '', `${label}: a ${code} error must carry a hint saying what to do next`);
  assertLogsClean(run, options.canary, label);
}

/**
 * Registers the cred-launch conformance tests for one plugin with your test
 * runner. One call in a plugin's test file:
 *
 * @example
 * import { test } from 'vitest';
 * import { sourceTestSuite } from '@cred-launch/testkit';
 * import source from '../src/index.js';
 * sourceTestSuite(test, () => source, {
 *   valid: () => ({ argv: ['dev'], env: { MY_ADDR: server.url } }),
 *   usageErrors: [{ argv: [] }],
 *   packageJson: new URL('../package.json', import.meta.url),
 *   entry: new URL('../dist/index.js', import.meta.url),
 * });
 *
 * Which tests exist is decided here, at registration: a scenario left out
 * (`notFound`, `auth`, `hang`) registers no test, as in `@keyv/test-suite`,
 * so a run never reports a check it did not make. `packageJson` and `entry`
 * are required unless `packaged: false`. `getSource` and the scenarios given
 * as functions are called inside each test, so they may use servers started
 * in `beforeAll`.
 */
export function sourceTestSuite(test: TestFunction, getSource: () => AnySource, suiteOptions: SourceTestSuiteOptions, settings: SourceTestSuiteSettings = {}): void {
  assertRegistrable(suiteOptions);
  const getOptions = (): ResolvedOptions => resolveOptions(suiteOptions);
  const prefix = settings.prefix ?? 'cred-launch conformance';
  const timeout = settings.timeout ?? 15_000;
  const define = (name: string, fn: () => Promise<void> | void): void => {
    test(`${prefix}: ${name}`, fn, timeout);
  };

  define('implements the contract: shape, contract version, name, description, usage, commands', () => {
    assertSourceShape(getSource());
  });

  const { packageJson, entry } = suiteOptions;
  if (packageJson !== undefined) {
    define('package.json declares matching cred-launch metadata and a resolvable package name', () => {
      assertPackageMetadata(loadPackageJson(packageJson), getSource());
    });
  }

  if (entry !== undefined) {
    define('importing the module loads only core and the plugin itself, and prints nothing', async () => {
      const options = getOptions();
      const report = await inspectImport(entry);
      assert.equal(report.code, 0, `importing ${String(entry)} failed: ${report.stderr.split('\n')[0] ?? ''}`);
      assert.equal(report.stdout + report.stderr, '', 'importing the module printed something; a module must have no side effects at import');
      const own = packageJson === undefined ? undefined : loadPackageJson(packageJson).name;
      const allowed = new Set<unknown>(['@cred-launch/core', own, getSource().name, ...(options.allowImports ?? [])]);
      const extra = report.packages.filter((name) => !allowed.has(name) && !packageNamesFor(getSource().name).includes(name));
      assert.deepEqual(extra, [], `importing the module loaded ${extra.join(', ')}; import SDKs with await import() inside getCredentials (or list them in allowImports)`);
    });
  }

  define('parseArgs throws USAGE synchronously, before any I/O, for every bad argument list', () => {
    const source = getSource();
    const options = getOptions();
    assert.ok(options.usageErrors.length > 0, 'give at least one usageErrors scenario (e.g. a missing required argument)');
    for (const scenario of options.usageErrors) {
      const label = `usage error ${JSON.stringify(scenario.argv)}`;
      const watch = watchProcessIo({ envNames: Object.keys(scenario.env ?? {}) });
      let call;
      try {
        call = watch.run(() => callWatchingIo(() => source.parseArgs({ argv: scenario.argv, env: scenario.env ?? {} })));
      } finally {
        assertNoProcessIo({ touches: watch.stop() }, label);
      }
      assert.deepEqual(call.io, [], `${label}: parseArgs did I/O (${call.io.join(', ')}); arguments must be checked before any I/O`);
      if (call.outcome.ok) assertNotThenable(call.outcome.value, label);
      assert.ok(!call.outcome.ok, `${label}: parseArgs accepted these arguments; it must throw a USAGE CredentialError`);
      assertCredentialError(call.outcome.error, 'USAGE', { canary: options.canary }, label);
    }
  });

  define('parseArgs is synchronous and does no I/O for accepted arguments', () => {
    const source = getSource();
    const options = getOptions();
    const scenarios: Array<[string, Scenario | undefined]> = [
      ['valid', options.valid],
      ['notFound', options.notFound],
      ['auth', options.auth],
      ['hang', options.hang],
    ];
    for (const [label, scenario] of scenarios) {
      if (scenario === undefined) continue;
      const watch = watchProcessIo({ envNames: Object.keys(scenario.env ?? {}) });
      let call;
      try {
        call = watch.run(() => callWatchingIo(() => source.parseArgs({ argv: scenario.argv, env: scenario.env ?? {} })));
      } finally {
        assertNoProcessIo({ touches: watch.stop() }, label);
      }
      assert.deepEqual(call.io, [], `${label}: parseArgs did I/O (${call.io.join(', ')}); do I/O in getCredentials, not while parsing`);
      if (!call.outcome.ok) {
        const error = call.outcome.error;
        assert.fail(`${label}: parseArgs rejected the scenario's arguments: ${isCredentialError(error) ? `${error.code}: ${error.message}` : String(error)}`);
      }
      assertNotThenable(call.outcome.value, label);
    }
  });

  define('the valid scenario yields a credential_process document (Version 1) through core', async () => {
    const source = getSource();
    const options = getOptions();
    const run = await runScenario(source, options.valid, options);
    assertNoProcessIo(run, 'valid');
    assertLogsClean(run, options.canary, 'valid');
    if (!run.outcome.ok) assert.fail(`valid: expected credentials, got ${describeOutcome(run)}`);
    const text = formatCredentialProcessOutput(run.outcome.value);
    assert.ok(text.endsWith('\n') && !text.slice(0, -1).includes('\n'), 'valid: the output must be one line of JSON');
    const document = JSON.parse(text) as Record<string, unknown>;
    assert.equal(document.Version, 1, 'valid: Version must be 1');
    for (const key of Object.keys(document)) assert.ok(OUTPUT_FIELDS.has(key), `valid: unexpected output field ${key}`);
    assert.equal(typeof document.AccessKeyId, 'string', 'valid: AccessKeyId must be a string');
    assert.equal(typeof document.SecretAccessKey, 'string', 'valid: SecretAccessKey must be a string');
    const expect = options.valid.expect ?? {};
    if (expect.accessKeyId !== undefined) assert.equal(document.AccessKeyId, expect.accessKeyId, 'valid: AccessKeyId differs from the expected one');
    if (expect.sessionToken !== undefined) {
      assert.equal(typeof document.SessionToken === 'string', expect.sessionToken, `valid: SessionToken should be ${expect.sessionToken ? 'present' : 'absent'}`);
    }
    if (expect.expiration !== undefined) {
      assert.equal(typeof document.Expiration === 'string', expect.expiration, `valid: Expiration should be ${expect.expiration ? 'present' : 'absent'}`);
    }
  });

  define('expiring credentials carry a future Expiration in UTC ISO-8601 with Z', async () => {
    const source = getSource();
    const options = getOptions();
    const run = await runScenario(source, options.valid, options);
    assertNoProcessIo(run, 'valid');
    if (!run.outcome.ok) assert.fail(`valid: expected credentials, got ${describeOutcome(run)}`);
    const { expiration } = run.outcome.value;
    if (expiration === undefined) {
      assert.notEqual(options.valid.expect?.expiration, true, 'valid: expected an expiration');
      return;
    }
    const document = JSON.parse(formatCredentialProcessOutput(run.outcome.value)) as { Expiration?: string };
    assert.match(document.Expiration ?? '', EXPIRATION_FORMAT, 'Expiration must be written as UTC ISO-8601 with Z');
    assert.ok(Date.parse(document.Expiration ?? '') > Date.now(), 'Expiration must be in the future');
  });

  if (suiteOptions.notFound !== undefined) {
    define('a missing secret fails with NOT_FOUND, a clean message and a hint', async () => {
      const options = getOptions();
      await expectFailure(getSource(), present(options.notFound, 'notFound'), 'NOT_FOUND', options, 'notFound');
    });
  }

  if (suiteOptions.auth !== undefined) {
    define('rejected backend credentials fail with AUTH, a clean message and a hint', async () => {
      const options = getOptions();
      await expectFailure(getSource(), present(options.auth, 'auth'), 'AUTH', options, 'auth');
    });
  }

  if (suiteOptions.hang !== undefined) {
    define('a hanging backend is abandoned promptly when the AbortSignal fires', async () => {
      const options = getOptions();
      const hang = present(options.hang, 'hang');
      const source = getSource();
      const abortAfter = options.abortAfterMs ?? 200;
      const grace = options.abortGraceMs ?? 2_000;
      const controller = new AbortController();
      let abortedAt: number | undefined;
      const abortTimer = setTimeout(() => {
        abortedAt = Date.now();
        controller.abort(new Error('cred-launch testkit: time limit'));
      }, abortAfter);
      let deadlineTimer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<'deadline'>((resolve) => {
        deadlineTimer = setTimeout(() => resolve('deadline'), abortAfter + grace);
      });
      try {
        const result = await Promise.race([runScenario(source, hang, options, { signal: controller.signal }), deadline]);
        assert.notEqual(result, 'deadline', `hang: the plugin was still running ${grace} ms after the signal aborted; pass context.signal to every request and stop when it fires`);
        const run = result as ScenarioRun;
        assertNoProcessIo(run, 'hang');
        assert.ok(abortedAt !== undefined, `hang: the plugin finished (${describeOutcome(run)}) before the signal aborted; the hang scenario's backend must never answer`);
        assert.ok(!run.outcome.ok, 'hang: the plugin returned credentials after the signal aborted');
        assertCredentialError(run.outcome.error, 'TIMEOUT', { canary: options.canary, redactor: run.redactor }, 'hang');
        assertLogsClean(run, options.canary, 'hang');
      } finally {
        clearTimeout(abortTimer);
        clearTimeout(deadlineTimer);
        controller.abort();
      }
    });
  }

  registerExitCodeChecks(define, getSource, suiteOptions, getOptions);

  define('no error in any scenario contains the canary or a registered secret', async () => {
    const options = getOptions();
    const source = getSource();
    const scenarios: Array<[string, Scenario | undefined]> = [
      ['valid', options.valid],
      ['notFound', options.notFound],
      ['auth', options.auth],
    ];
    for (const [label, scenario] of scenarios) {
      if (scenario === undefined) continue;
      const run = await runScenario(source, scenario, options);
      assertNoProcessIo(run, label);
      assertLogsClean(run, options.canary, label);
      if (!run.outcome.ok) assertCleanMessage(run.outcome.error, { canary: options.canary, redactor: run.redactor }, label);
    }
    for (const scenario of options.usageErrors) {
      try {
        assertNotThenable(source.parseArgs({ argv: scenario.argv, env: scenario.env ?? {} }), `usage error ${JSON.stringify(scenario.argv)}`);
      } catch (error) {
        if (error instanceof assert.AssertionError) throw error;
        assertCleanMessage(error, { canary: options.canary }, `usage error ${JSON.stringify(scenario.argv)}`);
      }
    }
  });
}

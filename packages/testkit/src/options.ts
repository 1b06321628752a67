import type { Lazy, PackageJsonInput, Scenario, SourceTestSuiteOptions, ValidScenario } from './types.js';

/** The suite's options with every lazy value evaluated: what one test works with. */
export interface ResolvedOptions {
  readonly valid: ValidScenario;
  readonly usageErrors: readonly Scenario[];
  readonly notFound?: Scenario;
  readonly auth?: Scenario;
  readonly hang?: Scenario;
  readonly unreadableReply?: Scenario;
  readonly invalidSecret?: Scenario;
  readonly canary?: string;
  readonly packageJson?: PackageJsonInput;
  readonly entry?: string | URL;
  readonly allowImports?: readonly string[];
  readonly cwd?: string;
  readonly homedir?: string;
  readonly abortAfterMs?: number;
  readonly abortGraceMs?: number;
}

function evaluate<T>(value: Lazy<T>): T {
  return typeof value === 'function' ? (value as () => T)() : value;
}

/** Evaluates the lazy scenarios; called inside each test, after the runner's `beforeAll` hooks. */
export function resolveOptions(options: SourceTestSuiteOptions): ResolvedOptions {
  return {
    ...options,
    valid: evaluate(options.valid),
    usageErrors: evaluate(options.usageErrors),
    notFound: options.notFound === undefined ? undefined : evaluate(options.notFound),
    auth: options.auth === undefined ? undefined : evaluate(options.auth),
    hang: options.hang === undefined ? undefined : evaluate(options.hang),
    unreadableReply: options.unreadableReply === undefined ? undefined : evaluate(options.unreadableReply),
    invalidSecret: options.invalidSecret === undefined ? undefined : evaluate(options.invalidSecret),
  };
}

/**
 * Checks, when the suite is registered, what decides which tests exist.
 * Thrown as a TypeError so the test file fails to load with the reason,
 * rather than the suite passing with checks silently missing.
 */
export function assertRegistrable(options: unknown): asserts options is SourceTestSuiteOptions {
  if (typeof options === 'function') {
    throw new TypeError(
      'sourceTestSuite: pass the options as an object, not a function (testkit 0.2); make a scenario that needs a server from beforeAll a function instead, e.g. notFound: () => ({ argv, env: { ADDR: server.url } })',
    );
  }
  if (typeof options !== 'object' || options === null) throw new TypeError('sourceTestSuite: the options object is missing');
  const given = options as Partial<SourceTestSuiteOptions>;
  if (given.valid === undefined || given.usageErrors === undefined) throw new TypeError('sourceTestSuite: valid and usageErrors are required');
  if (given.packaged !== false && (given.packageJson === undefined || given.entry === undefined)) {
    throw new TypeError(
      "sourceTestSuite: give packageJson and entry (your package.json and built module, e.g. new URL('../dist/index.js', import.meta.url)) so the metadata and import tests run; for a source that is not a package of its own, set packaged: false",
    );
  }
}

import type { CredentialSource, SourceEnv } from '@cred-launch/core';

/**
 * The test-registration function of your runner: vitest's or jest's `test`,
 * node:test's `test`, mocha's `it`. Only this shape is used, so the suite
 * runs under any of them without importing one.
 */
export type TestFunction = (name: string, fn: () => Promise<void> | void, timeout?: number) => unknown;

/** One way of invoking the plugin: its argv and environment. */
export interface Scenario {
  /** Everything after the plugin name, as the launcher passes it. */
  argv: readonly string[];
  /** The environment the plugin sees (`context.env`). @default {} */
  env?: SourceEnv;
}

/** What the valid scenario must produce. Fields left out are not checked. */
export interface ValidExpectation {
  /** The exact AccessKeyId expected in the output. */
  accessKeyId?: string;
  /** true: a SessionToken must be present; false: it must be absent. */
  sessionToken?: boolean;
  /** true: an Expiration must be present (and in the future); false: absent. */
  expiration?: boolean;
}

/** A scenario that must succeed. */
export interface ValidScenario extends Scenario {
  expect?: ValidExpectation;
}

/**
 * A value given as it is, or a function returning it that the suite calls
 * inside each test: use a function when the value needs something only a
 * `beforeAll` hook provides (a test server's address in `env`).
 */
export type Lazy<T> = T | (() => T);

/**
 * Scenarios for the rule "one meaning per exit code" (docs/writing-a-plugin.md):
 * the same fault gets the same code in every plugin. Left out: no test.
 */
export interface ExitCodeScenarios {
  /**
   * The backend answers something that cannot be read: an HTML page with
   * 200, malformed JSON, a reply of the wrong shape, a broken encoding. Must
   * fail with BACKEND (exit 69) — never NOT_FOUND, INVALID_SECRET or INTERNAL.
   */
  unreadableReply?: Lazy<Scenario>;
  /**
   * The secret is read, but lacks its key fields (or holds unusable ones).
   * Must fail with INVALID_SECRET (exit 65) — never NOT_FOUND.
   */
  invalidSecret?: Lazy<Scenario>;
}

/**
 * The scenarios and settings every call to the suite takes. A scenario left
 * out registers no test for it (as in `@keyv/test-suite`): the suite never
 * reports a check it did not run.
 */
export interface ScenarioOptions extends ExitCodeScenarios {
  /** A scenario that returns credentials. */
  valid: Lazy<ValidScenario>;
  /** Arguments `parseArgs` must reject with USAGE, synchronously and without I/O. At least one. */
  usageErrors: Lazy<readonly Scenario[]>;
  /** A scenario whose secret does not exist: must fail with NOT_FOUND. Left out: no NOT_FOUND test. */
  notFound?: Lazy<Scenario>;
  /** A scenario with bad or missing backend credentials: must fail with AUTH. Left out: no AUTH test. */
  auth?: Lazy<Scenario>;
  /** A scenario whose backend never answers: the plugin must give up when the signal aborts. Left out: no abort test. */
  hang?: Lazy<Scenario>;
  /**
   * A secret value present in the backend data (a token, a secret access
   * key). It must never appear in any error message, hint or debug line.
   * Left out, the "no secrets anywhere" test checks registered secrets only.
   */
  canary?: string;
  /** Packages the module may load at import time besides @cred-launch/core and itself. @default [] */
  allowImports?: readonly string[];
  /** Directory given to the plugin as `context.cwd`. @default process.cwd() */
  cwd?: string;
  /** Directory given to the plugin as `context.homedir`. @default os.homedir() */
  homedir?: string;
  /** How long after the start of the `hang` scenario the signal is aborted, in ms. @default 200 */
  abortAfterMs?: number;
  /** How long the plugin may take to give up after the abort, in ms. @default 2000 */
  abortGraceMs?: number;
}

/** The plugin's package.json: the parsed object, or a path / file URL to it. */
export type PackageJsonInput = Readonly<Record<string, unknown>> | string | URL;

/** Options for a plugin published as a package: what every plugin passes. */
export interface PackagedPluginOptions extends ScenarioOptions {
  /** A published plugin is a package. @default true */
  packaged?: true;
  /**
   * The plugin's package.json (the parsed object, or a path / file URL to
   * it): its `cred-launch` metadata and package name are checked.
   */
  packageJson: PackageJsonInput;
  /**
   * The plugin's built module, as the launcher imports it (e.g.
   * `new URL('../dist/index.js', import.meta.url)`): importing it must load
   * no package but core and the plugin itself, and print nothing (SDKs are
   * imported lazily inside getCredentials).
   */
  entry: string | URL;
}

/**
 * Options for a source that is not a package of its own (an in-memory
 * object in a unit test). Its package-level tests run only for what is given.
 */
export interface UnpackagedSourceOptions extends ScenarioOptions {
  /** Says the source has no package.json and no built module of its own. */
  packaged: false;
  /** When given, the package.json metadata test runs. */
  packageJson?: PackageJsonInput;
  /** When given, the import test runs. */
  entry?: string | URL;
}

/**
 * Everything the suite needs to exercise a plugin. A plugin passes
 * {@link PackagedPluginOptions} (`packageJson` and `entry` required);
 * `packaged: false` is for sources that are not packages.
 */
export type SourceTestSuiteOptions = PackagedPluginOptions | UnpackagedSourceOptions;

/** Settings for the suite itself (not evaluated lazily). */
export interface SourceTestSuiteSettings {
  /** Prefix of every test name. @default 'cred-launch conformance' */
  prefix?: string;
  /** Timeout passed to `test` for each test, in ms. @default 15000 */
  timeout?: number;
}

/** The source under test, with any argument type. */
export type AnySource = CredentialSource<any>;

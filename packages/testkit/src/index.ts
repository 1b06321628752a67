/**
 * @cred-launch/testkit — the conformance suite every cred-launch plugin runs
 * (with any test runner: it takes the `test` function), and helpers to run
 * the `cred-launch` bin end to end against a temporary AWS config.
 */
export { sourceTestSuite } from './suite.js';
export type {
  TestFunction,
  Scenario,
  ValidScenario,
  ValidExpectation,
  SourceTestSuiteOptions,
  ScenarioOptions,
  PackagedPluginOptions,
  UnpackagedSourceOptions,
  PackageJsonInput,
  Lazy,
  SourceTestSuiteSettings,
  AnySource,
} from './types.js';
export type { ExitCodeScenarios } from './types.js';
export { RESERVED_NAMES, PLUGIN_NAME_PATTERN, packageNamesFor } from './shape-checks.js';
export { runScenario, type ScenarioRun, type RunScenarioOptions } from './scenario.js';
export { watchProcessIo, ProcessExitAttempt, type ProcessTouch, type ProcessWatch } from './process-guard.js';
export { callWatchingIo, type WatchedCall } from './io-detector.js';
export { inspectImport, type ImportReport } from './import-check.js';
export { resolveLauncherBin, type LauncherBinOptions } from './launcher-bin.js';
export { runCredLaunch, credLaunchCommand, type RunCredLaunchOptions, type RunCredLaunchResult } from './spawn.js';
export { writeAwsConfig, withAwsProfile, quoteArgument, formatCredentialProcess, type AwsConfig, type AwsConfigOptions } from './aws-config.js';

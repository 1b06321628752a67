import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CONTRACT_VERSION, describeShapeProblem, PLUGIN_NAME_PATTERN, pluginPackageCandidates, RESERVED_COMMAND_WORDS } from '@cred-launch/core';
import type { AnySource } from './types.js';

/** Command words the launcher keeps for itself; no plugin may take these names (core's list). */
export const RESERVED_NAMES: readonly string[] = RESERVED_COMMAND_WORDS;

/**
 * A plugin name as users type it: `vault`, or `@acme/foo` for a scoped
 * third-party plugin. Core's pattern, the one the launcher resolves with.
 */
export { PLUGIN_NAME_PATTERN };

// An environment variable name, as cacheEnv lists them.
const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/u;

function assertOneLine(value: unknown, what: string): void {
  assert.equal(typeof value, 'string', `${what} must be a string`);
  assert.ok((value as string).trim() !== '', `${what} must not be empty`);
  assert.ok(!(value as string).trim().includes('\n'), `${what} must be one line`);
}

/** The contract's shape, the contract version, the name rules and the commands. */
export function assertSourceShape(source: AnySource): void {
  assert.equal(describeShapeProblem(source), undefined, `the default export does not implement CredentialSource: ${describeShapeProblem(source) ?? ''}`);
  assert.equal(
    source.contractVersion,
    CONTRACT_VERSION,
    `contractVersion is ${String(source.contractVersion)} but this testkit's @cred-launch/core implements contract ${CONTRACT_VERSION}`,
  );
  assert.match(source.name, PLUGIN_NAME_PATTERN, `name "${source.name}" must be a lower-case npm-style name (letters, digits, . _ -), optionally @scope/`);
  assert.ok(!source.name.includes('..'), `name "${source.name}" must not contain ".."`);
  assert.ok(!RESERVED_NAMES.includes(source.name), `name "${source.name}" is a reserved cred-launch command word`);
  assertOneLine(source.description, 'description');
  assert.ok(source.usage.trim() !== '', 'usage must not be empty');
  for (const [command, definition] of Object.entries(source.commands ?? {})) {
    assert.match(command, /^[a-z][a-z0-9-]*$/u, `command "${command}" must be lower-case letters, digits and dashes`);
    assert.ok(typeof definition === 'object' && definition !== null, `command "${command}" must be an object`);
    assertOneLine(definition.description, `command "${command}" description`);
    assert.ok(typeof definition.usage === 'string' && definition.usage.trim() !== '', `command "${command}" must have a usage string`);
    assert.equal(typeof definition.parseArgs, 'function', `command "${command}" must have a parseArgs function`);
    assert.equal(typeof definition.run, 'function', `command "${command}" must have a run function`);
  }
}

/** The package names a plugin called `name` may be published under. */
export function packageNamesFor(name: string): string[] {
  // Core's rule, the launcher's; a name it refuses resolves to no package at all.
  try {
    return pluginPackageCandidates(name);
  } catch {
    return [];
  }
}

/** Loads package.json given as an object, a path or a file URL. */
export function loadPackageJson(value: Readonly<Record<string, unknown>> | string | URL): Readonly<Record<string, unknown>> {
  if (typeof value === 'object' && !(value instanceof URL)) return value;
  const path = value instanceof URL ? fileURLToPath(value) : value;
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
}

/**
 * The package.json `cred-launch` metadata the launcher reads without
 * importing the plugin (on a cache hit), and the naming rule that lets
 * `cred-launch <name>` find the package.
 */
export function assertPackageMetadata(pkg: Readonly<Record<string, unknown>>, source: AnySource): void {
  const meta = pkg['cred-launch'] as Record<string, unknown> | undefined;
  assert.ok(typeof meta === 'object' && meta !== null, 'package.json has no "cred-launch" object ({ "contract": 1, "name": …, "cacheEnv": […] })');
  assert.equal(meta.contract, source.contractVersion, 'package.json "cred-launch".contract must equal the source\'s contractVersion');
  assert.equal(meta.name, source.name, 'package.json "cred-launch".name must equal the source\'s name');
  assert.ok(Array.isArray(meta.cacheEnv), 'package.json "cred-launch".cacheEnv must be an array of environment variable names (may be empty)');
  for (const entry of meta.cacheEnv as unknown[]) {
    assert.ok(typeof entry === 'string' && ENV_NAME_PATTERN.test(entry), `cacheEnv entry ${JSON.stringify(entry)} is not an environment variable name`);
  }
  const allowed = packageNamesFor(source.name);
  assert.ok(
    typeof pkg.name === 'string' && allowed.includes(pkg.name),
    `package name ${JSON.stringify(pkg.name)} does not resolve as "cred-launch ${source.name}": publish it as ${allowed.join(' or ')}`,
  );
  assert.equal(pkg.type, 'module', 'package.json "type" must be "module" (plugins are ES modules)');
}

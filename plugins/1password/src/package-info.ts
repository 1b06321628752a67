import { readFile } from 'node:fs/promises';

/** The integration name and version 1Password shows in its activity log for this plugin. */
export interface IntegrationInfo {
  readonly integrationName: string;
  readonly integrationVersion: string;
}

/**
 * The SDK refuses (with "invalid user input") an integration name longer than
 * 40 characters or holding characters such as `@`, `/`, `(`, `:`, and a
 * version holding `+`, so the package name and version are made to fit:
 * `@cred-launch/plugin-1password` → `cred-launch plugin-1password`.
 */
export function integrationInfoFrom(pkg: { name?: unknown; version?: unknown }): IntegrationInfo {
  const name = typeof pkg.name === 'string' ? pkg.name : 'cred-launch plugin-1password';
  const version = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  return {
    integrationName: name
      .replace(/^@/u, '')
      .replace(/[^A-Za-z0-9 ._-]+/gu, ' ')
      .trim()
      .slice(0, 40)
      .trim(),
    integrationVersion: version.replace(/[^A-Za-z0-9._-]+/gu, '-').slice(0, 40),
  };
}

/**
 * Reads the plugin's own package.json (one directory above `src/` and
 * `dist/` alike) at run time, so the integration version always matches the
 * installed package without a build step writing it in.
 */
export async function readIntegrationInfo(): Promise<IntegrationInfo> {
  const text = await readFile(new URL('../package.json', import.meta.url), 'utf8');
  return integrationInfoFrom(JSON.parse(text) as { name?: unknown; version?: unknown });
}

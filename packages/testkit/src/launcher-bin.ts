import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** How to find the `cred-launch` bin. */
export interface LauncherBinOptions {
  /** An explicit path to the bin (e.g. `node_modules/cred-launch/bin/cred-launch.js`). Wins over everything. */
  launcherBin?: string;
  /**
   * Where to resolve the `cred-launch` package from: a directory, a file or a
   * file URL (e.g. your test's `import.meta.url`). @default process.cwd()
   */
  from?: string | URL;
}

function startDir(from: string | URL | undefined): string {
  if (from === undefined) return process.cwd();
  const path = from instanceof URL || from.startsWith('file:') ? fileURLToPath(from) : resolve(from);
  return existsSync(path) && statSync(path).isDirectory() ? path : dirname(path);
}

// Walks node_modules folders upwards like Node does, but ignores NODE_PATH
// (package-manager shims set it): the launcher found must be the one a user
// would run from this place, not one leaking in from the test runner.
function findPackageJson(dir: string): string | undefined {
  let current = dir;
  for (;;) {
    const candidate = join(current, 'node_modules', 'cred-launch', 'package.json');
    if (existsSync(candidate)) return realpathSync(candidate);
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

/**
 * The absolute path of the `cred-launch` bin: `launcherBin` when given, else
 * the `bin` of the `cred-launch` package resolved from `from` — the same
 * copy a user would run after `npm i -g cred-launch <your plugin>`.
 */
export function resolveLauncherBin(options: LauncherBinOptions = {}): string {
  if (options.launcherBin !== undefined) return resolve(options.launcherBin);
  const from = startDir(options.from);
  const packageJsonPath = findPackageJson(from);
  if (packageJsonPath === undefined) {
    throw new Error(`cred-launch testkit: cannot find the "cred-launch" package from ${from}; add it as a devDependency or pass launcherBin`);
  }
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.['cred-launch'];
  if (bin === undefined) throw new Error(`cred-launch testkit: ${packageJsonPath} declares no "cred-launch" bin`);
  return resolve(dirname(packageJsonPath), bin);
}

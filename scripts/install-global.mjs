#!/usr/bin/env node
// `pnpm install-global [--prefix DIR] <plugin…>`: installs cred-launch from
// this clone into npm's global prefix, the way `npm install --global
// cred-launch @cred-launch/plugin-…` will once the packages are published:
// the launcher, @cred-launch/core (which the plugins need) and only the
// plugins named. Each package is packed with `pnpm pack` (workspace ranges
// become versions) and the tarballs are installed together, so npm finds
// @cred-launch/core among them instead of asking the registry for it.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Every publishable package of the clone that users can name: plugin name (or package name) → directory. */
function installable() {
  const byName = new Map();
  for (const parent of ['plugins', 'packages']) {
    for (const entry of readdirSync(join(repo, parent))) {
      const file = join(repo, parent, entry, 'package.json');
      if (!existsSync(file)) continue;
      const pkg = JSON.parse(readFileSync(file, 'utf8'));
      if (pkg.private) continue;
      const dir = join(repo, parent, entry);
      byName.set(pkg.name, dir);
      if (pkg['cred-launch']?.name) byName.set(pkg['cred-launch'].name, dir);
    }
  }
  byName.set('sts', join(repo, 'packages', 'sts'));
  return byName;
}

function usage(byName, problem) {
  const plugins = [...byName.keys()].filter((name) => !name.startsWith('@') && name !== 'cred-launch').sort();
  console.error(`${problem ? `install-global: ${problem}\n` : ''}Usage: pnpm install-global [--prefix <dir>] <plugin…>
  names:   ${plugins.join(', ')}
  e.g.     pnpm install-global file vault
Installs the launcher, @cred-launch/core and the plugins named into npm's global prefix
(or <dir>), from this clone. Run 'npm run setup' first.`);
  process.exit(problem ? 64 : 0);
}

const byName = installable();
const argv = process.argv.slice(2);
let prefix;
const wanted = [];
for (let i = 0; i < argv.length; i += 1) {
  if (argv[i] === '--prefix') prefix = argv[++i];
  else if (argv[i] === '--help' || argv[i] === '-h') usage(byName);
  else wanted.push(argv[i]);
}
if (argv.includes('--prefix') && !prefix) usage(byName, '--prefix needs a directory');
const unknown = wanted.filter((name) => !byName.has(name));
if (unknown.length > 0) usage(byName, `unknown plugin ${unknown.map((name) => `"${name}"`).join(', ')}`);
const dirs = [join(repo, 'packages', 'core'), join(repo, 'packages', 'launcher'), ...new Set(wanted.map((name) => byName.get(name)))];
for (const dir of dirs) {
  if (!existsSync(join(dir, 'dist'))) {
    console.error(`install-global: ${dir} is not built; run 'npm run setup' (or 'pnpm build') first`);
    process.exit(78);
  }
}

const work = mkdtempSync(join(tmpdir(), 'cred-launch-install-'));
try {
  const tarballs = dirs.map((dir) => execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop().trim());
  const prefixArgs = prefix ? ['--prefix', prefix] : [];
  execFileSync('npm', ['install', '--global', ...prefixArgs, '--no-audit', '--no-fund', '--loglevel=error', ...tarballs], { stdio: ['ignore', 'inherit', 'inherit'] });
  const root = prefix ?? execFileSync('npm', ['prefix', '--global'], { encoding: 'utf8' }).trim();
  const bin = process.platform === 'win32' ? join(root, 'cred-launch.cmd') : join(root, 'bin', 'cred-launch');
  console.log(`installed: ${dirs.map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name).join(', ')}`);
  console.log(`cred-launch is ${bin}; use that absolute path in credential_process lines (or let 'cred-launch configure' write them)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

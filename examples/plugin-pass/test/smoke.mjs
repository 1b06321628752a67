#!/usr/bin/env node
// Smoke test of an installed cred-launch + cred-launch-plugin-pass, for
// release checks that install packed tarballs into an empty prefix:
//
//   node smoke.mjs --launcher <prefix>/bin/cred-launch [--plugin pass]
//
// Plain JavaScript with no dependencies, so it runs anywhere Node 20 does. It
// uses the fake pass next to it (plain-text store, no gpg) and a temp cache.
// Exits 0 when every check passes; otherwise prints what failed and exits 1.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { launcher: { type: 'string' }, plugin: { type: 'string', default: 'pass' } } });
if (!values.launcher) {
  process.stderr.write('usage: node smoke.mjs --launcher <path to the cred-launch bin> [--plugin pass|<path>]\n');
  process.exit(64);
}
const fakePass = fileURLToPath(new URL('./fixtures/fake-pass.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'cred-launch-pass-smoke-'));
const store = join(work, 'store');
mkdirSync(join(store, 'aws'), { recursive: true });
writeFileSync(join(store, 'aws', 'dev.gpg'), 'smokeSecretKey00000000000000000000000001\naws_access_key_id: AKIASMOKE00000000001\n');
const env = { ...process.env, PASSWORD_STORE_DIR: store, CRED_LAUNCH_CACHE_DIR: join(work, 'cache') };
// A .js bin (the workspace's) runs through node; an installed bin runs directly.
const launch = (args) => {
  const [command, prefix] = values.launcher.endsWith('.js') ? [process.execPath, [values.launcher]] : [values.launcher, []];
  return spawnSync(command, [...prefix, ...args], { env, encoding: 'utf8', timeout: 30_000 });
};

const failures = [];
const check = (label, ok, detail) => {
  process.stdout.write(`${ok ? 'ok  ' : 'FAIL'} ${label}\n`);
  if (!ok) failures.push(`${label}: ${detail}`);
};

const good = launch([values.plugin, '--pass-bin', fakePass, 'aws/dev']);
let document;
try {
  document = JSON.parse(good.stdout);
} catch {
  document = undefined;
}
check(
  'prints credential_process JSON',
  good.status === 0 && document?.Version === 1 && document?.AccessKeyId === 'AKIASMOKE00000000001',
  `exit ${good.status}, stderr ${good.stderr.trim()}`,
);
check('prints nothing on stderr', good.stderr === '', good.stderr.trim());

const missing = launch([values.plugin, '--pass-bin', fakePass, 'aws/missing']);
check('exits 66 for a missing entry, stdout empty', missing.status === 66 && missing.stdout === '', `exit ${missing.status}`);
check('never shows the secret', !`${missing.stderr}${good.stderr}`.includes('smokeSecretKey'), 'secret on stderr');

const usage = launch([values.plugin, '--help']);
check('shows the plugin usage', usage.status === 0 && /cred-launch pass \[options\] <entry>/.test(usage.stdout + usage.stderr), `exit ${usage.status}`);

if (values.plugin === 'pass') {
  const listed = launch(['plugins']);
  check('is listed by cred-launch plugins', listed.status === 0 && /^pass\s/m.test(listed.stdout), listed.stdout.trim());
}

rmSync(work, { recursive: true, force: true });
if (failures.length > 0) {
  process.stderr.write(`${failures.join('\n')}\n`);
  process.exit(1);
}

#!/usr/bin/env node
// `pnpm bench:guard`: a regression guard for CI, not a timed test. Counts the
// instructions of a cache hit and of `node -e 0` under valgrind (median of 3
// runs each, without NODE_EXTRA_CA_CERTS and without V8's random hash-seed
// search, see countInstructions) and fails when the hit costs more than
// HIT_RATIO_LIMIT times the baseline. Instruction counts do not move with
// machine load, so the margin only has to cover run-to-run spread (~0.5M of
// ~78M) and Node patch releases: measured 1.15x on Node 20.20 with the code
// cache, 1.28x without it, 1.5x before the CommonJS fast path. Without
// valgrind it says so and exits 0.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countInstructions } from './measure.mjs';

/** Generous on purpose: this catches a hit that starts loading the launcher's module graph again or loses its code cache, not noise. */
const HIT_RATIO_LIMIT = 1.3;

if (spawnSync('valgrind', ['--version']).error) {
  console.log('bench:guard skipped: valgrind is not installed');
  process.exit(0);
}
const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(repo, 'packages', 'launcher', 'bin', 'cred-launch.js');
const fixture = join(repo, 'packages', 'launcher', 'test', 'fixtures', 'plugins', 'good.mjs');
const work = mkdtempSync(join(tmpdir(), 'cred-launch-guard-'));
try {
  const env = { CRED_LAUNCH_CACHE_DIR: join(work, 'cache') };
  const hitArgs = [bin, fixture, 'ASIAGUARD', '--expires-in', '3600'];
  const fill = spawnSync(process.execPath, hitArgs, { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (fill.status !== 0) throw new Error(`filling the cache failed: ${fill.stderr}`);
  const unset = ['NODE_EXTRA_CA_CERTS'];
  const baseline = countInstructions({ name: 'node -e 0', command: process.execPath, args: ['-e', '0'] }, { unset });
  const hit = countInstructions({ name: 'cache hit', command: process.execPath, args: hitArgs, env }, { unset });
  if (baseline === undefined || hit === undefined) throw new Error('valgrind printed no count');
  const ratio = hit / baseline;
  const line = `cache hit: ${(hit / 1e6).toFixed(1)}M instructions, ${ratio.toFixed(3)}x node -e 0 (${(baseline / 1e6).toFixed(1)}M); limit ${HIT_RATIO_LIMIT}x`;
  if (ratio > HIT_RATIO_LIMIT) {
    console.error(`bench:guard FAILED: ${line}\n  a cache hit must load only dist/fast-path.cjs (see packages/launcher/README.md, start-up measurements)`);
    process.exitCode = 1;
  } else {
    console.log(`bench:guard ok: ${line}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

#!/usr/bin/env node
// `pnpm --filter @cred-launch/bench count -- [NAME=value …] <cred-launch args…>`:
// one scenario's instruction count beside `node -e 0`'s, both without
// NODE_EXTRA_CA_CERTS and without V8's random hash-seed search (see
// countInstructions), for quick before/after comparisons while working on
// start-up. `--node <script> …` counts `node <script> …` instead of the bin.
//   COUNT_RUNS=5 (default 3) runs per command, median.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countInstructions } from './measure.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(repo, 'packages', 'launcher', 'bin', 'cred-launch.js');
const words = process.argv.slice(2).filter((word, index) => !(index === 0 && word === '--'));
const env = {};
while (words.length > 0 && /^[A-Z_][A-Z0-9_]*=/u.test(words[0])) {
  const [name, ...value] = words.shift().split('=');
  env[name] = value.join('=');
}
if (words.length === 0) {
  console.error('usage: count [NAME=value …] <cred-launch args…> | count [NAME=value …] --node <script> [args…]');
  process.exit(64);
}
const args = words[0] === '--node' ? words.slice(1) : [bin, ...words];
const repeats = Number(process.env.COUNT_RUNS ?? 3);
const unset = ['NODE_EXTRA_CA_CERTS'];
const baseline = countInstructions({ name: 'node -e 0', command: process.execPath, args: ['-e', '0'] }, { unset, repeats });
const scenario = countInstructions({ name: args.join(' '), command: process.execPath, args, env }, { unset, repeats });
if (baseline === undefined || scenario === undefined) {
  console.error('count: valgrind is not installed');
  process.exit(69);
}
console.log(`node -e 0: ${(baseline / 1e6).toFixed(2)}M\n${args.join(' ')}: ${(scenario / 1e6).toFixed(2)}M  ratio ${(scenario / baseline).toFixed(3)}x`);

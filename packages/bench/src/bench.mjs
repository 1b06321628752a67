#!/usr/bin/env node
// `pnpm bench`: whole-process start-up of cred-launch, each scenario side by
// side with `node -e 0` in the same run, reported as medians and ratios.
// Absolute numbers depend on the machine (NODE_EXTRA_CA_CERTS alone adds
// ~75 ms to every Node 20 start here); the ratios are what we track.
//   BENCH_RUNS=30 pnpm bench            more runs
//   pnpm bench -- --update-readme       also write the table into README.md
//   pnpm bench -- --no-instructions     skip the valgrind instruction counts
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countInstructions, formatInstructionTable, formatTable, measure } from './measure.mjs';
import { serverScenarios } from './server-scenarios.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(repo, 'packages', 'launcher', 'bin', 'cred-launch.js');
const node = process.execPath;
const work = mkdtempSync(join(tmpdir(), 'cred-launch-bench-'));
const runs = Number(process.env.BENCH_RUNS ?? 20);

/** Runs cred-launch once, failing loudly: set-up must not be silently broken. */
function credLaunch(args, env = {}) {
  const result = spawnSync(node, [bin, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cred-launch ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

const cleanups = [];
try {
  const plaintext = join(work, 'credentials');
  writeFileSync(plaintext, '[default]\naws_access_key_id = AKIABENCHMARK0000001\naws_secret_access_key = benchmarkSecretKey0000000000000000000000\n', { mode: 0o600 });
  const opensslFile = join(work, 'creds.enc');
  const opensslKey = join(work, 'openssl.key');
  credLaunch(['file', 'encrypt', plaintext, '--out', opensslFile, '--key-file', opensslKey, '--generate-key']);
  const ageFile = join(work, 'creds.age');
  const ageKey = join(work, 'age.key');
  credLaunch(['file', 'encrypt', plaintext, '--format', 'age', '--out', ageFile, '--key-file', ageKey, '--generate-key']);

  const cacheEnv = { CRED_LAUNCH_CACHE_DIR: join(work, 'cache') };
  const hitArgs = ['--cache-ttl', '1h', 'file', opensslFile, '--key-file', opensslKey];
  credLaunch(hitArgs, cacheEnv); // fills the cache entry the hit scenario reads

  const scenarios = [
    { name: 'node -e 0', command: node, args: ['-e', '0'] },
    { name: 'cred-launch --version', command: node, args: [bin, '--version'] },
    { name: 'cache hit (file plugin entry)', command: node, args: [bin, ...hitArgs], env: cacheEnv, expectJson: true },
    { name: 'file, OpenSSL format, cold (--no-cache)', command: node, args: [bin, '--no-cache', 'file', opensslFile, '--key-file', opensslKey], expectJson: true },
    { name: 'file, age format, cold (--no-cache)', command: node, args: [bin, '--no-cache', 'file', ageFile, '--key-file', ageKey], expectJson: true },
  ];
  const servers = await serverScenarios({ node, bin, work, repo });
  cleanups.push(servers.close);
  scenarios.push(...servers.scenarios);

  console.error(`cred-launch bench: ${scenarios.length} scenarios × ${runs} runs, round-robin, on ${cpus().length} cores, Node ${process.version}`);
  const results = measure(scenarios, { runs, warmup: 3 });
  const table = formatTable(results, 'node -e 0', { 'cache hit (file plugin entry)': 1.2, 'file, OpenSSL format, cold (--no-cache)': 1.5 });
  // Wall time on a shared 2-core machine is noisy; instruction counts are not.
  let instructionReport = '';
  if (!process.argv.includes('--no-instructions')) {
    const counts = [];
    for (const scenario of scenarios) {
      const instructions = countInstructions(scenario);
      if (instructions === undefined) break;
      counts.push({ name: scenario.name, instructions });
    }
    instructionReport = counts.length === scenarios.length
      ? `\n\nInstructions executed per run (valgrind callgrind; exact and independent of machine load):\n\n${formatInstructionTable(counts, 'node -e 0')}`
      : '\n\n(valgrind not installed: instruction counts skipped)';
  }
  const notes = servers.skipped.map((line) => `- ${line}`).join('\n');
  const report = `Wall time (median of whole-process runs, round-robin):\n\n${table}${instructionReport}\n\nMeasured ${new Date().toISOString().slice(0, 10)} with \`pnpm bench\` (${runs} runs each, medians of whole-process wall time, Node ${process.version}, ${cpus().length} cores${process.env.NODE_EXTRA_CA_CERTS ? ', NODE_EXTRA_CA_CERTS set' : ''}).${notes ? `\n\n${notes}` : ''}`;
  console.log(report);
  if (process.argv.includes('--update-readme')) {
    const readmePath = join(repo, 'README.md');
    const readme = readFileSync(readmePath, 'utf8');
    const updated = readme.replace(/<!-- bench:start -->[\s\S]*<!-- bench:end -->/u, `<!-- bench:start -->\n${report}\n<!-- bench:end -->`);
    if (updated === readme) throw new Error('README.md has no <!-- bench:start --> / <!-- bench:end --> markers');
    writeFileSync(readmePath, updated);
    console.error('README.md updated');
  }
} finally {
  for (const cleanup of cleanups) await cleanup();
  rmSync(work, { recursive: true, force: true });
}

#!/usr/bin/env node
// `pnpm bench`: whole-process start-up of cred-launch, each scenario side by
// side with `node -e 0` in the same run, reported as medians and ratios.
// Measured twice: without NODE_EXTRA_CA_CERTS (a user's laptop; the headline
// and the targets: that variable alone adds ~75 ms to every Node 20 start,
// which hid cred-launch's own cost), then with the variable as this machine
// sets it, when it does.
//   BENCH_RUNS=30 pnpm bench            more runs
//   BENCH_INSTRUCTION_RUNS=5 pnpm bench valgrind runs per scenario (median)
//   pnpm bench -- --update-readme       also write the tables into README.md
//   pnpm bench -- --no-instructions     skip the valgrind instruction counts
//   pnpm bench -- --instructions-both   count instructions in both environments
// Cold scenarios run with a warm code cache (Node 20: the launcher's own, in
// the bench's cache directory), filled by the warm-up runs; one scenario
// measures the first call, with the code cache emptied before every run.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { countInstructions, formatInstructionTable, formatTable, measure, peakRssKib } from './measure.mjs';
import { serverScenarios } from './server-scenarios.mjs';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(repo, 'packages', 'launcher', 'bin', 'cred-launch.js');
const node = process.execPath;
const work = mkdtempSync(join(tmpdir(), 'cred-launch-bench-'));
const runs = Number(process.env.BENCH_RUNS ?? 20);
const instructionRuns = Number(process.env.BENCH_INSTRUCTION_RUNS ?? 3);

// Targets (issue 16), as ratios to `node -e 0` without NODE_EXTRA_CA_CERTS:
// instructions, except the OpenSSL file's cold path, whose PBKDF2 runs on the
// CPU's SHA extensions, which valgrind hides, so it is judged by wall time.
const HIT = 'cache hit (file plugin entry)';
const instructionTargets = {
  'cred-launch --version': 1.1,
  [HIT]: 1.15,
  'file, age format, cold (--no-cache)': 2.5,
  'vault, KV v2, cold (--no-cache)': 1.8,
  'secrets-manager, cold (--no-cache)': 3.0,
};
const wallTargets = { 'file, OpenSSL format, cold (--no-cache)': 1.5 };

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
  // The same hit in directories holding 100 and 10 000 entries: a hit opens
  // its own entry by name and must not slow down with the directory's size.
  const [entry] = readdirSync(cacheEnv.CRED_LAUNCH_CACHE_DIR).filter((name) => name.endsWith('.json'));
  const crowdedEnv = (count) => {
    const dir = join(work, `cache-${count}`);
    mkdirSync(dir, { mode: 0o700 });
    copyFileSync(join(cacheEnv.CRED_LAUNCH_CACHE_DIR, entry), join(dir, entry));
    for (let i = 1; i < count; i += 1) copyFileSync(join(cacheEnv.CRED_LAUNCH_CACHE_DIR, entry), join(dir, `${i.toString(16).padStart(64, '0')}.json`));
    return { CRED_LAUNCH_CACHE_DIR: dir };
  };

  const scenarios = [
    { name: 'node -e 0', command: node, args: ['-e', '0'] },
    { name: 'cred-launch --version', command: node, args: [bin, '--version'] },
    { name: HIT, command: node, args: [bin, ...hitArgs], env: cacheEnv, expectJson: true },
    { name: 'cache hit, 100 entries in the directory', command: node, args: [bin, ...hitArgs], env: crowdedEnv(100), expectJson: true },
    { name: 'cache hit, 10 000 entries in the directory', command: node, args: [bin, ...hitArgs], env: crowdedEnv(10_000), expectJson: true },
    { name: 'file, OpenSSL format, cold (--no-cache)', command: node, args: [bin, '--no-cache', 'file', opensslFile, '--key-file', opensslKey], expectJson: true },
    // The floor under the OpenSSL target: Node, node:crypto and the same
    // PBKDF2 (10 000 iterations of SHA-256, 48 bytes) with no cred-launch at
    // all. Whatever cred-launch adds is the OpenSSL row minus this one.
    {
      name: 'reference: node + node:crypto + the same PBKDF2, no cred-launch',
      command: node,
      args: ['-e', "require('node:crypto').pbkdf2Sync('key', Buffer.alloc(8), 10000, 48, 'sha256')"],
    },
    { name: 'file, age format, cold (--no-cache)', command: node, args: [bin, '--no-cache', 'file', ageFile, '--key-file', ageKey], expectJson: true },
  ];
  const servers = await serverScenarios({ node, bin, work, repo });
  cleanups.push(servers.close);
  scenarios.push(...servers.scenarios);

  // On Node 20 a cold call keeps V8's code cache of the modules it loads in
  // <cache dir>/code/ (packages/launcher/README.md). Every cold scenario gets
  // a cache directory of the bench's own; the warm-up runs fill its code
  // cache, so the figures are those of every call after the first. The first
  // call itself (empty code cache: it compiles everything and writes the
  // cache at exit) is measured apart, on the vault scenario.
  const coldCacheDir = join(work, 'cache-cold');
  for (const scenario of scenarios) {
    if (scenario.args.includes('--no-cache')) scenario.env = { CRED_LAUNCH_CACHE_DIR: coldCacheDir, ...scenario.env };
  }
  const vaultCold = scenarios.find((scenario) => scenario.name === 'vault, KV v2, cold (--no-cache)');
  if (vaultCold) {
    const firstCallDir = join(work, 'cache-first-call');
    scenarios.push({
      ...vaultCold,
      name: 'vault, KV v2, cold, first call (empty code cache)',
      env: { ...vaultCold.env, CRED_LAUNCH_CACHE_DIR: firstCallDir },
      beforeEachRun: () => rmSync(firstCallDir, { recursive: true, force: true }),
    });
  }

  scenarios.push({
    name: '1password: import the SDK + createClient (fake token, no network)',
    command: node,
    args: [join(repo, 'packages', 'bench', 'src', 'onepassword-load.mjs'), repo],
  });

  const machineCa = process.env.NODE_EXTRA_CA_CERTS;
  const environments = [
    { title: "Without `NODE_EXTRA_CA_CERTS` (as on a user's laptop; the targets apply here)", unset: ['NODE_EXTRA_CA_CERTS'] },
    ...(machineCa ? [{ title: `With \`NODE_EXTRA_CA_CERTS\` as this machine sets it (${machineCa})`, unset: [] }] : []),
  ];
  console.error(
    `cred-launch bench: ${scenarios.length} scenarios × ${runs} runs, round-robin, ${environments.length} environment(s), on ${cpus().length} cores, Node ${process.version}`,
  );
  const sections = [];
  for (const [index, environment] of environments.entries()) {
    const { unset } = environment;
    const results = measure(scenarios, { runs, warmup: 3, unset });
    const peakRss = new Map(scenarios.map((scenario) => [scenario.name, peakRssKib(scenario, { unset })]));
    const targets = index === 0 ? wallTargets : {};
    let section = `### ${environment.title}\n\nWall time (median of whole-process runs, round-robin) and peak RSS (median of 3 runs under \`/usr/bin/time -f %M\`):\n\n${formatTable(results, 'node -e 0', targets, peakRss)}`;
    // Wall time on a shared 2-core machine is noisy; instruction counts are
    // not. Counted for the headline environment only (under valgrind the cold
    // scenarios take minutes); --instructions-both counts the other too.
    if (!process.argv.includes('--no-instructions') && (index === 0 || process.argv.includes('--instructions-both'))) {
      const counts = [];
      for (const scenario of scenarios) {
        const instructions = countInstructions(scenario, { unset, repeats: instructionRuns });
        if (instructions === undefined) break;
        counts.push({ name: scenario.name, instructions });
      }
      section +=
        counts.length === scenarios.length
          ? `\n\nInstructions executed per run (valgrind callgrind, median of ${instructionRuns} runs; independent of machine load):\n\n${formatInstructionTable(counts, 'node -e 0', index === 0 ? instructionTargets : {})}`
          : '\n\n(valgrind not installed: instruction counts skipped)';
    }
    sections.push(section);
  }
  const notes = servers.skipped.map((line) => `- ${line}`).join('\n');
  const report = `${sections.join('\n\n')}\n\nMeasured ${new Date().toISOString().slice(0, 10)} with \`pnpm bench\` (${runs} runs each, Node ${process.version}, ${cpus().length} cores${machineCa ? '' : '; this machine does not set NODE_EXTRA_CA_CERTS'}).${notes ? `\n\n${notes}` : ''}`;
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

// Spawns commands round-robin (so background load hits every scenario alike)
// and reports the median wall time of each. Each run is checked: a scenario
// that fails or prints something other than credential JSON aborts the bench.
// Every function takes the environment to run in (see environmentFor), so one
// bench run can measure with and without the machine's NODE_EXTRA_CA_CERTS.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * @typedef {{ name: string, command: string, args: string[], env?: Record<string, string>, expectJson?: boolean, beforeEachRun?: () => void }} Scenario
 *   beforeEachRun: called before every run of the scenario, timed or counted or
 *   not (e.g. to empty the launcher's code cache for a first-call figure).
 * @typedef {{ name: string, medianMs: number, p10Ms: number, p90Ms: number, runs: number }} Measurement
 */

/** @param {number[]} sorted @param {number} q */
function quantile(sorted, q) {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[index];
}

/**
 * The environment a scenario runs in: this process's, without the variables
 * in `unset`, plus the scenario's own.
 * @param {Scenario} scenario
 * @param {readonly string[]} unset
 * @returns {Record<string, string | undefined>}
 */
export function environmentFor(scenario, unset) {
  const env = { ...process.env };
  for (const name of unset) delete env[name];
  return { ...env, ...scenario.env };
}

/** @param {Scenario} scenario @param {readonly string[]} unset */
function runOnce(scenario, unset) {
  scenario.beforeEachRun?.();
  const started = process.hrtime.bigint();
  const result = spawnSync(scenario.command, scenario.args, { env: environmentFor(scenario, unset), encoding: 'utf8' });
  const elapsed = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`${scenario.name} exited ${result.status}: ${result.stderr.slice(0, 300)}`);
  if (scenario.expectJson) {
    const document = JSON.parse(result.stdout);
    if (document.Version !== 1 || !document.AccessKeyId) throw new Error(`${scenario.name} printed no credentials`);
  }
  return elapsed;
}

/**
 * @param {Scenario[]} scenarios
 * @param {{ runs: number, warmup: number, unset?: readonly string[] }} options
 *   unset: environment variables removed for every run. @default []
 * @returns {Measurement[]}
 */
export function measure(scenarios, { runs, warmup, unset = [] }) {
  for (let i = 0; i < warmup; i += 1) for (const scenario of scenarios) runOnce(scenario, unset);
  /** @type {Map<string, number[]>} */
  const times = new Map(scenarios.map((scenario) => [scenario.name, []]));
  for (let i = 0; i < runs; i += 1) {
    for (const scenario of scenarios) times.get(scenario.name)?.push(runOnce(scenario, unset));
  }
  return scenarios.map((scenario) => {
    const sorted = [...(times.get(scenario.name) ?? [])].sort((a, b) => a - b);
    return { name: scenario.name, medianMs: quantile(sorted, 0.5), p10Ms: quantile(sorted, 0.1), p90Ms: quantile(sorted, 0.9), runs: sorted.length };
  });
}

/** @param {number} ratio @param {number | undefined} target */
function verdict(ratio, target) {
  return target === undefined ? '' : `≤ ${target}x ${ratio <= target ? '✓' : '✗'}`;
}

/**
 * @param {Measurement[]} results
 * @param {string} baselineName
 * @param {Record<string, number>} targets wall-time ratio targets by scenario name
 * @param {Map<string, number | undefined>} [peakRss] peak RSS in KiB by scenario name
 */
export function formatTable(results, baselineName, targets, peakRss = new Map()) {
  const baseline = results.find((result) => result.name === baselineName);
  if (!baseline) throw new Error('no baseline');
  const lines = ['| scenario | median ms | p10–p90 ms | ratio to `node -e 0` | target (wall) | peak RSS MiB |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const result of results) {
    const ratio = result.medianMs / baseline.medianMs;
    const rss = peakRss.get(result.name);
    lines.push(
      `| ${result.name} | ${result.medianMs.toFixed(1)} | ${result.p10Ms.toFixed(0)}–${result.p90Ms.toFixed(0)} | ${ratio.toFixed(2)}x | ${verdict(ratio, targets[result.name])} | ${rss === undefined ? '' : (rss / 1024).toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}

/**
 * Peak resident set size of one run, in KiB, from GNU time (`/usr/bin/time
 * -f %M`), measured apart from the timed runs so the wrapper adds nothing to
 * them; the median of `repeats` runs. Undefined without /usr/bin/time.
 * @param {Scenario} scenario
 * @param {{ unset?: readonly string[], repeats?: number }} [options] @default { unset: [], repeats: 3 }
 * @returns {number | undefined}
 */
export function peakRssKib(scenario, { unset = [], repeats = 3 } = {}) {
  if (!existsSync('/usr/bin/time')) return undefined;
  const dir = mkdtempSync(join(tmpdir(), 'cred-launch-rss-'));
  try {
    const samples = [];
    for (let i = 0; i < repeats; i += 1) {
      const out = join(dir, `rss-${i}`);
      scenario.beforeEachRun?.();
      const result = spawnSync('/usr/bin/time', ['-f', '%M', '-o', out, scenario.command, ...scenario.args], { env: environmentFor(scenario, unset), encoding: 'utf8' });
      if (result.status !== 0) throw new Error(`${scenario.name} under /usr/bin/time exited ${result.status}: ${result.stderr.slice(-300)}`);
      samples.push(Number(readFileSync(out, 'utf8').trim().split('\n').pop()));
    }
    return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The instructions of V8's hash-seed set-up (HashSeed::InitializeRoots, a
 * Miller-Rabin prime search over random numbers) in a callgrind profile:
 * 4M to 12M at random on every Node 20 start, whatever the script. Callgrind
 * attributes it by name, so it can be taken out of every scenario alike.
 * @param {string} profile path of a callgrind output file
 * @returns {number}
 */
function hashSeedInstructions(profile) {
  const result = spawnSync('callgrind_annotate', ['--inclusive=yes', '--threshold=100', profile], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  if (result.status !== 0) throw new Error(`callgrind_annotate failed: ${result.stderr.slice(-300)}`);
  const line = result.stdout.split('\n').find((text) => text.includes('v8::internal::HashSeed::InitializeRoots'));
  return line ? Number(line.trim().split(/\s+/u)[0].replaceAll(',', '')) : 0;
}

/**
 * Instructions a run executes, counted by valgrind's callgrind: unaffected by
 * whatever else the machine is doing, unlike wall time (which other processes
 * inflate). Counted without V8's random hash-seed prime search (see
 * hashSeedInstructions), which alone moved single runs of `node -e 0` by
 * ±4M of ~85M; without it, runs of the same command agree within ~0.5M. The
 * same work is taken out of the baseline and of every scenario, so ratios
 * come out slightly higher (stricter) than with it. Median of `repeats` runs.
 * Undefined when valgrind is not installed.
 * @param {Scenario} scenario
 * @param {{ unset?: readonly string[], repeats?: number }} [options] @default { unset: [], repeats: 3 }
 * @returns {number | undefined}
 */
export function countInstructions(scenario, { unset = [], repeats = 3 } = {}) {
  const samples = [];
  const dir = mkdtempSync(join(tmpdir(), 'cred-launch-callgrind-'));
  try {
    for (let i = 0; i < repeats; i += 1) {
      const profile = join(dir, `run-${i}.out`);
      scenario.beforeEachRun?.();
      const result = spawnSync('valgrind', ['--tool=callgrind', `--callgrind-out-file=${profile}`, scenario.command, ...scenario.args], {
        // Under valgrind a run is ~50x slower: the launcher's 30 s limit is raised.
        env: { ...environmentFor(scenario, unset), CRED_LAUNCH_TIMEOUT: '600' },
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      });
      if (result.error) return undefined;
      if (result.status !== 0) throw new Error(`${scenario.name} under valgrind exited ${result.status}: ${result.stderr.slice(-300)}`);
      const match = /Collected : (\d+)/u.exec(result.stderr);
      if (!match) throw new Error(`${scenario.name}: valgrind printed no instruction count`);
      samples.push(Number(match[1]) - hashSeedInstructions(profile));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

/**
 * @param {Array<{ name: string, instructions: number }>} counts
 * @param {string} baselineName
 * @param {Record<string, number>} [targets] instruction ratio targets by scenario name
 */
export function formatInstructionTable(counts, baselineName, targets = {}) {
  const baseline = counts.find((count) => count.name === baselineName);
  if (!baseline) throw new Error('no baseline');
  const lines = ['| scenario | instructions (millions, without the hash-seed search) | ratio to `node -e 0` | target (instructions) |', '| --- | ---: | ---: | ---: |'];
  for (const count of counts) {
    const ratio = count.instructions / baseline.instructions;
    lines.push(`| ${count.name} | ${(count.instructions / 1e6).toFixed(1)} | ${ratio.toFixed(3)}x | ${verdict(ratio, targets[count.name])} |`);
  }
  return lines.join('\n');
}

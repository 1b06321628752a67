// Spawns commands round-robin (so background load hits every scenario alike)
// and reports the median wall time of each. Each run is checked: a scenario
// that fails or prints something other than credential JSON aborts the bench.
import { spawnSync } from 'node:child_process';

/**
 * @typedef {{ name: string, command: string, args: string[], env?: Record<string, string>, expectJson?: boolean }} Scenario
 * @typedef {{ name: string, medianMs: number, p10Ms: number, p90Ms: number, runs: number }} Measurement
 */

/** @param {number[]} sorted @param {number} q */
function quantile(sorted, q) {
  const index = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[index];
}

/** @param {Scenario} scenario */
function runOnce(scenario) {
  const started = process.hrtime.bigint();
  const result = spawnSync(scenario.command, scenario.args, { env: { ...process.env, ...scenario.env }, encoding: 'utf8' });
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
 * @param {{ runs: number, warmup: number }} options
 * @returns {Measurement[]}
 */
export function measure(scenarios, { runs, warmup }) {
  for (let i = 0; i < warmup; i += 1) for (const scenario of scenarios) runOnce(scenario);
  /** @type {Map<string, number[]>} */
  const times = new Map(scenarios.map((scenario) => [scenario.name, []]));
  for (let i = 0; i < runs; i += 1) {
    for (const scenario of scenarios) times.get(scenario.name)?.push(runOnce(scenario));
  }
  return scenarios.map((scenario) => {
    const sorted = [...(times.get(scenario.name) ?? [])].sort((a, b) => a - b);
    return { name: scenario.name, medianMs: quantile(sorted, 0.5), p10Ms: quantile(sorted, 0.1), p90Ms: quantile(sorted, 0.9), runs: sorted.length };
  });
}

/**
 * @param {Measurement[]} results
 * @param {string} baselineName
 * @param {Record<string, number>} targets ratio targets by scenario name
 */
export function formatTable(results, baselineName, targets) {
  const baseline = results.find((result) => result.name === baselineName);
  if (!baseline) throw new Error('no baseline');
  const lines = ['| scenario | median ms | p10–p90 ms | ratio to `node -e 0` | target |', '| --- | ---: | ---: | ---: | ---: |'];
  for (const result of results) {
    const ratio = result.medianMs / baseline.medianMs;
    const target = targets[result.name];
    const verdict = target === undefined ? '' : `≤ ${target}x ${ratio <= target ? '✓' : '✗'}`;
    lines.push(`| ${result.name} | ${result.medianMs.toFixed(1)} | ${result.p10Ms.toFixed(0)}–${result.p90Ms.toFixed(0)} | ${ratio.toFixed(2)}x | ${verdict} |`);
  }
  return lines.join('\n');
}

/**
 * Instructions one run executes, counted by valgrind's callgrind: exact and
 * repeatable whatever else the machine is doing, unlike wall time (which
 * other processes inflate). Undefined when valgrind is not installed.
 * @param {Scenario} scenario
 * @returns {number | undefined}
 */
export function countInstructions(scenario) {
  const result = spawnSync('valgrind', ['--tool=callgrind', '--callgrind-out-file=/dev/null', scenario.command, ...scenario.args], {
    env: { ...process.env, ...scenario.env },
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.error) return undefined;
  if (result.status !== 0) throw new Error(`${scenario.name} under valgrind exited ${result.status}: ${result.stderr.slice(-300)}`);
  const match = /Collected : (\d+)/u.exec(result.stderr);
  if (!match) throw new Error(`${scenario.name}: valgrind printed no instruction count`);
  return Number(match[1]);
}

/**
 * @param {Array<{ name: string, instructions: number }>} counts
 * @param {string} baselineName
 */
export function formatInstructionTable(counts, baselineName) {
  const baseline = counts.find((count) => count.name === baselineName);
  if (!baseline) throw new Error('no baseline');
  const lines = ['| scenario | instructions (millions) | ratio to `node -e 0` |', '| --- | ---: | ---: |'];
  for (const count of counts) lines.push(`| ${count.name} | ${(count.instructions / 1e6).toFixed(1)} | ${(count.instructions / baseline.instructions).toFixed(3)}x |`);
  return lines.join('\n');
}

#!/usr/bin/env node
// Sums the vitest summary line of every package in a `pnpm test` log and
// prints one plain closing line, `tests: N passed, N failed, N skipped`, so a
// reader (or CI) sees the whole run's count without scrolling through turbo.
// Exits non-zero when the log holds no test summary at all: a run that ran no
// test is not a green run.
import { readFileSync } from 'node:fs';

const log = readFileSync(process.argv[2] ?? '/dev/stdin', 'utf8').replace(/\u001b\[[0-9;]*m/gu, '');
const totals = { passed: 0, failed: 0, skipped: 0 };
let packages = 0;
for (const line of log.split('\n')) {
  const summary = /(?:^|\s)Tests\s+(.+?)\s+\((\d+)\)\s*$/u.exec(line);
  if (!summary) continue;
  packages += 1;
  for (const part of (summary[1] ?? '').split('|')) {
    const count = /(\d+)\s+(passed|failed|skipped|todo)/u.exec(part.trim());
    if (!count) continue;
    const kind = count[2] === 'todo' ? 'skipped' : count[2];
    totals[kind] += Number(count[1]);
  }
}
if (packages === 0) {
  console.log('tests: no test summary found');
  process.exit(1);
}
console.log(`${packages} test suites`);
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 ? 1 : 0);

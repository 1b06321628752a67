/**
 * STUB executables for the macOS and Windows backends, which cannot run on
 * this machine: a `security` and a `powershell.exe` on PATH that RECORD the
 * argv and stdin they receive and REPLAY canned answers. They are not
 * keychains and prove nothing about Apple's or Microsoft's programs; they
 * pin down the exact command lines the plugin runs and how it reads the
 * answers. The real programs are exercised by the live suite (live.test.ts).
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** One canned answer of a stub. */
export interface StubAnswer {
  status?: number;
  stdout?: string;
  stderr?: string;
}

/** What a stub received. */
export interface StubCall {
  program: string;
  argv: string[];
  stdin: string;
}

const STUB_SOURCE = `#!/usr/bin/env node
// STUB for cred-launch's tests: records argv and stdin, replays canned answers.
const fs = require('node:fs');
const path = require('node:path');
const dir = __dirname;
const stdin = fs.readFileSync(0, 'utf8');
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify({ program: path.basename(process.argv[1]), argv: process.argv.slice(2), stdin }) + '\\n');
const file = path.join(dir, 'answers.json');
const answers = JSON.parse(fs.readFileSync(file, 'utf8'));
const answer = answers.shift() || {};
fs.writeFileSync(file, JSON.stringify(answers));
process.stdout.write(answer.stdout || '');
process.stderr.write(answer.stderr || '');
process.exitCode = answer.status || 0;
`;

/** A directory of stub programs and the env that puts them first on PATH. */
export interface StubPrograms {
  env: Record<string, string>;
  /** Queues the answers of the next calls, in order. */
  answer(...answers: StubAnswer[]): void;
  /** Every call so far, and forgets them. */
  takeCalls(): StubCall[];
  remove(): void;
}

/** Creates stub executables named `names` (e.g. `security`, `powershell.exe`). */
export function createStubPrograms(names: readonly string[]): StubPrograms {
  const dir = mkdtempSync(join(tmpdir(), 'cred-launch-keychain-stubs-'));
  for (const name of names) {
    writeFileSync(join(dir, name), STUB_SOURCE);
    chmodSync(join(dir, name), 0o755);
  }
  writeFileSync(join(dir, 'answers.json'), '[]');
  writeFileSync(join(dir, 'calls.jsonl'), '');
  return {
    // Only the stubs and node: a real `security` elsewhere on PATH is never reached.
    env: { PATH: `${dir}:${dirname(process.execPath)}`, HOME: dir },
    answer: (...answers) => {
      const queued = JSON.parse(readFileSync(join(dir, 'answers.json'), 'utf8')) as StubAnswer[];
      writeFileSync(join(dir, 'answers.json'), JSON.stringify([...queued, ...answers]));
    },
    takeCalls: () => {
      const text = readFileSync(join(dir, 'calls.jsonl'), 'utf8');
      writeFileSync(join(dir, 'calls.jsonl'), '');
      return text
        .split('\n')
        .filter((line) => line !== '')
        .map((line) => JSON.parse(line) as StubCall);
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

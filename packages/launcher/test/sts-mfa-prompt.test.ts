import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, test } from 'vitest';
import { createTerminalPrompt } from '../src/mfa-prompt.js';

const SOURCE = join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'mfa-prompt.ts');
const HAS_SCRIPT = existsSync('/usr/bin/script');

/** The prompt module compiled on its own (the launcher's dist is one bundle), for a child process to import. */
function compiledPrompt(): string {
  const out = join(mkdtempSync(join(tmpdir(), 'cred-launch-prompt-')), 'mfa-prompt.mjs');
  buildSync({ entryPoints: [SOURCE], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent' });
  return pathToFileURL(out).href;
}
const SERIAL = 'arn:aws:iam::123456789012:mfa/alice';

/** Runs `node -e script` under util-linux `script`, i.e. with a pseudo-terminal as controlling terminal and stdin from /dev/null. */
function onPty(code: string, answer: string | undefined): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cred-launch-pty-'));
  const file = join(dir, 'run.mjs');
  writeFileSync(file, code);
  return new Promise((resolve, reject) => {
    const child = spawn('script', ['-qec', `'${process.execPath}' '${file}' </dev/null`, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let text = '';
    let answered = false;
    child.stdout.on('data', (chunk) => {
      text += chunk;
      if (answer !== undefined && !answered && text.includes('MFA code for')) {
        answered = true;
        child.stdin.write(`${answer}\n`);
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(text);
    });
  });
}

describe('MFA prompt on the controlling terminal', () => {
  test('no terminal at that path: undefined, so the caller can say how else to give the code', async () => {
    const prompt = createTerminalPrompt('/nonexistent/tty');
    expect(await prompt({ serial: SERIAL, signal: new AbortController().signal })).toBeUndefined();
  });

  test('a path that is not a terminal is not used', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cred-launch-notty-')), 'plain');
    writeFileSync(file, '123456\n');
    const prompt = createTerminalPrompt(file);
    expect(await prompt({ serial: SERIAL, signal: new AbortController().signal })).toBeUndefined();
  });

  test.skipIf(!HAS_SCRIPT)('asks on /dev/tty (stdin is /dev/null) and returns the typed line', async () => {
    const transcript = await onPty(
      `const { createTerminalPrompt } = await import(${JSON.stringify(compiledPrompt())});
       const code = await createTerminalPrompt()({ serial: ${JSON.stringify(SERIAL)}, signal: new AbortController().signal });
       console.log('GOT[' + code + ']');`,
      '123456',
    );
    expect(transcript).toContain(`cred-launch: MFA code for ${SERIAL}: `);
    expect(transcript).toContain('GOT[123456]');
  });

  test.skipIf(!HAS_SCRIPT)('the AbortSignal ends the wait with its reason', async () => {
    const transcript = await onPty(
      `const { createTerminalPrompt } = await import(${JSON.stringify(compiledPrompt())});
       const controller = new AbortController();
       setTimeout(() => controller.abort(new Error('deadline')), 200);
       await createTerminalPrompt()({ serial: 'x', signal: controller.signal }).then((v) => console.log('GOT ' + v), (e) => console.log('REJECTED ' + e.message));`,
      undefined,
    );
    expect(transcript).toContain('REJECTED deadline');
  });
});

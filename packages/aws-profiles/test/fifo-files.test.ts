/**
 * Issue 14, through the WHOLE PROCESS (the launcher's built bin): a FIFO as
 * AWS_CONFIG_FILE used to block readFileSync/readFile in open() — configure
 * and doctor on the main thread, for good. Now core's readRegularFile refuses
 * it from fstat at once. docs/reliability.md.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { readOptionalFile } from '../src/index.js';

const bin = fileURLToPath(new URL('../../launcher/bin/cred-launch.js', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../../launcher/dist/main.js', import.meta.url)));

function fifoHome(): { home: string; fifo: string } {
  const home = mkdtempSync(join(tmpdir(), 'aws-profiles-fifo-'));
  const fifo = join(home, 'config.fifo');
  execFileSync('mkfifo', [fifo]);
  return { home, fifo };
}

describe.skipIf(process.platform === 'win32')('a FIFO as the shared config file', () => {
  test('readOptionalFile refuses it with CONFIG, naming it', () => {
    const { fifo } = fifoHome();
    expect(() => readOptionalFile(fifo)).toThrow(
      expect.objectContaining({ code: 'CONFIG', message: `the AWS shared config/credentials file ${fifo} is a FIFO (named pipe), not a regular file` }),
    );
  });

  test.skipIf(!built).each([
    ['configure', ['configure', '--profile', 'p', 'file', 'c.enc', '--key-file', 'k']],
    ['doctor', ['doctor']],
  ])('cred-launch %s with AWS_CONFIG_FILE a FIFO: 78 within 5 s at --timeout 20, nothing on stdout', (_name, args) => {
    const { home, fifo } = fifoHome();
    const started = Date.now();
    const result = spawnSync(process.execPath, [bin, '--timeout', '20', ...args], {
      cwd: home,
      env: { PATH: process.env.PATH ?? '', HOME: home, AWS_CONFIG_FILE: fifo, CRED_LAUNCH_CACHE_DIR: join(home, 'cache') },
      encoding: 'utf8',
      timeout: 30_000,
      killSignal: 'SIGKILL',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(result.status).toBe(78);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(`${fifo} is a FIFO (named pipe), not a regular file`);
  });
});

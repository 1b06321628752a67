import { readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { isCredentialError } from '@cred-launch/core';
import { lockPathFor, withFileLocks } from '../src/file-lock.js';
import { tempDir } from './helpers/temp-dir.js';

describe('withFileLocks', () => {
  test('serialises read-modify-write cycles: 20 concurrent increments all land', async () => {
    const file = join(tempDir(), 'counter');
    writeFileSync(file, '0');
    await Promise.all(
      Array.from({ length: 20 }, () =>
        withFileLocks([file], async () => {
          const value = Number(readFileSync(file, 'utf8'));
          // Yield between read and write: without the lock every cycle would read the same value.
          await new Promise((resolve) => setTimeout(resolve, 2));
          writeFileSync(file, String(value + 1));
        }),
      ),
    );
    expect(readFileSync(file, 'utf8')).toBe('20');
    expect(readdirSync(join(file, '..')).filter((name) => name.endsWith('.lock'))).toEqual([]);
  });

  test('takes over a lock whose holder died (untouched for longer than staleMs)', async () => {
    const file = join(tempDir(), 'config');
    const lock = lockPathFor(file);
    writeFileSync(lock, '99999\n');
    const old = new Date(Date.now() - 60_000);
    utimesSync(lock, old, old);
    const started = Date.now();
    expect(await withFileLocks([file], () => 'done', { staleMs: 1000, waitMs: 5000 })).toBe('done');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('gives up with CONFIG, naming the lock file, when a live holder keeps it', async () => {
    const file = join(tempDir(), 'config');
    writeFileSync(lockPathFor(file), `${process.pid}\n`);
    const error = await withFileLocks([file], () => 'never', { staleMs: 60_000, waitMs: 300 }).catch((caught: unknown) => caught);
    expect(isCredentialError(error, 'CONFIG')).toBe(true);
    expect((error as Error).message).toContain(lockPathFor(file));
  });

  test('the lock is released when the edit throws', async () => {
    const file = join(tempDir(), 'config');
    await expect(
      withFileLocks([file], () => {
        throw new Error('edit failed');
      }),
    ).rejects.toThrow('edit failed');
    expect(await withFileLocks([file], () => 'again', { waitMs: 200 })).toBe('again');
  });
});

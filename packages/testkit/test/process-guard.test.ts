import { afterEach, describe, expect, it } from 'vitest';
import { ProcessExitAttempt, watchProcessIo, type ProcessWatch } from '../src/index.js';

let watch: ProcessWatch | undefined;
afterEach(() => {
  watch?.stop();
});

describe('watchProcessIo', () => {
  it('records what the scenario does, across awaits and timers, and swallows it', async () => {
    watch = watchProcessIo({ envNames: ['TESTKIT_WATCHED'] });
    await watch.run(async () => {
      process.stdout.write('to stdout');
      await new Promise((resolve) => setTimeout(resolve, 5));
      console.error('late');
      void process.env.TESTKIT_WATCHED;
      void process.env.TESTKIT_NOT_WATCHED;
      expect(() => process.exit(2)).toThrow(ProcessExitAttempt);
    });
    expect(watch.stop().map((touch) => touch.via)).toEqual(['process.stdout.write', 'console.error', 'process.env.TESTKIT_WATCHED', 'process.exit']);
  });

  it('lets everything outside the scenario through (a reporter streaming meanwhile)', async () => {
    const seen: string[] = [];
    const realWrite = process.stdout.write;
    process.stdout.write = ((chunk: unknown) => {
      seen.push(String(chunk));
      return true;
    }) as typeof process.stdout.write;
    try {
      watch = watchProcessIo({ envNames: ['TESTKIT_WATCHED'] });
      // Scheduled outside the scenario, fires while it is running.
      const outside = new Promise<void>((resolve) =>
        setTimeout(() => {
          process.stdout.write('reporter line');
          void process.env.TESTKIT_WATCHED;
          resolve();
        }, 5),
      );
      await watch.run(() => new Promise((resolve) => setTimeout(resolve, 20)));
      await outside;
      expect(watch.stop()).toEqual([]);
    } finally {
      process.stdout.write = realWrite;
    }
    expect(seen).toEqual(['reporter line']);
  });

  it('restores every writer on stop', () => {
    const before = [process.stdout.write, process.stderr.write, console.log, process.exit, process.env];
    watchProcessIo({ envNames: ['X'] }).stop();
    expect([process.stdout.write, process.stderr.write, console.log, process.exit, process.env]).toEqual(before);
  });
});

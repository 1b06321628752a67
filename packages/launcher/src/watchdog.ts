import { Worker } from 'node:worker_threads';

/** A last-resort limit that holds even when the main thread never gives control back. */
export interface Watchdog {
  /** Stands the watchdog down; the process then exits normally. */
  disarm(): void;
}

// CommonJS, run by the worker with eval. It sleeps on a shared flag instead of
// a timer: Atomics.wait needs no event loop, and disarm() wakes it at once.
const WATCHDOG_SOURCE = `
const { workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.flag);
for (;;) {
  const left = workerData.firesAt - Date.now();
  if (Atomics.load(flag, 0) !== 0) process.exit(0);
  if (left <= 0) break;
  Atomics.wait(flag, 0, 0, left);
}
require('node:fs').writeSync(2, workerData.message);
process.kill(process.pid, 'SIGKILL');
`;

/**
 * Starts a watchdog thread that, at `firesAt` (ms since epoch), writes
 * `message` to stderr and ends the whole process with SIGKILL.
 *
 * Why a thread: a plugin in a synchronous loop (or a blocking native call such
 * as a huge PBKDF2 cost) holds the main thread, so no timer, signal handler or
 * promise of ours can run there. A worker thread runs beside it. Why SIGKILL:
 * from another thread Node offers no way to end the process with an exit code
 * (a worker's process.exit() ends only the worker, and V8's
 * TerminateExecution on the main thread crashes Node with a native stack).
 * The watchdog is started on the miss path only (after the cache look-up), so
 * a cache hit never pays for the thread; see the package README for its cost.
 */
export function startWatchdog(firesAt: number, message: string): Watchdog {
  const flag = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker | undefined;
  try {
    worker = new Worker(WATCHDOG_SOURCE, {
      eval: true,
      workerData: { flag: flag.buffer, firesAt, message },
      stdin: false,
      stdout: false,
      stderr: false,
    });
    // Never keeps the process alive, and a failure of the thread is not ours to report.
    worker.unref();
    worker.on('error', () => undefined);
  } catch {
    // Without a thread the time limit still holds for everything that yields.
  }
  return {
    disarm: () => {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
      worker = undefined;
    },
  };
}

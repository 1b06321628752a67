import { existsSync } from 'node:fs';
import { builtinModule } from '@cred-launch/core';
import { spawnWithPipeOnStdin } from './direct-spawn.js';

/** A last-resort limit that holds even when the main thread never gives control back. */
export interface Watchdog {
  /** Stands the watchdog down; the process then exits normally. */
  disarm(): void;
}

// Loaded only when a watchdog needs them (a fallback), never on a hit or for
// --version; with process.getBuiltinModule, not a createRequire made at load.
const load = (id: string): unknown => builtinModule(id);

/**
 * The POSIX watchdog: a tiny shell beside us. It sleeps until the limit in a
 * background sleep(1); a reader subshell waits on a pipe from us and, the
 * moment that pipe closes (we exited, or disarmed), kills the sleep. If the
 * sleep ran to its end, we are still alive past the limit: the shell writes
 * the message to stderr (ours, inherited) and kills us. Nothing outlives us by
 * more than a context switch, and only the shell itself holds our stderr (the
 * caller reading it to EOF waits that long, not longer). It ignores the
 * signals a terminal or timeout(1) sends to the whole process group, so it is
 * always there to clean up. /proc/<pid>/fd/2 was tried instead of inheriting
 * stderr: Node's child_process hands a child's stdio as socketpairs, which
 * cannot be opened through /proc (ENXIO).
 * Descriptors: 3 is the pipe from us (only the reader keeps it; a background
 * job's stdin would be /dev/null), 4 our stderr (only the shell keeps it, for
 * the message); the shell's own stderr is /dev/null, so its job notices
 * ("Killed") go nowhere.
 * $1 seconds (fractional: GNU, BSD and busybox sleep), $2 our pid, $3 the message.
 */
const SHELL_WATCHDOG = `trap '' INT TERM HUP QUIT
exec 3<&0 4>&2 </dev/null 2>/dev/null
sleep "$1" 3<&- 4>&- &
s=$!
( read -r _ <&3 || :; kill -9 "$s" ) 4>&- &
r=$!
exec 3<&-
if wait "$s"; then printf '%s' "$3" >&4; kill -9 "$2"; fi
kill -9 "$r"`;

// The portable watchdog (CommonJS, run by a worker with eval). It sleeps on a
// shared flag instead of a timer: Atomics.wait needs no event loop, and
// disarm() wakes it at once.
const THREAD_WATCHDOG = `
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

function startShellWatchdog(firesAt: number, message: string): Watchdog {
  const seconds = (Math.max(0, firesAt - Date.now()) / 1000).toFixed(3);
  const args = ['-c', SHELL_WATCHDOG, 'cred-launch-watchdog', seconds, String(process.pid), message];
  const direct = spawnWithPipeOnStdin('/bin/sh', ['/bin/sh', ...args], ['PATH=/usr/bin:/bin']);
  if (direct) return { disarm: () => direct.closeStdin() };
  const { spawn } = load('node:child_process') as typeof import('node:child_process');
  const child = spawn('/bin/sh', args, {
    stdio: ['pipe', 'ignore', 'inherit'],
    env: { PATH: '/usr/bin:/bin' },
  });
  // Never keeps our event loop alive; a failure to start is not ours to report.
  child.on('error', () => undefined);
  child.stdin?.on('error', () => undefined);
  child.unref();
  (child.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  return { disarm: () => child.stdin?.destroy() };
}

function startThreadWatchdog(firesAt: number, message: string): Watchdog {
  const { Worker } = load('node:worker_threads') as typeof import('node:worker_threads');
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(THREAD_WATCHDOG, { eval: true, workerData: { flag: flag.buffer, firesAt, message }, stdin: false, stdout: false, stderr: false });
  worker.unref();
  worker.on('error', () => undefined);
  return {
    disarm: () => {
      Atomics.store(flag, 0, 1);
      Atomics.notify(flag, 0);
    },
  };
}

/**
 * Starts a watchdog that, at `firesAt` (ms since epoch), writes `message` to
 * stderr and ends the whole process with SIGKILL, unless disarmed first.
 *
 * Why: a plugin in a synchronous loop (or a long native call such as PBKDF2)
 * holds the main thread, so no timer, signal handler or promise of ours can
 * run there; something beside it must act. Why SIGKILL: from outside the main
 * thread Node offers no way to end the process with an exit code (a worker's
 * process.exit() ends only the worker; V8's TerminateExecution on the main
 * thread crashed Node 20 with a native stack).
 *
 * Which: where /bin/sh exists (not Windows) a small shell (above), started
 * through the binding node:child_process itself uses (./direct-spawn.ts: under
 * 1M instructions, against about 21M for loading node:child_process and one
 * spawn, which remains the fallback); elsewhere a worker
 * thread, which costs 110-160M (a whole Node environment boots), measured with
 * callgrind, see the package README. Both run on the miss path only, after the
 * cache look-up: a hit never pays for either.
 */
export function startWatchdog(firesAt: number, message: string): Watchdog {
  try {
    if (process.platform !== 'win32' && existsSync('/bin/sh')) return startShellWatchdog(firesAt, message);
    return startThreadWatchdog(firesAt, message);
  } catch {
    // Without a watchdog the time limit still holds for everything that yields.
    return { disarm: () => undefined };
  }
}

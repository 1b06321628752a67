/**
 * Kinds of pending work (as process.getActiveResourcesInfo() names them) that
 * run on libuv's thread pool. process.exit() joins that pool's threads, so a
 * thread blocked in open() or read() (a file on a hung network mount, a FIFO a
 * plugin opened itself) or in getaddrinfo() makes process.exit() wait for it:
 * forever, and deaf to SIGTERM, since the JS signal handlers never run again.
 */
const THREAD_POOL_WORK: ReadonlySet<string> = new Set(['FSReqCallback', 'FSReqPromise', 'FileHandleCloseReq', 'GetAddrInfoReqWrap', 'GetNameInfoReqWrap']);

/** How long pending work gets to finish after a failure before the process is ended without it. @default 500 */
export const EXIT_GRACE_MS = 500;

/**
 * The same after success, longer: the credentials are already on stdout, and
 * ending by SIGKILL would make the caller discard them, so a slow but finite
 * request (a getaddrinfo() waiting on a resolver's timeout) is worth waiting for.
 * @default 5000
 */
export const SUCCESS_EXIT_GRACE_MS = 5000;

/**
 * The wait between two looks at the thread pool. What is usually pending is
 * a plugin's un-awaited fs.close(), done microseconds later: the first looks
 * come after one turn of the event loop (which delivers finished requests),
 * then after 1, 2 and 4 ms, then every 5 ms. A fixed 5 ms poll added 5-6 ms
 * to every such call (measured on the file plugin's cold call).
 */
function pause(attempt: number): Promise<void> {
  if (attempt < 2) return new Promise((resolve) => setImmediate(resolve));
  return new Promise((resolve) => setTimeout(resolve, Math.min(5, 2 ** (attempt - 2))));
}

function threadPoolBusy(): boolean {
  return process.getActiveResourcesInfo().some((name) => THREAD_POOL_WORK.has(name));
}

/**
 * process.exit(code), unless a thread-pool request is still pending after
 * `graceMs` (0.5 s after a failure, 5 s after success): then exit would block on it, so the 'exit' handlers run first
 * (proper-lockfile removes its locks there) and the process ends with
 * SIGKILL, which does not wait for any thread. The caller has already written
 * its message; the parent sees a kill by signal 9 (137 in a shell).
 */
export async function exitPromptly(code: number, graceMs: number = code === 0 ? SUCCESS_EXIT_GRACE_MS : EXIT_GRACE_MS): Promise<never> {
  const giveUpAt = Date.now() + graceMs;
  for (let attempt = 0; threadPoolBusy() && Date.now() < giveUpAt; attempt += 1) {
    await pause(attempt);
  }
  if (threadPoolBusy()) {
    process.exitCode = code;
    try {
      process.emit('exit', code);
    } finally {
      process.kill(process.pid, 'SIGKILL');
    }
  }
  return process.exit(code);
}

// The launcher's own V8 code cache for Node 20, which has no compile cache
// (Node 22.1+ has module.enableCompileCache, which the bin calls instead).
// Built as dist/code-cache.cjs and compiled by the bin (like the fast path,
// with a build-time code cache) on a miss only, just
// before dist/main.cjs: a cache hit never loads it. Design and figures in
// README.md ("The code cache on Node 20") and docs/cache.md.
import { writeSync } from 'node:fs';
import { join } from 'node:path';
import { nativeCrc32 } from './code-cache/checksum.js';
import { checkCodeDirectory, createCodeDirectory, removeIfEmpty } from './code-cache/code-cache-dir.js';
import { writeCacheFile } from './code-cache/code-cache-file.js';
import { hookCompile, type CompileCounts, type PendingCache } from './code-cache/compile-hook.js';
import { describeMiss, type MissDetails } from './code-cache/miss-details.js';
import { parseCommandLine } from './options.js';

/** Where and how the code cache is kept for this process. */
export interface CodeCacheOptions {
  /** cred-launch's cache directory (the credential cache's); the code cache is its `code/` folder. */
  cacheDir: string;
  /** Print one debug line about the code cache at exit. @default false */
  verbose?: boolean;
}

/**
 * Node options under which Node's own compiler does more than compile: a
 * policy checks each module's integrity, source maps are read from the
 * source. With them, Node's compiler is left alone.
 */
const OWN_COMPILE_OPTIONS = /--(experimental-policy|policy-integrity|enable-source-maps)\b/u;

/**
 * Compiles every CommonJS module loaded from now on with V8's code cache
 * kept in `<cacheDir>/code/` (see compile-hook.ts), and writes the caches
 * that were missing or refused when the process exits, after the call's
 * output. Never throws, never prints (except the debug line), never changes
 * the exit code: anything that fails means compiling from source. Does
 * nothing where the cache could not be trusted or checked: no POSIX owner
 * (Windows), no native CRC-32 (Node 20 before 20.15), or Node options that
 * compile modules their own way (a policy, source maps).
 */
export function installCodeCache({ cacheDir, verbose = false }: CodeCacheOptions): void {
  const debug = (text: string): void => {
    if (!verbose) return;
    try {
      writeSync(2, `cred-launch: debug: code cache: ${text}\n`);
    } catch {
      // stderr closed: nothing to say it on
    }
  };
  const execOptions = `${process.execArgv.join(' ')}\n${process.env.NODE_OPTIONS ?? ''}`;
  const crc32 = nativeCrc32();
  if (process.getuid === undefined || crc32 === undefined || OWN_COMPILE_OPTIONS.test(execOptions) || process.sourceMapsEnabled === true) {
    process.once('exit', () => debug('not used on this platform, Node version or with these Node options'));
    return;
  }
  const codeDir = join(cacheDir, 'code');
  const state = checkCodeDirectory(cacheDir, codeDir);
  if (!state.usable && !state.absent) {
    process.once('exit', () => debug(`not used: ${state.reason}`));
    return;
  }
  const pending: PendingCache[] = [];
  const counts: CompileCounts = { used: 0, refused: 0 };
  hookCompile(codeDir, state.usable, execOptions, crc32, pending, counts);
  // At exit: after the call's output was written (the launcher writes it synchronously).
  process.once('exit', () => {
    let written = 0;
    let failed = 0;
    try {
      const { state: dir, created } = pending.length > 0 ? createCodeDirectory(cacheDir, codeDir) : { state, created: undefined };
      if (dir.usable) {
        for (const { path, header, script } of pending) {
          try {
            writeCacheFile(path, header, script.createCachedData(), crc32);
            written += 1;
          } catch {
            failed += 1;
          }
        }
      } else failed = pending.length;
      if (written === 0 && created !== undefined) removeIfEmpty(codeDir, cacheDir, created);
    } catch {
      failed = pending.length - written;
    }
    debug(`${counts.used} used, ${written} written, ${counts.refused} refused${failed > 0 ? `, ${failed} not written` : ''}`);
  });
}

/**
 * installCodeCache for a call the fast path never saw: the bin sends a
 * `--no-cache` call (never a hit) straight to the full launcher, so the
 * command line is parsed here, as the fast path parses it on a miss, and the
 * code cache is installed for a plugin call only, with the same cache
 * directory and debug setting. A command line main will refuse: no code cache.
 */
export function installCodeCacheForCommandLine(argv: readonly string[]): void {
  const miss: MissDetails = {};
  try {
    const { command, options } = parseCommandLine(argv, process.env);
    describeMiss(command, options, process.env, miss);
  } catch {
    return;
  }
  if (miss.cacheDir !== undefined) installCodeCache({ cacheDir: miss.cacheDir, verbose: miss.verbose });
}

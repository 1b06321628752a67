#!/usr/bin/env node
// Every `aws` call starts this file, so it does no work of its own. It is
// CommonJS (bin/package.json), and a fresh cache entry is answered by
// dist/fast-path.cjs alone: one small CommonJS module, so a hit never starts
// Node's ESM loader (measurements in README.md). Anything else goes to the
// full launcher, whose CommonJS build (dist/main.cjs) starts over: Node's
// asynchronous ESM loader is not started for it either. The file keeps its
// name: configured credential_process lines point at it.
'use strict';

const { closeSync, constants, fstatSync, openSync, readFileSync, readSync, writeSync } = require('node:fs');
const { dirname, join } = require('node:path');

const FAST_PATH = join(__dirname, '..', 'dist', 'fast-path.cjs');
// Node's own CommonJS wrapper, so the module runs exactly as require() would run it.
const WRAPPER_HEAD = '(function (exports, require, module, __filename, __dirname) { ';
const WRAPPER_TAIL = '\n});';

/**
 * Compiles dist/fast-path.cjs with V8's code cache for it when one is given
 * (`cachedData`): compiling the module's functions was most of a hit's own
 * cost on Node 20. V8 refuses a cache made by another V8 version or with
 * other flags (`script.cachedDataRejected`) and compiles from source, so a
 * stale cache costs only its read. Also loads dist/code-cache.cjs the same way.
 * Exported for scripts/train-code-cache.cjs, which makes both .v8-cache files
 * with this same function.
 */
function compileFastPath(file, cachedData) {
  const { Script } = require('node:vm');
  const script = new Script(WRAPPER_HEAD + readFileSync(file, 'utf8') + WRAPPER_TAIL, { filename: file, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, require, module, file, dirname(file));
  return { script, fastPath: module.exports };
}

/**
 * A file's bytes with the same fs calls a hit makes to read its cache entry
 * (open, fstat, read, close on numeric flags): Node compiles each fs function
 * it runs on first use, and readFileSync's or Buffer's own would be more.
 */
function readBytes(file) {
  const fd = openSync(file, constants.O_RDONLY);
  try {
    const bytes = new Uint8Array(fstatSync(fd).size);
    let done = 0;
    while (done < bytes.length) {
      const read = readSync(fd, bytes, done, bytes.length - done, done);
      if (read === 0) break;
      done += read;
    }
    return bytes.subarray(0, done);
  } finally {
    closeSync(fd);
  }
}

/**
 * Node 22.1+ caches compiled CommonJS itself (module.enableCompileCache); on
 * Node 20 the launcher's own code cache does. Told apart by the version:
 * requiring node:module to look loads part of the ESM loader (1.1M
 * instructions of a hit).
 */
function loadFastPath() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major > 22 || (major === 22 && minor >= 1)) {
    require('./compile-cache.cjs').enablePrivateCompileCache();
    return require(FAST_PATH);
  }
  let cachedData;
  try {
    cachedData = readBytes(`${FAST_PATH}.v8-cache`);
  } catch {
    // no cache (a build without it): compiled from source
  }
  return compileFastPath(FAST_PATH, cachedData).fastPath;
}

/**
 * `cred-launch --version` alone, what health checks and installers run, is
 * answered from package.json without loading any module (main prints the
 * same), written to descriptor 1 directly as the fast path writes (creating
 * process.stdout costs more than the rest). False when that write failed
 * (a closed pipe): the fast path then answers and reports it.
 */
function printedVersion() {
  const { version } = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));
  try {
    writeSync(1, `${version}\n`);
    return true;
  } catch {
    return false;
  }
}

/**
 * Node 20 has no compile cache: dist/code-cache.cjs keeps V8's code cache
 * of the modules a miss loads (main.cjs, the command, the plugin, its
 * dependencies) in cred-launch's private cache directory, which the fast
 * path resolved (`miss`); for a `--no-cache` call, which skipped the fast
 * path (`miss` undefined), the code cache parses the command line itself.
 * Node 21 and 22.0 get nothing. Any failure: no cache.
 */
function startCodeCache(argv, miss) {
  if ((miss !== undefined && miss.cacheDir === undefined) || !process.versions.node.startsWith('20.')) return;
  try {
    // Compiled as the fast path is, with its own build-time code cache:
    // require() and compiling it cost 2.9M instructions of every cold call.
    const file = join(__dirname, '..', 'dist', 'code-cache.cjs');
    let cachedData;
    try {
      cachedData = readBytes(`${file}.v8-cache`);
    } catch {
      // no cache (a build without it): compiled from source
    }
    const codeCache = compileFastPath(file, cachedData).fastPath;
    if (miss === undefined) codeCache.installCodeCacheForCommandLine(argv);
    else codeCache.installCodeCache(miss);
  } catch {
    // compiled from source, as without it
  }
}

async function start() {
  const argv = process.argv.slice(2);
  if (argv.length === 1 && argv[0] === '--version' && printedVersion()) return;
  let miss;
  // --no-cache is never answered from the cache: the fast path (5M
  // instructions to load) is not asked. Anywhere on the line: as a plugin's
  // own argument it only costs that call the fast path, since main looks the
  // cache up too.
  if (!argv.includes('--no-cache')) {
    miss = {};
    const served = await loadFastPath().serveFromCache(argv, miss);
    if (served === 'served') {
      process.exitCode = 0;
      return;
    }
    if (served !== 'not-served') {
      process.stderr.write(`cred-launch: cannot write to stdout (${served.stdoutError})\n  hint: the program that started cred-launch stopped reading its output\n`);
      process.exitCode = 70;
      return;
    }
  }
  startCodeCache(argv, miss);
  const { run } = require('../dist/main.cjs');
  await run(argv);
}

if (require.main === module) void start();
else {
  module.exports = {
    compileFastPath,
    get privateCacheDirectory() {
      return require('./compile-cache.cjs').privateCacheDirectory;
    },
  };
}

#!/usr/bin/env node
// Every `aws` call starts this file, so it does no work of its own. It is
// CommonJS (bin/package.json), and a fresh cache entry is answered by
// dist/fast-path.cjs alone: one small CommonJS module, so a hit never starts
// Node's ESM loader (measurements in README.md). Anything else goes to the
// full launcher, ESM, which starts over. The file keeps its name: configured
// credential_process lines point at it. Node's compile cache is turned on
// where the running Node has it (22.1+).
'use strict';

require('node:module').enableCompileCache?.();
const argv = process.argv.slice(2);

async function start() {
  const served = await require('../dist/fast-path.cjs').serveFromCache(argv);
  if (served === 'served') {
    process.exitCode = 0;
  } else if (served !== 'not-served') {
    process.stderr.write(`cred-launch: cannot write to stdout (${served.stdoutError})\n  hint: the program that started cred-launch stopped reading its output\n`);
    process.exitCode = 70;
  } else {
    const { run } = await import('../dist/main.js');
    await run(argv);
  }
}

void start();

#!/usr/bin/env node
// Every `aws` call starts this file, so it does no work of its own. A fresh
// cache entry is answered by dist/fast-path.js alone (one small module);
// anything else goes to the full launcher, which starts over. Node's compile
// cache is turned on where the running Node has it (22.1+).
import module from 'node:module';

module.enableCompileCache?.();
const argv = process.argv.slice(2);
const { serveFromCache } = await import('../dist/fast-path.js');
const served = await serveFromCache(argv);
if (served === 'served') {
  process.exitCode = 0;
} else if (served !== 'not-served') {
  process.stderr.write(`cred-launch: cannot write to stdout (${served.stdoutError})\n  hint: the program that started cred-launch stopped reading its output\n`);
  process.exitCode = 70;
} else {
  const { run } = await import('../dist/main.js');
  await run(argv);
}

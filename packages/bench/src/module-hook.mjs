// Loaded with `node --import` by modules.mjs: records every module the
// process loads, one absolute URL a line, into the file named by
// CRED_LAUNCH_MODULE_LOG. ES modules are seen by a `load` hook registered
// with module.register (it runs on Node's loader thread, so it appends to
// the file itself); CommonJS files by wrapping Module._load's resolution,
// because Node 20's hooks do not see require() inside CommonJS.
import { appendFileSync } from 'node:fs';
import module, { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const logFile = process.env.CRED_LAUNCH_MODULE_LOG;
if (logFile) {
  const hooks = `
    import { appendFileSync } from 'node:fs';
    let logFile;
    export function initialize(data) { logFile = data.logFile; }
    export async function load(url, context, nextLoad) {
      appendFileSync(logFile, 'esm ' + url + '\\n');
      return nextLoad(url, context);
    }`;
  module.register(`data:text/javascript,${encodeURIComponent(hooks)}`, { data: { logFile } });
  const Module = createRequire(import.meta.url)('node:module');
  const resolveFilename = Module._resolveFilename;
  const seen = new Set();
  Module._resolveFilename = function recordCommonJs(...args) {
    const filename = resolveFilename.apply(this, args);
    if (filename.startsWith('/') && !seen.has(filename)) {
      seen.add(filename);
      appendFileSync(logFile, `cjs ${pathToFileURL(filename).href}\n`);
    }
    return filename;
  };
}

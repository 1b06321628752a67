#!/usr/bin/env node
// Every `aws` call starts this file, so it does no work of its own: turn on
// Node's compile cache where the running Node has it (22.1+), then hand over.
import module from 'node:module';

module.enableCompileCache?.();
const { run } = await import('../dist/main.js');
await run(process.argv.slice(2));

import { createRequire } from 'node:module';

/**
 * A Node built-in module, as `require()` returns it. Why not `import { … }
 * from 'node:fs'`: an ES module's import of a built-in makes Node 20 build
 * the built-in's ESM facade, which reads every export once, lazy ones
 * included: `node:fs` then loads fs/promises (with readline's interface) and
 * all of streams, `node:util` parseArgs' and MIME's code. Core is bundled
 * into every plugin, so that was paid on every cold call: an ES module
 * importing `readFileSync` and `parseArgs` counted 99.4M + 6M instructions
 * against 89.2M this way (85.0M with process.getBuiltinModule alone; the
 * static import of node:module below costs the rest, and is kept for Node
 * before 20.16, which lacks getBuiltinModule). Measurements in
 * packages/launcher/README.md. Callers ask when they need the module, not at
 * load, so a bundle that does not use them (the launcher's cache hit) loads
 * nothing.
 */
export function builtinModule(id: string): unknown {
  return typeof process.getBuiltinModule === 'function' ? process.getBuiltinModule(id) : createRequire(import.meta.url)(id);
}

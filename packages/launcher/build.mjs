// Bundles the launcher into a few ESM files: the cache-hit path is one module
// instead of ~20 (measured in README.md), and cold paths (help, plugin
// listing, commands, configure/doctor) stay in lazily imported chunks.
// @cred-launch/core is bundled in; errors from a plugin's own copy of core are
// still recognised because isCredentialError checks a registered symbol.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync(new URL('./dist/', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: ['src/main.ts', 'src/index.ts'],
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['proper-lockfile'],
  // Chunks stay beside main.js: modules locate package.json and the plugin
  // search path relative to their own URL.
  chunkNames: '[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});

// Bundles the launcher into a few ESM files: the cache-hit path is one module
// instead of ~20 (measured in README.md), and cold paths (help, plugin
// listing, commands, configure/doctor) stay in lazily imported chunks.
// @cred-launch/core is bundled in; errors from a plugin's own copy of core are
// still recognised because isCredentialError checks a registered symbol.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';

// Build beside dist and swap it in with renames, so a process starting the
// bin during a rebuild never sees a half-written or missing dist.
const staging = `.dist-build-${process.pid}`;
await build({
  entryPoints: ['src/main.ts', 'src/index.ts'],
  outdir: staging,
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

// The cache-hit path as one self-contained module (see src/fast-path.ts): no
// shared chunks, so a hit reads two files, the bin and this one.
await build({
  entryPoints: ['src/fast-path.ts'],
  outfile: `${staging}/fast-path.js`,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
});
const retired = `.dist-old-${process.pid}`;
try {
  renameSync('dist', retired);
} catch {
  // first build: nothing to retire
}
renameSync(staging, 'dist');
rmSync(retired, { recursive: true, force: true });

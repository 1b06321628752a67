// Bundles the plugin into one ESM module for the hot path (OpenSSL decrypt,
// --help, argument errors) plus a lazily imported chunk for the age code,
// which alone imports age-encryption (kept external: a real dependency).
// @cred-launch/core is bundled in: loading it as ~10 separate modules cost
// more start-up than the whole OpenSSL decrypt (measured in README.md). Its
// errors stay recognisable to the launcher's copy: isCredentialError checks
// a registered symbol, not instanceof.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';

// Build beside dist and swap it in with renames, so a cred-launch starting
// during a rebuild never sees a half-written or missing dist.
const staging = `.dist-build-${process.pid}`;
await build({
  entryPoints: ['src/index.ts'],
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['age-encryption'],
  chunkNames: '[name]-[hash]',
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

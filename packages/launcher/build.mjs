// Bundles the launcher into a few self-contained ESM files: the cache-hit
// path is one module, the rest of a call one more (measured in README.md),
// and cold paths (help, plugin listing, commands, configure/doctor, the MFA
// prompt) are separate files imported lazily.
// @cred-launch/core is bundled in; errors from a plugin's own copy of core are
// still recognised because isCredentialError checks a registered symbol.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';

// Build beside dist and swap it in with renames, so a process starting the
// bin during a rebuild never sees a half-written or missing dist.
const staging = `.dist-build-${process.pid}`;

// Every file in dist is self-contained: a dynamic import of one of the lazy
// modules below is left as it is, and each of them is bundled on its own. A
// cold call then reads bin, fast-path.js, main.js and the plugin — not main.js
// plus the chunks it would share with help, configure and doctor (measured in
// README.md). What the lazy bundles duplicate costs nothing at run time.
const LAZY = /^\.\/(cache-command|help|list-plugins|profile-commands|run-command|mfa-prompt)\.js$/; // a Go regexp: no u flag
const keepLazyImportsExternal = {
  name: 'keep-lazy-imports-external',
  setup(builder) {
    builder.onResolve({ filter: LAZY }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};
// fast-path: the cache-hit path (src/fast-path.ts); main: everything else;
// index: the programmatic API; the rest: loaded lazily by main.
const entries = ['fast-path', 'main', 'index', 'cache-command', 'help', 'list-plugins', 'profile-commands', 'run-command', 'mfa-prompt'];
for (const entry of entries) {
  await build({
    entryPoints: [`src/${entry}.ts`],
    outfile: `${staging}/${entry}.js`,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['proper-lockfile'],
    plugins: [keepLazyImportsExternal],
    legalComments: 'none',
    logLevel: 'warning',
  });
}
const retired = `.dist-old-${process.pid}`;
try {
  renameSync('dist', retired);
} catch {
  // first build: nothing to retire
}
renameSync(staging, 'dist');
rmSync(retired, { recursive: true, force: true });

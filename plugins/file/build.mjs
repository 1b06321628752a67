// Bundles the plugin into one ESM module for the hot path (OpenSSL decrypt,
// --help, argument errors) plus two lazily imported modules: the age code,
// which alone imports age-encryption (kept external: a real dependency), and
// the encrypt command's work.
// @cred-launch/core is bundled in: loading it as ~10 separate modules cost
// more start-up than the whole OpenSSL decrypt (measured in README.md). Its
// errors stay recognisable to the launcher's copy: isCredentialError checks
// a registered symbol, not instanceof.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';

// Build beside dist and swap it in with renames, so a cred-launch starting
// during a rebuild never sees a half-written or missing dist.
const staging = `.dist-build-${process.pid}`;

// The modules that are imported lazily stay separate files: an import of
// './age.js' or './encrypt-run.js' is left as it is, and each is bundled on
// its own. No shared chunks, so a cold decrypt reads exactly one file.
const LAZY = /^\.\/(age|encrypt-run)\.js$/; // esbuild filters are Go regexps: no u flag
const keepLazyImportsExternal = {
  name: 'keep-lazy-imports-external',
  setup(builder) {
    builder.onResolve({ filter: LAZY }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
  },
};
for (const entry of ['index', 'encrypt-run', 'age']) {
  await build({
    entryPoints: [`src/${entry}.ts`],
    outfile: `${staging}/${entry}.js`,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: ['age-encryption'],
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

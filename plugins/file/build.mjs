// The plugin's dist: self-contained bundles (see scripts/build-bundles.mjs).
// index: the hot path (OpenSSL decrypt, --help, argument errors), importing
// only Node built-ins; age: the age code, the only importer of age-encryption
// (a real dependency, kept external); encrypt-run: the encrypt command's work.
// @cred-launch/core is bundled in: loading it as ~10 separate modules cost
// more start-up than the whole OpenSSL decrypt (measured in README.md). Its
// errors stay recognisable to the launcher's copy: isCredentialError checks a
// registered symbol, not instanceof.
// Every bundle is also built as CommonJS (dist/*.cjs, minified; the package's
// "require" export, which the launcher loads where Node requires ES modules):
// a cold call then never starts Node's asynchronous ESM loader, and the
// plugin's import() of a package or built-in becomes require()
// (requireInCommonJs). Measured in README.md.
import { renameSync } from 'node:fs';
import { build } from 'esbuild';
import { buildPluginBundles } from '../../scripts/build-bundles.mjs';

const lazy = ['age', 'encrypt-run'];
await buildPluginBundles(lazy);

// The ES modules of a cold decrypt are minified too (the .cjs already are): V8 pre-parses every function of
// a module it loads, and the smaller text measured 1.7M instructions less for
// an OpenSSL file and 2.6M less for an age file (README.md). Errors carry
// their own messages and no stack is ever printed, so nothing is lost.
// Written beside and renamed over, so a process starting meanwhile never
// reads half a file.
for (const entry of ['index', 'age']) {
  const staging = `dist/.${entry}.min-${process.pid}.js`;
  await build({
    entryPoints: [`dist/${entry}.js`],
    outfile: staging,
    minify: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'warning',
  });
  renameSync(staging, `dist/${entry}.js`);
}

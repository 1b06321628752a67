// The plugin's dist: one self-contained bundle (see scripts/build-bundles.mjs)
// with @cred-launch/core bundled in, as the file plugin does: loading core as
// ~10 separate modules costs more start-up than the plugin's own work. The
// commands (add, list, remove) are lazy entries, never loaded to read.
// Every bundle is also built as CommonJS (dist/*.cjs, minified; the package's
// "require" export, which the launcher loads where Node requires ES modules):
// a cold call then never starts Node's asynchronous ESM loader, and the
// plugin's import() of a package or built-in becomes require()
// (requireInCommonJs). Measured in README.md.
import { buildPluginBundles } from '../../scripts/build-bundles.mjs';

const lazy = ['add-run'];
await buildPluginBundles(lazy);

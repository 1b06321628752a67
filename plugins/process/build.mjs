// One self-contained bundle (see scripts/build-bundles.mjs): the plugin
// imports only Node built-ins and core, and core is inlined so a cold call
// loads one module for the plugin.
// Every bundle is also built as CommonJS (dist/*.cjs, minified; the package's
// "require" export, which the launcher loads where Node requires ES modules):
// a cold call then never starts Node's asynchronous ESM loader, and the
// plugin's import() of a package or built-in becomes require()
// (requireInCommonJs). Measured in README.md.
import { buildPluginBundles } from '../../scripts/build-bundles.mjs';

await buildPluginBundles();

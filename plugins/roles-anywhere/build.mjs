// The plugin's dist: one self-contained bundle (see scripts/build-bundles.mjs)
// importing only Node built-ins. @cred-launch/core is bundled in, as in the
// file plugin: loading it as separate modules costs more start-up than the
// whole signing. Its errors stay recognisable to the launcher's copy:
// isCredentialError checks a registered symbol, not instanceof.
// Every bundle is also built as CommonJS (dist/*.cjs, minified; the package's
// "require" export, which the launcher loads where Node requires ES modules):
// a cold call then never starts Node's asynchronous ESM loader, and the
// plugin's import() of a package or built-in becomes require()
// (requireInCommonJs). Measured in README.md.
import { buildPluginBundles } from '../../scripts/build-bundles.mjs';

await buildPluginBundles();

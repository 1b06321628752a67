// The plugin's dist: self-contained bundles (see scripts/build-bundles.mjs).
// index: argument parsing and usage (what --help and argument errors need);
// get-credentials: everything else, imported inside getCredentials. The AWS
// SDK packages are runtime dependencies and stay external, imported lazily;
// @cred-launch/aws-profiles, a private workspace package that is never
// published, is bundled in. @cred-launch/core is inlined, as in the file
// plugin and the launcher (one module fewer per call; isCredentialError works
// across copies of core); it stays a dependency for the types in dist/*.d.ts.
// Every bundle is also built as CommonJS (dist/*.cjs, minified; the package's
// "require" export, which the launcher loads where Node requires ES modules):
// a cold call then never starts Node's asynchronous ESM loader, and the
// plugin's import() of a package or built-in becomes require()
// (requireInCommonJs). Measured in README.md.
import { buildPluginBundles } from '../../scripts/build-bundles.mjs';

const lazy = ['get-credentials'];
await buildPluginBundles(lazy);

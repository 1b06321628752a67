// The plugin's dist: self-contained bundles (see scripts/build-bundles.mjs).
// index: argument parsing and usage (what --help and argument errors need);
// get-credentials: everything else, imported inside getCredentials. The AWS
// SDK packages are runtime dependencies and stay external, imported lazily;
// @cred-launch/aws-profiles, a private workspace package that is never
// published, is bundled in. @cred-launch/core is inlined, as in the file
// plugin and the launcher (one module fewer per call; isCredentialError works
// across copies of core); it stays a dependency for the types in dist/*.d.ts.
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

const lazy = ['get-credentials'];
await buildSelfContainedBundles({ entries: ['index', ...lazy], lazy, inline: ['@cred-launch/core'] });

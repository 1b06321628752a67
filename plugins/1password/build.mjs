// The plugin's dist: self-contained bundles (see scripts/build-bundles.mjs).
// index: argument parsing and usage; credentials: the lookup itself, imported
// inside getCredentials. @1password/sdk is a runtime dependency and stays
// external, imported lazily. @cred-launch/core is inlined, as in the file
// plugin and the launcher (one module fewer per call; isCredentialError works
// across copies of core); it stays a dependency for the types in dist/*.d.ts.
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

const lazy = ['credentials'];
await buildSelfContainedBundles({ entries: ['index', ...lazy], lazy, inline: ['@cred-launch/core'] });

// The plugin's dist: self-contained bundles (see scripts/build-bundles.mjs).
// index: argument parsing and usage (what --help and argument errors need);
// get-credentials: everything else, imported inside getCredentials. The
// runtime dependencies (@cred-launch/core, the AWS SDK packages) stay
// external; @cred-launch/aws-profiles, a private workspace package that is
// never published, is bundled in.
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

const lazy = ['get-credentials'];
await buildSelfContainedBundles({
  entries: ['index', ...lazy],
  lazy,
  external: ['@cred-launch/core', '@aws-sdk/client-secrets-manager', '@aws-sdk/credential-provider-ini', '@aws-sdk/credential-provider-node'],
});

// The STS layer's dist: one self-contained module (see scripts/build-bundles.mjs),
// loaded by the launcher only for --session / --assume-role. The runtime
// dependencies (@cred-launch/core, @aws-sdk/client-sts and otpauth, the last
// two imported lazily) stay external; @cred-launch/aws-profiles, a private
// workspace package that is never published, is bundled in.
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

await buildSelfContainedBundles({ entries: ['index'], lazy: [], external: ['@cred-launch/core', '@aws-sdk/client-sts', 'otpauth'] });

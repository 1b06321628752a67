// The STS layer's dist: one self-contained module (see scripts/build-bundles.mjs),
// loaded by the launcher only for --session / --assume-role. The runtime
// dependencies @aws-sdk/client-sts and otpauth stay external and are imported
// lazily (inside exchangeCredentials / totpCode). @cred-launch/aws-profiles, a
// private workspace package that is never published, is bundled in.
// @cred-launch/core is inlined too: the launcher carries its own inlined copy,
// so an external core would be one more module (a second copy of core) on
// every STS call; isCredentialError recognises errors across copies (a
// registered symbol). core stays a dependency for the types in dist/*.d.ts.
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

await buildSelfContainedBundles({ entries: ['index'], inline: ['@cred-launch/core'] });

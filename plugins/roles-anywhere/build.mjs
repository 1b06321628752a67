// The plugin's dist: one self-contained bundle (see scripts/build-bundles.mjs)
// importing only Node built-ins. @cred-launch/core is bundled in, as in the
// file plugin: loading it as separate modules costs more start-up than the
// whole signing. Its errors stay recognisable to the launcher's copy:
// isCredentialError checks a registered symbol, not instanceof.
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

await buildSelfContainedBundles({ entries: ['index'], inline: ['@cred-launch/core'] });

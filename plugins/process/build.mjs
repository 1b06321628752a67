// One self-contained bundle (see scripts/build-bundles.mjs): the plugin
// imports only Node built-ins and core, and core is inlined so a cold call
// loads one module for the plugin.
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

await buildSelfContainedBundles({ entries: ['index'], inline: ['@cred-launch/core'] });

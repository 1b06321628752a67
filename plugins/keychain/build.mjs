// The plugin's dist: one self-contained bundle (see scripts/build-bundles.mjs)
// with @cred-launch/core bundled in, as the file plugin does: loading core as
// ~10 separate modules costs more start-up than the plugin's own work. The
// commands (add, list, remove) are lazy entries, never loaded to read.
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

const lazy = ['add-run'];
await buildSelfContainedBundles({ entries: ['index', ...lazy], lazy, inline: ['@cred-launch/core'] });

// core's dist: one self-contained ES module (see scripts/build-bundles.mjs).
// Loading core as its ~14 tsc-emitted files cost a module load each on every
// call that imported it; as one file it is one load, and the bundlers that
// inline it (launcher, plugins) tree-shake it all the same. No runtime
// dependencies, so nothing stays external.
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

await buildSelfContainedBundles({ entries: ['index'] });

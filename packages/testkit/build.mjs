// The testkit's dist: one self-contained module (see scripts/build-bundles.mjs).
// @cred-launch/core stays an external runtime dependency: the testkit runs at
// test time, where start-up does not matter, and a plugin author has core
// installed anyway (the plugin is written against it). vitest and node:test
// are never imported (the suite takes the test function as a parameter).
// @cred-launch/aws-profiles, a private workspace package that is never
// published, is bundled in.
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

await buildSelfContainedBundles({ entries: ['index'] });

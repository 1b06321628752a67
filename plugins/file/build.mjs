// The plugin's dist: self-contained bundles (see scripts/build-bundles.mjs).
// index: the hot path (OpenSSL decrypt, --help, argument errors), importing
// only Node built-ins; age: the age code, the only importer of age-encryption
// (a real dependency, kept external); encrypt-run: the encrypt command's work.
// @cred-launch/core is bundled in: loading it as ~10 separate modules cost
// more start-up than the whole OpenSSL decrypt (measured in README.md). Its
// errors stay recognisable to the launcher's copy: isCredentialError checks a
// registered symbol, not instanceof.
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

const lazy = ['age', 'encrypt-run'];
await buildSelfContainedBundles({ entries: ['index', ...lazy], lazy, inline: ['@cred-launch/core'] });

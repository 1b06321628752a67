// The launcher's dist: self-contained bundles (see scripts/build-bundles.mjs).
// fast-path: the cache-hit path (src/fast-path.ts), the only module a hit
// loads; main: the rest of a call; index: the programmatic API; the others
// are imported lazily. @cred-launch/core is bundled in: errors from a
// plugin's own copy of core are still recognised, since isCredentialError
// checks a registered symbol.
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

const lazy = ['cache-command', 'help', 'list-plugins', 'profile-commands', 'run-command', 'mfa-prompt', 'read-stdin', 'terminal-question'];
await buildSelfContainedBundles({ entries: ['fast-path', 'main', 'index', ...lazy], lazy, external: ['proper-lockfile'] });

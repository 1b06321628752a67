// The launcher's dist: self-contained bundles (see scripts/build-bundles.mjs).
// fast-path: the cache-hit path (src/fast-path.ts), the only module a hit
// loads, built as CommonJS (dist/fast-path.cjs) for the CommonJS bin so a hit
// never starts Node's ESM loader; main: maps the command word to its module; index: the programmatic
// API; the others are imported lazily: one bundle per command word
// (src/commands/*), and the MFA prompt, which only an STS call with MFA
// needs. @cred-launch/core is bundled in: errors from a plugin's own copy of
// core are still recognised, since isCredentialError checks a registered symbol.
import { spawnSync } from 'node:child_process';
import { buildSelfContainedBundles } from '../../scripts/build-bundles.mjs';

const commands = ['plugin-call', 'plugin-subcommand', 'plugins', 'cache', 'configure', 'doctor', 'help', 'exec', 'export', 'serve', 'completion'].map((word) => `commands/${word}`);
const lazy = [...commands, 'mfa-prompt', 'read-stdin', 'terminal-question', 'dynamic-import'];
await buildSelfContainedBundles({
  entries: ['main', 'index', ...lazy],
  lazy,
  external: ['proper-lockfile'],
  commonJsEntries: ['fast-path', 'code-cache'],
  commonJsBundles: ['main', ...lazy],
});

// V8's code cache for dist/fast-path.cjs, taken after a real hit (see the
// script). Its stdout is what the fast path served in training: not shown.
const training = spawnSync(process.execPath, ['scripts/train-code-cache.cjs'], { stdio: ['ignore', 'pipe', 'inherit'] });
if (training.status !== 0) throw new Error('scripts/train-code-cache.cjs failed');

// The plugin's dist: self-contained bundles (see scripts/build-bundles.mjs).
// index: what importing the plugin loads (argument parsing, usage) — enough for
// --help, argument errors and `cred-launch plugins`; fetch-credentials: the
// HTTP client, auth methods and engines, imported inside getCredentials;
// commands/whoami: the whoami command's work; and the parts the client itself
// imports only when needed (the ~/.vault reader and token helper runner, the
// VAULT_CLIENT_TIMEOUT timer, the redirect rules, the proxy client), each its
// own module so a plain call never parses them. @cred-launch/core is inlined, as
// in the file plugin and the launcher: loading it as a separate module cost a
// module load on every cold call, and isCredentialError recognises errors
// across copies of core (a registered symbol). core stays a dependency for the
// types in dist/*.d.ts.
// Every bundle is also built as CommonJS (dist/*.cjs, minified; the package's
// "require" export, which the launcher loads where Node requires ES modules):
// a cold call then never starts Node's asynchronous ESM loader, and the
// plugin's import() of a package or built-in becomes require()
// (requireInCommonJs). Measured in README.md.
import { buildPluginBundles } from '../../scripts/build-bundles.mjs';

const lazy = [
  'fetch-credentials',
  'commands/whoami',
  'auth/cli-config',
  'auth/token-helper',
  'client/call-signal',
  'client/redirect',
  'client/proxied',
  'client/tls-connect',
  'client/tls-files',
];
await buildPluginBundles(lazy);

import { createRequire } from 'node:module';

/**
 * Loads a Node built-in with require instead of `import … from 'node:…'`.
 * Node 20's ES module facade of a built-in reads every one of its exports,
 * and some are lazy getters that do real work: node:net's `BlockList` and
 * `SocketAddress` load three more internal modules (≈1 M instructions),
 * node:tls's `rootCertificates` builds the PEM text of every bundled root CA
 * (≈3 M). Measured in plugins/vault/README.md, "Start-up cost". node:module
 * itself is already loaded by the launcher.
 */
export const requireBuiltin: NodeJS.Require = createRequire(import.meta.url);

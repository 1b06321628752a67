import { builtinModule } from '@cred-launch/core';

/**
 * Loads a Node built-in as require does (core's builtinModule) instead of
 * `import … from 'node:…'`. Node 20's ES module facade of a built-in reads
 * every one of its exports, and some are lazy getters that do real work:
 * node:net's `BlockList` and `SocketAddress` load three more internal modules
 * (≈1 M instructions), node:tls's `rootCertificates` builds the PEM text of
 * every bundled root CA (≈3 M). Measured in plugins/vault/README.md,
 * "Start-up cost".
 */
export function requireBuiltin(id: string): unknown {
  return builtinModule(id);
}

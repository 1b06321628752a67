/**
 * node:crypto, taken without its ES-module facade. `import … from
 * 'node:crypto'` makes Node build a facade that reads every export once,
 * getters included, and the `webcrypto` and `subtle` getters load WebCrypto,
 * which no code path here uses (measured in README.md).
 * `process.getBuiltinModule` (Node 20.16+) returns the CommonJS exports
 * as they are; older Node 20 releases import the module as before.
 */
import type * as NodeCrypto from 'node:crypto';

type Crypto = typeof NodeCrypto;

/** The node:crypto module. */
export const nodeCrypto: Crypto = (process.getBuiltinModule as ((id: 'node:crypto') => Crypto) | undefined)?.('node:crypto') ?? (await import('node:crypto'));

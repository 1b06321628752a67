/**
 * node:crypto, taken without its ES-module facade (core's builtinModule).
 * `import … from 'node:crypto'` makes Node build a facade that reads every
 * export once, getters included, and the `webcrypto` and `subtle` getters
 * load WebCrypto, which no code path here uses (measured in README.md). Not
 * a top-level `await import()` either: a module with top-level await cannot
 * be loaded with require(), so the launcher would fall back to import().
 */
import type * as NodeCrypto from 'node:crypto';
import { builtinModule } from '@cred-launch/core';

type Crypto = typeof NodeCrypto;

/** The node:crypto module. */
export const nodeCrypto: Crypto = builtinModule('node:crypto') as Crypto;

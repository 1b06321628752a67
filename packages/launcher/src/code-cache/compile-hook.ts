import { Module } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { cacheIdentity, fileNameHash } from './cache-file-name.js';
import type { Crc32 } from './checksum.js';
import { readCacheFile, expectedHeader } from './code-cache-file.js';
import { mayImportDynamically } from './dynamic-import-scan.js';

/** The parts of Node's CommonJS Module this hook uses (not all in @types/node). */
interface CommonJsModule {
  exports: unknown;
  require(id: string): unknown;
  _compile(content: string, filename: string, format?: string): unknown;
}
interface ModuleClass {
  prototype: CommonJsModule;
  wrap(source: string): string;
  _resolveFilename(request: string, parent: CommonJsModule, isMain: boolean, options?: unknown): string;
  _resolveLookupPaths(request: string, parent: CommonJsModule): string[] | null;
  _extensions: unknown;
  _cache: unknown;
}

/** A module compiled without a usable cache: its cache is written at exit. */
export interface PendingCache {
  path: string;
  header: string;
  script: Script;
}

/** What the hook did, for the debug line. */
export interface CompileCounts {
  used: number;
  refused: number;
}

function notAString(name: string, value: unknown): TypeError {
  return Object.assign(new TypeError(`The "${name}" argument must be of type string. Received type ${typeof value}`), { code: 'ERR_INVALID_ARG_TYPE' });
}

/** The `require` a module sees, as Node 20's makeRequireFunction builds it (without a policy manifest). */
function requireFor(module: CommonJsModule, Loader: ModuleClass): NodeJS.Require {
  const require = function require(id: string): unknown {
    return module.require(id);
  } as NodeJS.Require;
  const resolve = function resolve(request: string, options?: { paths?: string[] }): string {
    if (typeof request !== 'string') throw notAString('request', request);
    return Loader._resolveFilename(request, module, false, options);
  } as NodeJS.RequireResolve;
  resolve.paths = function paths(request: string): string[] | null {
    if (typeof request !== 'string') throw notAString('request', request);
    return Loader._resolveLookupPaths(request, module);
  };
  require.resolve = resolve;
  require.main = process.mainModule;
  require.extensions = Loader._extensions as NodeJS.Require['extensions'];
  require.cache = Loader._cache as NodeJS.Require['cache'];
  return require;
}

/**
 * Replaces Module.prototype._compile, as the `v8-compile-cache` package
 * does: each CommonJS module is compiled with `vm.Script` and the V8 code
 * cache found for it in `codeDir` (when `readable`), then run exactly as
 * Node runs it (same wrapper, `this`, arguments and `require`). Left to
 * Node's own _compile: ES modules (format 'module'), a source starting with
 * `#!` or that may call import() (see mayImportDynamically), and anything V8
 * will not compile this way (Node then decides: a syntax error, or ESM
 * syntax in a .js file that Node may load as ESM). Modules whose cache was
 * missing or refused are pushed to `pending`.
 */
export function hookCompile(codeDir: string, readable: boolean, execOptions: string, crc32: Crc32, pending: PendingCache[], counts: CompileCounts): void {
  const Loader = Module as unknown as ModuleClass;
  const original = Loader.prototype._compile;
  Loader.prototype._compile = function compileWithCodeCache(this: CommonJsModule, content: string, filename: string, format?: string): unknown {
    if (format === 'module' || typeof content !== 'string' || content.startsWith('#!') || mayImportDynamically(content)) {
      return original.call(this, content, filename, format);
    }
    const identity = cacheIdentity(filename, execOptions);
    const path = join(codeDir, `${fileNameHash(identity)}.v8`);
    const header = expectedHeader(identity, content, crc32);
    const found = readable ? readCacheFile(path, header, crc32) : { missing: true as const };
    const cachedData = 'data' in found ? found.data : undefined;
    let script: Script;
    try {
      script = new Script(Loader.wrap(content), { filename, cachedData });
    } catch {
      return original.call(this, content, filename, format);
    }
    if (cachedData !== undefined && script.cachedDataRejected !== true) counts.used += 1;
    else {
      if (!('missing' in found)) counts.refused += 1;
      pending.push({ path, header, script });
    }
    const wrapper = script.runInThisContext() as (...args: unknown[]) => unknown;
    const exports = this.exports;
    return Reflect.apply(wrapper, exports, [exports, requireFor(this, Loader), this, filename, dirname(filename)]);
  };
}

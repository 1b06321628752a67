/**
 * The first line scripts/build-bundles.mjs puts in every CommonJS plugin
 * bundle (its `__bundleImport`, what their import() of a package became):
 * require(), and import() only where require() refuses, ERR_REQUIRE_ESM (no
 * require(esm): Node before 20.19, or turned off) or ERR_REQUIRE_ASYNC_MODULE
 * (a module graph with top-level await). Where this Node requires ES modules,
 * its import() is reached only for the second, which no first-party plugin's
 * dependency has (test/code-cache.test.ts requires each one to keep it so):
 * such a bundle is cached all the same. Must match the
 * banner exactly (test/code-cache.test.ts checks the built plugins have it).
 */
export const BUNDLE_IMPORT_BANNER =
  'const __bundleImport = (id) => new Promise((resolve) => resolve(require(id))).catch((error) => { if (error?.code === "ERR_REQUIRE_ESM" || error?.code === "ERR_REQUIRE_ASYNC_MODULE") return import(id); throw error; });';

// Whether this Node loads an ES module with require() (20.19+), unflagged.
const REQUIRE_LOADS_ESM = (process.features as { require_module?: boolean }).require_module === true;

/** White space or a comment at `at` in `source`: the index after it, or `at` when there is none. */
function skipBlank(source: string, at: number): number {
  let i = at;
  for (;;) {
    const code = source.charCodeAt(i);
    if (code <= 32 && code > 0) i += 1;
    else if (code === 47 && source.charCodeAt(i + 1) === 42) {
      const end = source.indexOf('*/', i + 2);
      i = end === -1 ? source.length : end + 2;
    } else if (code === 47 && source.charCodeAt(i + 1) === 47) {
      const end = source.indexOf('\n', i + 2);
      i = end === -1 ? source.length : end + 1;
    } else if (code >= 0x80 && /\s/u.test(source[i] ?? '')) i += 1;
    else return i;
  }
}

/**
 * Whether a CommonJS source may call `import()`. On Node 20 (V8 11.3) a
 * script compiled through vm.Script here has no dynamic-import callback, on
 * a miss as on a hit, so its `import()` fails with
 * ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING (tested): such a module is left to
 * Node's own compiler. Errs towards yes (the word in a string or a longer
 * name also counts): a module wrongly left out only loses its cache. The
 * one exception is build-bundles' banner (BUNDLE_IMPORT_BANNER), where this
 * Node can require ES modules.
 */
export function mayImportDynamically(source: string, canRequireEsm: boolean = REQUIRE_LOADS_ESM): boolean {
  const banner = canRequireEsm ? source.indexOf(BUNDLE_IMPORT_BANNER) : -1;
  for (let at = source.indexOf('import'); at !== -1; at = source.indexOf('import', at + 6)) {
    if (banner !== -1 && at > banner && at < banner + BUNDLE_IMPORT_BANNER.length) continue;
    if (source.charCodeAt(skipBlank(source, at + 6)) === 40) return true;
  }
  return false;
}

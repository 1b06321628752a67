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
 * script compiled with a code cache keeps the dynamic-import callback of the
 * process that made the cache, so its `import()` fails with
 * ERR_VM_DYNAMIC_IMPORT_CALLBACK_MISSING (tested): such a module is left to
 * Node's own compiler. Errs towards yes (the word in a string or a longer
 * name also counts): a module wrongly left out only loses its cache.
 */
export function mayImportDynamically(source: string): boolean {
  for (let at = source.indexOf('import'); at !== -1; at = source.indexOf('import', at + 6)) {
    if (source.charCodeAt(skipBlank(source, at + 6)) === 40) return true;
  }
  return false;
}

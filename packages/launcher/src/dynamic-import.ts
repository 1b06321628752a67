/**
 * `import()` of a module by file URL, from a bundle of its own
 * (dist/dynamic-import.cjs, loaded only when called). On Node 20 the
 * launcher's code cache (src/code-cache.ts) leaves every module that may call
 * import() to Node's own compiler: a script compiled from V8's code cache
 * there cannot import() (it keeps the dynamic-import callback of the process
 * that made the cache). With the launcher's import() calls here, the modules
 * a credential call runs (main, plugin-call) can use the cache; this one
 * only loads for a plugin that needs import() (top-level await, an older
 * Node) and for @cred-launch/sts.
 */
export async function importModule(url: string): Promise<Record<string, unknown>> {
  return (await import(url)) as Record<string, unknown>;
}

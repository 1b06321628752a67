// Builds a package's dist as self-contained ESM bundles, one per entry. Every
// published runtime package is built by this helper, because every module a
// call loads is start-up time on every `aws` call (measurements in
// packages/launcher/README.md; `pnpm --filter @cred-launch/bench modules`
// counts them).
//
// Why not esbuild's code splitting: it makes each entry import the chunks it
// shares with the lazily loaded ones, and every extra module is start-up time.
// A dynamic import() of a module listed in `lazy` stays a dynamic import, and
// that module is an entry of its own; a dynamic import of anything else is
// bundled in (still correct, just not lazy). What the bundles duplicate costs
// nothing at run time.
//
// What stays external: the package's own runtime dependencies (dependencies,
// peerDependencies, optionalDependencies in its package.json), minus the ones
// named in `inline`. Everything else — devDependencies such as
// @cred-launch/core for the launcher, and private workspace packages — is
// bundled in. A private workspace package listed as a runtime dependency is an
// error: npm could never install it.
//
// The new dist is built beside the old one and swapped in with renames, so a
// process starting during a rebuild never sees a half-written or missing dist.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

/**
 * @param {{ entries: string[], lazy?: string[], external?: string[], inline?: string[], commonJsEntries?: string[], commonJsBundles?: string[], requireInCommonJs?: boolean, commonJsTypes?: string[] }} options
 *   entries: module names under src/ (without .ts, e.g. 'index' or 'commands/whoami'), each
 *     becoming dist/<name>.js;
 *   lazy: the entries that are only ever imported dynamically (kept as import() of dist/<name>.js);
 *   external: more packages kept as real imports, besides the runtime dependencies;
 *   inline: runtime dependencies bundled in all the same (e.g. @cred-launch/core in a plugin);
 *   commonJsEntries: entries built as CommonJS instead, dist/<name>.cjs, for a
 *     CommonJS bin that must not start Node's ESM loader (the launcher's cache
 *     hit); `import.meta.url` there is the .cjs file's own URL. @default []
 *   commonJsBundles: entries (or lazy entries) also built as CommonJS, dist/<name>.cjs, whose
 *     import() of a lazy entry becomes require() of that entry's .cjs (so every lazy entry
 *     they import must be listed too): a call that starts in CommonJS stays out of Node's
 *     ESM loader, and `import` of a built-in does not load every lazy part of it. @default []
 *   requireInCommonJs: in the commonJsBundles, `import('x')` of a Node built-in or of an
 *     external package (a string literal) becomes require('x') too, falling back to import('x')
 *     where require() refuses the module (an ES module on a Node without require(esm), or one
 *     with top-level await): an import() from CommonJS starts Node's asynchronous ESM loader,
 *     even for a CommonJS package. What the call then gets is what require() returns:
 *     module.exports for a CommonJS package, with no `default` key added; the code must use its
 *     named exports only. @default false
 *   commonJsTypes: commonJsBundles that a package exports (under "require"), each given
 *     dist/<name>.d.cts, which re-exports the declarations tsc writes for the ES module build
 *     (dist/<name>.d.ts): TypeScript reads a .d.ts in a "type": "module" package as an ES
 *     module's, wrong for a require() of the .cjs (publint --strict refuses it). @default []
 * Every bundle sees `__PACKAGE_VERSION__`, the package.json version at build
 * time (a module run from src/ sees no such global: `typeof` tells).
 */
export async function buildSelfContainedBundles({
  entries,
  lazy = [],
  external = [],
  inline = [],
  commonJsEntries = [],
  commonJsBundles = [],
  requireInCommonJs = false,
  commonJsTypes = [],
}) {
  const packageJson = JSON.parse(readFileSync('package.json', 'utf8'));
  const runtime = Object.keys({ ...packageJson.dependencies, ...packageJson.peerDependencies, ...packageJson.optionalDependencies });
  refusePrivateRuntimeDependencies(packageJson.name, runtime);
  const externals = [...new Set([...runtime.filter((name) => !inline.includes(name)), ...external])];
  const unknownLazy = lazy.filter((name) => !entries.includes(name));
  if (unknownLazy.length > 0) throw new Error(`build-bundles: lazy modules must also be entries: ${unknownLazy.join(', ')}`);

  const lazyNotCommonJs = commonJsBundles.length > 0 ? lazy.filter((name) => !commonJsBundles.includes(name)) : [];
  if (lazyNotCommonJs.length > 0) throw new Error(`build-bundles: lazy modules a CommonJS bundle may require must be CommonJS bundles too: ${lazyNotCommonJs.join(', ')}`);

  const staging = `.dist-build-${process.pid}`;
  for (const entry of entries) {
    await build({
      entryPoints: [`src/${entry}.ts`],
      outfile: `${staging}/${entry}.js`,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external: externals,
      plugins: [keepLazyImportsExternal(entry, lazy)],
      define: { __PACKAGE_VERSION__: JSON.stringify(packageJson.version) },
      legalComments: 'none',
      logLevel: 'warning',
    });
  }
  // A CommonJS entry has no lazy imports to keep: it must stay one file.
  for (const entry of commonJsEntries) {
    await build({ ...commonJsOptions(packageJson.version), entryPoints: [`src/${entry}.ts`], outfile: `${staging}/${entry}.cjs`, external: externals });
  }
  for (const entry of commonJsBundles) await buildCommonJsBundle(entry, staging, externals, lazy, packageJson.version, requireInCommonJs);
  for (const entry of commonJsTypes) {
    if (!commonJsBundles.includes(entry)) throw new Error(`build-bundles: commonJsTypes names ${entry}, which is not one of the commonJsBundles`);
    const declarations = `./${entry.split('/').pop()}.js`;
    writeFileSync(
      `${staging}/${entry}.d.cts`,
      `// The CommonJS build's types: the ES module build's declarations.\nexport * from '${declarations}';\nexport { default } from '${declarations}';\n`,
    );
  }
  const retired = `.dist-old-${process.pid}`;
  try {
    renameSync('dist', retired);
  } catch {
    // first build: nothing to retire
  }
  renameSync(staging, 'dist');
  rmSync(retired, { recursive: true, force: true });
}

/**
 * A first-party plugin's dist: `dist/index.js` and one module per lazy entry,
 * each as an ES module and as CommonJS (`.cjs`, exported under "require":
 * the launcher require()s it, and its code cache covers CommonJS only), with
 * @cred-launch/core inlined and `index.d.cts` types for CommonJS consumers.
 * @param {string[]} [lazy] the entries only ever imported dynamically
 */
export async function buildPluginBundles(lazy = []) {
  const entries = ['index', ...lazy];
  await buildSelfContainedBundles({ entries, lazy, inline: ['@cred-launch/core'], commonJsBundles: entries, requireInCommonJs: true, commonJsTypes: ['index'] });
}

/**
 * Leaves `import('./x.js')` alone when src/x.ts is a lazy entry, rewritten
 * relative to the bundle being built (the importer may sit in a subfolder of
 * src/, its code ends up in dist/<entry>.js).
 */
function keepLazyImportsExternal(entry, lazy, extension = '.js') {
  const src = resolve('src');
  const outDir = dirname(resolve('dist', `${entry}${extension}`));
  return {
    name: 'keep-lazy-imports-external',
    setup(builder) {
      // esbuild filters are Go regexps: no u flag.
      builder.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const target = relative(src, resolve(args.resolveDir, args.path)).split(sep).join('/').replace(/\.js$/, '');
        if (!lazy.includes(target) || target === entry) return undefined;
        const path = relative(outDir, resolve('dist', `${target}${extension}`))
          .split(sep)
          .join('/');
        return { path: path.startsWith('.') ? path : `./${path}`, external: true };
      });
    },
  };
}

/**
 * What every CommonJS build shares. Minified: V8 pre-parses every function
 * of a script it loads, and the launcher's hit measured 4M instructions less
 * (93.1M against 97.1M for a process that only loads it); the launcher
 * catches every error and prints no stack, so nothing is lost to the
 * minifier. `import.meta.url` is computed only when used: pathToFileURL alone
 * cost 2M instructions (of ~12M for the launcher's fast path) when it ran at
 * load. The package version is built in as `__PACKAGE_VERSION__`.
 */
function commonJsOptions(version) {
  return {
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    define: { 'import.meta.url': '__bundleMeta.url', __PACKAGE_VERSION__: JSON.stringify(version) },
    banner: { js: 'const __bundleMeta = { get url() { return require("node:url").pathToFileURL(__filename).href; } };' },
    legalComments: 'none',
    logLevel: 'warning',
  };
}

/**
 * dist/<entry>.cjs: the entry as CommonJS, its lazy imports kept as
 * `import('./x.cjs')` by the plugin and then turned into `require('./x.cjs')`
 * (a CommonJS file that import()s starts the ESM loader). esbuild's own
 * lowering of import() would also turn `import(url)` of a plugin into a
 * require() of a URL, so only the lazy entries' imports are rewritten.
 */
async function buildCommonJsBundle(entry, staging, externals, lazy, version, requireInCommonJs) {
  const options = commonJsOptions(version);
  const result = await build({
    ...options,
    ...(requireInCommonJs ? { banner: { js: `${options.banner.js}\n${REQUIRE_OR_IMPORT}` } } : {}),
    entryPoints: [`src/${entry}.ts`],
    outfile: `${staging}/${entry}.cjs`,
    external: externals,
    plugins: [keepLazyImportsExternal(entry, lazy, '.cjs')],
    write: false,
  });
  for (const file of result.outputFiles) {
    let text = file.text.replace(/\bimport\((["'])(\.{1,2}\/[^"']+\.cjs)\1\)/gu, (_, quote, path) => `Promise.resolve().then(() => require(${quote}${path}${quote}))`);
    if (requireInCommonJs) text = text.replace(/\bimport\((["'])((?:node:)?[@a-z0-9][^"'\s]*)\1\)/gu, (_, quote, id) => `__bundleImport(${quote}${id}${quote})`);
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, text);
  }
}

/**
 * `requireInCommonJs`'s stand-in for import() of a built-in or a package: require()
 * where it can (no ESM loader), import() where require() refuses: an ES module on a
 * Node without require(esm) (ERR_REQUIRE_ESM, before 20.19 / 22.12) or a module
 * graph with top-level await (ERR_REQUIRE_ASYNC_MODULE). Asynchronous like import(),
 * so a throw while loading still rejects the promise the caller awaits.
 */
const REQUIRE_OR_IMPORT =
  'const __bundleImport = (id) => new Promise((resolve) => resolve(require(id))).catch((error) => { if (error?.code === "ERR_REQUIRE_ESM" || error?.code === "ERR_REQUIRE_ASYNC_MODULE") return import(id); throw error; });';

/** A private workspace package can only ever be bundled in, never installed. */
function refusePrivateRuntimeDependencies(name, runtime) {
  for (const dependency of runtime) {
    const manifest = join('node_modules', dependency, 'package.json');
    if (!existsSync(manifest)) continue;
    if (JSON.parse(readFileSync(manifest, 'utf8')).private === true) {
      throw new Error(`build-bundles: ${name} lists the private package ${dependency} as a runtime dependency; make it a devDependency (it is bundled in)`);
    }
  }
}

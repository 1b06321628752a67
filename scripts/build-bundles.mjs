// Builds a package's dist as self-contained ESM bundles, one per entry, used
// by packages whose start-up matters on every `aws` call (the launcher and the
// file plugin). Why not esbuild's code splitting: it makes each entry import
// the chunks it shares with the lazily loaded ones, and every extra module is
// start-up time (measurements in packages/launcher/README.md). A dynamic
// import of a name in `lazy` is left as it is, and that module is an entry of
// its own; what the bundles duplicate costs nothing at run time.
// The new dist is built beside the old one and swapped in with renames, so a
// process starting during a rebuild never sees a half-written or missing dist.
import { build } from 'esbuild';
import { renameSync, rmSync } from 'node:fs';
import { posix, resolve } from 'node:path';

/**
 * @param {{ entries: string[], lazy: string[], external?: string[] }} options
 *   entries: module names under src/ (without .ts), each becoming dist/<name>.js;
 *   lazy: the entries that are only ever imported dynamically;
 *   external: packages kept as real dependencies.
 */
export async function buildSelfContainedBundles({ entries, lazy, external = [] }) {
  const staging = `.dist-build-${process.pid}`;
  // A lazy module is recognised by the file a dynamic import names (src/<name>.ts),
  // and the import is rewritten relative to the bundle being built: an entry
  // may sit in a subfolder (dist/commands/x.js) that is not its importer's.
  const lazyBySource = new Map(lazy.map((name) => [resolve('src', `${name}.ts`), name]));
  const keepLazyImportsExternal = (entry) => ({
    name: 'keep-lazy-imports-external',
    setup(builder) {
      builder.onResolve({ filter: /^\.\.?\// }, (args) => {
        if (args.kind !== 'dynamic-import') return undefined;
        const name = lazyBySource.get(resolve(args.resolveDir, args.path).replace(/\.js$/u, '.ts'));
        if (name === undefined) return undefined;
        const path = posix.relative(posix.dirname(entry), name);
        return { path: `${path.startsWith('.') ? path : `./${path}`}.js`, external: true };
      });
    },
  });
  for (const entry of entries) {
    await build({
      entryPoints: [`src/${entry}.ts`],
      outfile: `${staging}/${entry}.js`,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      external,
      plugins: [keepLazyImportsExternal(entry)],
      legalComments: 'none',
      logLevel: 'warning',
    });
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

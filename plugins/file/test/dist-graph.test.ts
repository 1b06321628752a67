/**
 * What the launcher loads for this plugin is the bundle in dist. Its static
 * import graph (everything loaded by `import('@cred-launch/plugin-file')`)
 * must not reach age-encryption: only the age chunk, loaded with import(),
 * may. Built by `node build.mjs` (the test script runs it first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const DIST = fileURLToPath(new URL('../dist/', import.meta.url));
// index.js and age.js are minified (build.mjs): a static import need not start a line.
const STATIC_IMPORT = /(?<![\w$.])import\s*(?:[^'"()]*?\s*from\s*)?["']([^"']+)["']/gu;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/gu;

function staticGraph(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(join(DIST, file), 'utf8').matchAll(STATIC_IMPORT)) {
      const specifier = match[1] ?? '';
      if (specifier.startsWith('./')) visit(specifier.slice(2));
      else seen.add(specifier);
    }
  };
  visit(entry);
  return seen;
}

describe.skipIf(!existsSync(join(DIST, 'index.js')))('dist bundle', () => {
  test('the static graph of index.js holds node built-ins and own chunks only, never age-encryption', () => {
    const graph = [...staticGraph('index.js')];
    // The scan does read the (minified) bundle: its node:path import is found
    // (core takes node:fs with process.getBuiltinModule, not an import).
    expect(graph).toContain('node:path');
    expect(graph).not.toContain('age-encryption');
    expect(graph.filter((name) => name.startsWith('age'))).toEqual([]);
    expect(graph.filter((name) => !name.startsWith('node:') && !name.endsWith('.js'))).toEqual([]);
  });

  test('a cold decrypt reads one module: index.js imports nothing but node built-ins', () => {
    expect([...staticGraph('index.js')].filter((name) => name !== 'index.js' && !name.startsWith('node:'))).toEqual([]);
  });

  test('age-encryption is reached only through a dynamic import of the age chunk', () => {
    const dynamic = [...readFileSync(join(DIST, 'index.js'), 'utf8').matchAll(DYNAMIC_IMPORT)].map((match) => match[1] ?? '');
    const ageChunk = dynamic.find((specifier) => /^\.\/age(-[A-Z0-9]+)?\.js$/u.test(specifier));
    expect(ageChunk).toBeDefined();
    expect(readFileSync(join(DIST, ageChunk ?? ''), 'utf8')).toMatch(/import\(["']age-encryption["']\)/u);
  });
});

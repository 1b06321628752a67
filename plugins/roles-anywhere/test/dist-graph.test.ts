/**
 * What the launcher loads for this plugin is the bundle in dist: one file
 * whose static imports are Node built-ins only (core is bundled in), and
 * which loads node:http/node:https only when it sends the request, so
 * `--help` and argument errors never load the TLS stack. Built by
 * `node build.mjs` (the test script runs it first).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const INDEX = fileURLToPath(new URL('../dist/index.js', import.meta.url));
const STATIC_IMPORT = /^\s*import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gmu;
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)/gu;

describe.skipIf(!existsSync(INDEX))('dist bundle', () => {
  test('index.js statically imports node built-ins only, and never node:http(s)', () => {
    const text = readFileSync(INDEX, 'utf8');
    const imports = [...text.matchAll(STATIC_IMPORT)].map((match) => match[1] ?? '');
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((name) => !name.startsWith('node:'))).toEqual([]);
    expect(imports).not.toContain('node:https');
    expect(imports).not.toContain('node:http');
    expect([...text.matchAll(DYNAMIC_IMPORT)].map((match) => match[1]).sort()).toEqual(['node:http', 'node:https']);
  });
});

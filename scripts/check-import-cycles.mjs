#!/usr/bin/env node
// Fails when any package's src/ has an import cycle. A cycle makes the order
// modules run in depend on which one is imported first, and it hides which
// file owns what; `docs/architecture.md` says what may import what.
//
// A small static scan, no dependencies: every relative specifier in
// `import … from`, `export … from`, `import type …` and `import('…')` with a
// literal string counts, type-only and lazy imports included (a type-only
// import still couples two files, and a lazy one still runs them both).
// Usage: node scripts/check-import-cycles.mjs [root]   (exit 1 on a cycle)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..'));
const WORKSPACE_DIRS = ['packages', 'plugins', 'examples'];
const SOURCE_FILE = /\.(?:ts|mts|cts|js|mjs|cjs)$/u;
// `from '…'`, `import '…'` and `import('…')`; comments are stripped first.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)(['"])(\.{1,2}\/[^'"]+)\1/gu;

function walk(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...walk(path));
    else if (SOURCE_FILE.test(name) && !name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

function sourceDirs() {
  const dirs = [];
  for (const group of WORKSPACE_DIRS) {
    const groupDir = join(ROOT, group);
    if (!existsSync(groupDir)) continue;
    for (const name of readdirSync(groupDir)) {
      const src = join(groupDir, name, 'src');
      if (existsSync(src) && statSync(src).isDirectory()) dirs.push(src);
    }
  }
  return dirs;
}

function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//gu, '').replace(/(^|[^:'"`\\])\/\/.*$/gmu, '$1');
}

/** The file a relative specifier names: `./x.js` is `./x.ts` in the source tree. */
function resolveSpecifier(from, specifier, known) {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/u, '.ts'), base.replace(/\.mjs$/u, '.mts'), base.replace(/\.cjs$/u, '.cts'), `${base}.ts`, join(base, 'index.ts')];
  return candidates.find((candidate) => known.has(candidate));
}

/** Every cycle's files, one list per strongly connected component (Tarjan). */
export function findCycles(graph) {
  let index = 0;
  const indices = new Map();
  const lowLinks = new Map();
  const stack = [];
  const onStack = new Set();
  const cycles = [];
  const visit = (node) => {
    indices.set(node, index);
    lowLinks.set(node, index);
    index += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indices.has(next)) {
        visit(next);
        lowLinks.set(node, Math.min(lowLinks.get(node), lowLinks.get(next)));
      } else if (onStack.has(next)) {
        lowLinks.set(node, Math.min(lowLinks.get(node), indices.get(next)));
      }
    }
    if (lowLinks.get(node) === indices.get(node)) {
      const component = [];
      let member;
      do {
        member = stack.pop();
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      const selfImport = component.length === 1 && (graph.get(node) ?? []).includes(node);
      if (component.length > 1 || selfImport) cycles.push(component.sort());
    }
  };
  for (const node of graph.keys()) if (!indices.has(node)) visit(node);
  return cycles;
}

function buildGraph() {
  const files = sourceDirs().flatMap(walk);
  const known = new Set(files);
  const graph = new Map();
  for (const file of files) {
    const text = stripComments(readFileSync(file, 'utf8'));
    const targets = new Set();
    for (const match of text.matchAll(SPECIFIER)) {
      const target = resolveSpecifier(file, match[2], known);
      if (target) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const graph = buildGraph();
  const cycles = findCycles(graph);
  if (cycles.length === 0) {
    console.log(`import cycles: none in ${graph.size} source files`);
  } else {
    console.error(`import cycles: ${cycles.length} found (see docs/architecture.md for what may import what)`);
    for (const cycle of cycles) console.error(`  ${cycle.map((file) => relative(ROOT, file)).join(' <-> ')}`);
    process.exitCode = 1;
  }
}

import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { tempDir } from './helpers/spawn.js';

// scripts/check-import-cycles.mjs runs in `pnpm lint`; this proves it can fail.
const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'check-import-cycles.mjs');

function check(root: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [SCRIPT, root], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

function tree(files: Record<string, string>): string {
  const root = tempDir('cred-launch-cycles-');
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

describe('the import-cycle check', () => {
  test('the repository has none', () => {
    const { status, output } = check(ROOT);
    expect(output).toMatch(/^import cycles: none in \d+ source files/u);
    expect(status).toBe(0);
  });

  test('fails on a cycle made of a type-only import and a lazy import (the old run-command ↔ run-plugin shape)', () => {
    const root = tree({
      'packages/x/src/run-plugin.ts': "export async function f() { return import('./run-command.js'); }\n",
      'packages/x/src/run-command.ts': "import type { T } from './run-plugin.js';\nexport const g = (t: T) => t;\n",
      'packages/x/src/alone.ts': "import { f } from './run-plugin.js';\n",
    });
    const { status, output } = check(root);
    expect(status).toBe(1);
    expect(output).toContain('packages/x/src/run-command.ts <-> packages/x/src/run-plugin.ts');
    expect(output).not.toContain('alone.ts');
  });

  test('an import written in a comment is not a cycle', () => {
    const root = tree({
      'plugins/y/src/index.ts': "export { suite } from './suite.js';\n",
      'plugins/y/src/suite.ts': "/**\n * import source from './index.js';\n */\nexport const suite = 1; // import('./index.js')\n",
    });
    expect(check(root).status).toBe(0);
  });
});

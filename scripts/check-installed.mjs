#!/usr/bin/env node
// CI: the cred-launch that `pnpm install-global --prefix P file` installed
// works on its own: it lists exactly the file plugin, encrypts a credentials
// file and reads it back through the installed bin (no workspace on the path).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const bin = process.argv[2];
const work = mkdtempSync(join(tmpdir(), 'cred-launch-installed-'));
const env = { PATH: process.env.PATH, HOME: work, CRED_LAUNCH_CACHE_DIR: join(work, 'cache') };
const run = (args) => execFileSync(bin, args, { cwd: work, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
try {
  const plugins = run(['plugins']).trim().split('\n');
  if (plugins.length !== 1 || !plugins[0].startsWith('file ')) throw new Error(`expected only the file plugin, got: ${plugins.join(' / ')}`);
  const plain = join(work, 'credentials');
  writeFileSync(plain, '[default]\naws_access_key_id = AKIAINSTALLGLOBAL001\naws_secret_access_key = installGlobalSecret000000000000000000000\n', { mode: 0o600 });
  run(['file', 'encrypt', plain, '--out', join(work, 'credentials.enc'), '--key-file', join(work, 'key'), '--generate-key']);
  const document = JSON.parse(run(['file', join(work, 'credentials.enc'), '--key-file', join(work, 'key')]));
  if (document.Version !== 1 || document.AccessKeyId !== 'AKIAINSTALLGLOBAL001') throw new Error('the installed bin printed the wrong document');
  console.log(`install-global ok: ${bin} lists the file plugin and reads what it encrypted`);
} finally {
  rmSync(work, { recursive: true, force: true });
}

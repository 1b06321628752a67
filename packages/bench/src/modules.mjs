#!/usr/bin/env node
// `pnpm --filter @cred-launch/bench modules`: how many modules a cold
// `cred-launch --no-cache vault …` call loads, counted with a module-load
// hook (module-hook.mjs) against the local Vault test server. "Project
// modules" are files of this repository's packages (workspace packages are
// resolved to their real paths, outside node_modules); "dependency modules"
// are files under node_modules. Node's built-ins are not counted.
//   pnpm --filter @cred-launch/bench modules             the table
//   pnpm --filter @cred-launch/bench modules -- --list   and every file
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(repo, 'packages', 'launcher', 'bin', 'cred-launch.js');
const hook = fileURLToPath(new URL('./module-hook.mjs', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'cred-launch-modules-'));

/** Runs the bin once under the hook; resolves the exit code, stdout and the loaded files. */
function loadedModules(args, env) {
  const logFile = join(work, `modules-${Date.now()}.log`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', pathToFileURL(hook).href, bin, ...args], {
      env: { PATH: process.env.PATH, HOME: work, CRED_LAUNCH_CACHE_DIR: join(work, 'cache'), CRED_LAUNCH_MODULE_LOG: logFile, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      let lines = [];
      try {
        lines = readFileSync(logFile, 'utf8').trim().split('\n');
      } catch {
        // nothing was loaded through the hook
      }
      const files = [
        ...new Set(
          lines
            .map((line) => line.slice(4))
            .filter((url) => url.startsWith('file:'))
            .map((url) => fileURLToPath(url)),
        ),
      ];
      resolve({ code, stdout, stderr, files });
    });
  });
}

const { startVaultTestServer } = await import(pathToFileURL(join(repo, 'packages/vault-test-server/dist/index.js')).href);
const server = await startVaultTestServer();
try {
  server.state.putSecret('secret/aws/modules', { access_key_id: 'AKIAMODULECOUNT00001', secret_access_key: 'moduleCountSecret000000000000000000000000' });
  const result = await loadedModules(['--no-cache', 'vault', 'secret/aws/modules'], { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' });
  if (result.code !== 0 || JSON.parse(result.stdout).AccessKeyId !== 'AKIAMODULECOUNT00001') {
    throw new Error(`the vault call failed (exit ${result.code}): ${result.stderr.trim()}`);
  }
  const hookFile = hook;
  const files = result.files.filter((file) => file !== hookFile);
  const project = files.filter((file) => !relative(repo, file).startsWith('..') && !file.includes('/node_modules/'));
  const dependencies = files.filter((file) => file.includes('/node_modules/'));
  console.log('cold `cred-launch --no-cache vault secret/aws/modules` against @cred-launch/vault-test-server:');
  console.log(`  project modules:    ${project.length}`);
  console.log(`  dependency modules: ${dependencies.length}`);
  if (process.argv.includes('--list')) for (const file of files) console.log(`    ${relative(repo, file)}`);
} finally {
  await server.close();
  rmSync(work, { recursive: true, force: true });
}

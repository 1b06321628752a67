#!/usr/bin/env node
// `pnpm demo`: the whole product on an embedded default, no server needed.
// 1. a throwaway key and an OpenSSL-encrypted credentials file in a temp dir
//    (made by `cred-launch file encrypt`, the migration command users run);
// 2. a temp AWS config whose profile uses credential_process = cred-launch file …;
// 3. the AWS SDK for JavaScript resolves that profile, as any SDK client would.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { fromIni } from '@aws-sdk/credential-providers';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(repo, 'packages', 'launcher', 'bin', 'cred-launch.js');
const work = mkdtempSync(join(tmpdir(), 'cred-launch-demo-'));
const quote = (path) => (path.includes(' ') ? `"${path}"` : path);
const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
const accessKeyId = `AKIA${Array.from(randomBytes(16), (byte) => alphabet[byte % 32]).join('')}`;
const secretAccessKey = randomBytes(30).toString('base64');

try {
  const plaintext = join(work, 'credentials');
  const encrypted = join(work, 'static_credentials.enc');
  const keyFile = join(work, 'aws-creds.key');
  writeFileSync(plaintext, `[demo]\naws_access_key_id = ${accessKeyId}\naws_secret_access_key = ${secretAccessKey}\n`, { mode: 0o600 });

  const encrypt = spawnSync(process.execPath, [bin, 'file', 'encrypt', plaintext, '--out', encrypted, '--key-file', keyFile, '--generate-key'], { encoding: 'utf8' });
  if (encrypt.status !== 0) throw new Error(`encrypt failed:\n${encrypt.stderr}`);
  rmSync(plaintext);
  console.log(`1. encrypted throwaway credentials into ${encrypted}\n   (key: ${keyFile}, mode 600; the plaintext is deleted)`);

  const config = join(work, 'config');
  const line = `credential_process = ${quote(process.execPath)} ${quote(bin)} file ${quote(encrypted)} --key-file ${quote(keyFile)} --profile demo`;
  writeFileSync(config, `[profile demo]\n${line}\n`);
  writeFileSync(join(work, 'empty-credentials'), '');
  console.log(`2. wrote ${config}:\n   [profile demo]\n   ${line}`);

  process.env.CRED_LAUNCH_CACHE_DIR = join(work, 'cache');
  const started = performance.now();
  const credentials = await fromIni({ profile: 'demo', configFilepath: config, filepath: join(work, 'empty-credentials'), ignoreCache: true })();
  const elapsed = Math.round(performance.now() - started);
  const masked = `${'*'.repeat(16)}${credentials.accessKeyId.slice(-4)}`;
  console.log(`3. the AWS SDK for JavaScript resolved profile "demo" through cred-launch in ${elapsed} ms:\n   access key id ${masked} (secret not shown)`);
  if (credentials.accessKeyId !== accessKeyId || credentials.secretAccessKey !== secretAccessKey) throw new Error('the SDK got different keys than were encrypted');
  console.log('demo ok: the keys the SDK received are the ones that were encrypted.');
} finally {
  rmSync(work, { recursive: true, force: true });
}

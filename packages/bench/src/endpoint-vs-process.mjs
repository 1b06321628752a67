#!/usr/bin/env node
// `pnpm --filter @cred-launch/bench bench:endpoint`: what one SDK credential
// fetch costs from `cred-launch serve`'s loopback endpoint against spawning
// the credential_process (a cache hit, the cheapest spawn there is), both
// through the AWS SDK for JavaScript's own providers (fromHttp, fromProcess),
// side by side in the same run. Reports medians and the ratio.
//   BENCH_RUNS=50 pnpm --filter @cred-launch/bench bench:endpoint
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHttp, fromProcess } from '@aws-sdk/credential-providers';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const bin = join(repo, 'packages', 'launcher', 'bin', 'cred-launch.js');
const node = process.execPath;
const runs = Number(process.env.BENCH_RUNS ?? 30);
const work = mkdtempSync(join(tmpdir(), 'cred-launch-bench-endpoint-'));
const env = { ...process.env, CRED_LAUNCH_CACHE_DIR: join(work, 'cache') };

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

let server;
try {
  const plaintext = join(work, 'credentials');
  writeFileSync(plaintext, '[default]\naws_access_key_id = AKIABENCHENDPOINT001\naws_secret_access_key = benchmarkEndpointSecret0000000000000000\n', { mode: 0o600 });
  const enc = join(work, 'creds.enc');
  const key = join(work, 'creds.key');
  const encrypt = spawnSync(node, [bin, 'file', 'encrypt', plaintext, '--out', enc, '--key-file', key, '--generate-key'], { env, encoding: 'utf8' });
  if (encrypt.status !== 0) throw new Error(encrypt.stderr);
  const call = ['--cache-ttl', '1h', 'file', enc, '--key-file', key];
  const config = join(work, 'config');
  writeFileSync(config, `[profile bench]\ncredential_process = ${node} ${bin} ${call.join(' ')}\n`);

  server = spawn(node, [bin, 'serve', ...call.slice(2)], { env: { ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let printed = '';
  await new Promise((resolve, reject) => {
    server.stdout.on('data', (chunk) => {
      printed += chunk;
      if (printed.includes('AWS_CONTAINER_AUTHORIZATION_TOKEN')) resolve();
    });
    server.on('exit', () => reject(new Error('cred-launch serve ended early')));
  });
  const uri = /AWS_CONTAINER_CREDENTIALS_FULL_URI='([^']+)'/u.exec(printed)[1];
  const token = readFileSync(/cat '([^']+)'/u.exec(printed)[1], 'utf8');

  const endpointFetch = () => fromHttp({ awsContainerCredentialsFullUri: uri, awsContainerAuthorizationToken: token })();
  const processFetch = () => fromProcess({ profile: 'bench', configFilepath: config, filepath: join(work, 'none'), ignoreCache: true })();
  // Warm both (and fill the cache the spawned process reads).
  for (let i = 0; i < 3; i += 1) {
    await endpointFetch();
    await processFetch();
  }
  const times = { endpoint: [], process: [] };
  for (let i = 0; i < runs; i += 1) {
    for (const [name, fetch] of [
      ['endpoint', endpointFetch],
      ['process', processFetch],
    ]) {
      const started = process.hrtime.bigint();
      const credentials = await fetch();
      times[name].push(Number(process.hrtime.bigint() - started) / 1e6);
      if (credentials.accessKeyId !== 'AKIABENCHENDPOINT001') throw new Error(`${name}: wrong key`);
    }
  }
  const endpoint = median(times.endpoint);
  const spawned = median(times.process);
  console.log(`| one SDK credential fetch (JS SDK, ${runs} runs, round-robin) | median ms | ratio to spawning |
| --- | ---: | ---: |
| fromProcess: spawn cred-launch (cache hit) | ${spawned.toFixed(2)} | 1.00x |
| fromHttp: cred-launch serve endpoint | ${endpoint.toFixed(2)} | ${(endpoint / spawned).toFixed(3)}x |

Node ${process.version}${process.env.NODE_EXTRA_CA_CERTS ? ', NODE_EXTRA_CA_CERTS set' : ', NODE_EXTRA_CA_CERTS unset'}.`);
} finally {
  server?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
}

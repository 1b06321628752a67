/**
 * exec, exec --server, export and serve through the built bin, judged by
 * real consumers in the child: the JS SDK's providers, botocore where python3
 * has it. The Go SDK's judgement is in sdk-interop-go.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { BIN, FIXTURES, runLauncher, tempDir } from './helpers/spawn.js';

const good = join(FIXTURES, 'good.mjs');
const counter = join(FIXTURES, 'counter.mjs');
const SECRET = 'frontEndSecretExample00000000000000000001';
const TOKEN = 'frontEndSessionTokenExample000000000000001';
const PACKAGE_DIR = join(dirname(fileURLToPath(import.meta.url)), '..');
const hasBotocore = spawnSync('python3', ['-c', 'import botocore'], { stdio: 'ignore' }).status === 0;

/** A node one-liner the child runs: prints what it was given as JSON on stdout. */
const printEnv = `process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('AWS_') || k.startsWith('CRED_LAUNCH_EXEC')))))`;

interface Running {
  pid: number;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
  stdout: () => string;
}

function start(args: readonly string[], env: Record<string, string> = {}): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: PACKAGE_DIR,
    env: { PATH: process.env.PATH ?? '', HOME: tempDir(), CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
  return { pid: child.pid ?? 0, done, stdout: () => stdout };
}

async function waitFor(predicate: () => boolean, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > until) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function portIsClosed(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.on('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(true));
  });
}

describe('cred-launch exec', () => {
  test('the keys reach the child; AWS_PROFILE and AWS_DEFAULT_PROFILE are removed', async () => {
    const result = await runLauncher(['exec', good, 'ASIAEXECEXAMPLE00001', '--expires-in', '3600', '--', process.execPath, '-e', printEnv], {
      env: { FIXTURE_SECRET: SECRET, FIXTURE_SESSION_TOKEN: TOKEN, AWS_PROFILE: 'other', AWS_DEFAULT_PROFILE: 'other', AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/x' },
    });
    expect(result.code, result.stderr).toBe(0);
    const env = JSON.parse(result.stdout) as Record<string, string>;
    expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: 'ASIAEXECEXAMPLE00001', AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN });
    expect(env.AWS_CREDENTIAL_EXPIRATION).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/u);
    for (const name of ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI']) expect(env[name]).toBeUndefined();
    expect(result.stderr).toBe('');
  });

  test("the child's exit code is cred-launch's", async () => {
    const result = await runLauncher(['exec', good, 'AKIAEXECEXAMPLE00002', '--', process.execPath, '-e', 'process.exit(7)']);
    expect(result.code).toBe(7);
  });

  test.each([
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const)(
    '%s sent to cred-launch reaches the child, and the exit says so (%i)',
    async (signal, code) => {
      const marker = join(tempDir(), 'started');
      // The child notes that the signal reached it, then dies of it as a program without a handler would.
      const script = [
        `const fs = require('fs');`,
        // The handler first, then the marker: the test signals as soon as it sees the marker.
        `process.on('${signal}', () => { fs.writeFileSync(${JSON.stringify(marker)}, 'got'); process.removeAllListeners('${signal}'); process.kill(process.pid, '${signal}'); });`,
        `fs.writeFileSync(${JSON.stringify(marker)}, 'started');`,
        `setInterval(() => {}, 1000);`,
      ].join('\n');
      const run = start(['exec', good, 'AKIAEXECEXAMPLE00003', '--', process.execPath, '-e', script]);
      await waitFor(() => existsSync(marker) && readFileSync(marker, 'utf8') === 'started', 15_000);
      const sent = Date.now();
      process.kill(run.pid, signal);
      const result = await run.done;
      expect(Date.now() - sent).toBeLessThan(3000);
      expect(readFileSync(marker, 'utf8')).toBe('got');
      expect(result.code).toBe(code);
    },
    30_000,
  );

  test('the same exec nested inside itself is refused; another call is not', async () => {
    const inner = [process.execPath, BIN, 'exec', good, 'AKIAEXECEXAMPLE00004', '--', process.execPath, '-e', 'process.exit(0)'];
    const nested = await runLauncher(['exec', good, 'AKIAEXECEXAMPLE00004', '--', ...inner]);
    expect(nested.code).toBe(64);
    expect(nested.stderr).toMatch(/already running inside cred-launch exec/u);
    const other = [process.execPath, BIN, 'exec', good, 'AKIAEXECEXAMPLE00005', '--', process.execPath, '-e', printEnv];
    const allowed = await runLauncher(['exec', good, 'AKIAEXECEXAMPLE00004', '--', ...other]);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout).AWS_ACCESS_KEY_ID).toBe('AKIAEXECEXAMPLE00005');
  });

  test('a failing plugin: its exit code, nothing run', async () => {
    const marker = join(tempDir(), 'ran');
    const result = await runLauncher(['exec', join(FIXTURES, 'throws.mjs'), '--', process.execPath, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, 'x')`]);
    expect(result.code).not.toBe(0);
    expect(existsSync(marker)).toBe(false);
  });

  test('the JS SDK in the child resolves the keys from the environment', async () => {
    const script = `import('@aws-sdk/credential-providers').then(async ({ fromEnv }) => { const c = await fromEnv()(); process.stdout.write(c.accessKeyId + ' ' + (c.secretAccessKey === ${JSON.stringify(SECRET)})); })`;
    const result = await runLauncher(['exec', good, 'AKIAEXECJSSDK0000001', '--', process.execPath, '-e', script], { env: { FIXTURE_SECRET: SECRET }, cwd: PACKAGE_DIR });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('AKIAEXECJSSDK0000001 true');
  });

  test.skipIf(!hasBotocore)('botocore in the child resolves them (method env; skipped without botocore)', async () => {
    const script = 'import botocore.session; c = botocore.session.get_session().get_credentials(); print(c.method, c.access_key)';
    const result = await runLauncher(['exec', good, 'AKIAEXECBOTOCORE0001', '--', 'python3', '-c', script], { env: { FIXTURE_SECRET: SECRET } });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('env AKIAEXECBOTOCORE0001');
  });

  test('exec --profile: a cred-launch line runs in-process, another helper through the process plugin', async () => {
    const dir = tempDir();
    const helper = join(dir, 'helper.mjs');
    writeFileSync(helper, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAEXECPROFILEHELP1', SecretAccessKey: ${JSON.stringify(SECRET)} }))`);
    const config = join(dir, 'config');
    writeFileSync(
      config,
      `[profile viaplugin]\ncredential_process = ${process.execPath} ${BIN} ${good} AKIAEXECPROFILELINE1\n\n[profile viahelper]\ncredential_process = ${process.execPath} ${helper}\n`,
    );
    const env = { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none') };
    const viaPlugin = await runLauncher(['exec', '--profile', 'viaplugin', '--', process.execPath, '-e', printEnv], { env });
    expect(viaPlugin.code, viaPlugin.stderr).toBe(0);
    expect(JSON.parse(viaPlugin.stdout).AWS_ACCESS_KEY_ID).toBe('AKIAEXECPROFILELINE1');
    const viaHelper = await runLauncher(['exec', '--profile', 'viahelper', '--', process.execPath, '-e', printEnv], { env });
    expect(viaHelper.code, viaHelper.stderr).toBe(0);
    expect(JSON.parse(viaHelper.stdout).AWS_ACCESS_KEY_ID).toBe('AKIAEXECPROFILEHELP1');
    const missing = await runLauncher(['exec', '--profile', 'nope', '--', 'true'], { env });
    expect(missing.code).toBe(78);
    expect(missing.stderr).toMatch(/no profile "nope"/u);
  });
});

describe('cred-launch exec --server', () => {
  test("no keys in the child's environment: the JS SDK's container provider reads the endpoint, refreshed across an expiry", async () => {
    const dir = tempDir();
    const count = join(dir, 'count');
    const out = join(dir, 'child.json');
    const script = `import('@aws-sdk/credential-providers').then(async ({ fromContainerMetadata }) => {
      const first = await fromContainerMetadata()();
      await new Promise((r) => setTimeout(r, 3500));
      const second = await fromContainerMetadata()();
      require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ first: first.accessKeyId, second: second.accessKeyId, url: process.env.AWS_CONTAINER_CREDENTIALS_FULL_URI, keyInEnv: process.env.AWS_ACCESS_KEY_ID ?? null, tokenLength: process.env.AWS_CONTAINER_AUTHORIZATION_TOKEN.length }));
    })`;
    const result = await runLauncher(['--refresh-window', '1s', 'exec', '--server', counter, count, '--expires-in', '3', '--', process.execPath, '-e', script], {
      cwd: PACKAGE_DIR,
      timeoutMs: 40_000,
    });
    expect(result.code, result.stderr).toBe(0);
    const child = JSON.parse(readFileSync(out, 'utf8')) as { first: string; second: string; url: string; keyInEnv: string | null; tokenLength: number };
    expect(child.keyInEnv).toBeNull();
    expect(child.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/credentials$/u);
    expect(child.tokenLength).toBeGreaterThanOrEqual(43); // 32 bytes in base64url
    expect(child.first).toBe('ASIACOUNTER000000001');
    expect(child.second).not.toBe(child.first);
    // The endpoint stopped with the child.
    expect(await portIsClosed(Number(new URL(child.url).port))).toBe(true);
  }, 60_000);

  test.skipIf(!hasBotocore)("botocore's container provider in the child resolves through it (skipped without botocore)", async () => {
    const script = 'import botocore.session; c = botocore.session.get_session().get_credentials(); print(c.method, c.access_key)';
    const result = await runLauncher(['exec', '--server', good, 'ASIAEXECSERVERBOTO01', '--expires-in', '7200', '--', 'python3', '-c', script], {
      env: { FIXTURE_SECRET: SECRET, FIXTURE_SESSION_TOKEN: TOKEN },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout.trim()).toBe('container-role ASIAEXECSERVERBOTO01');
  });
});

describe('cred-launch export', () => {
  test('--format env evaluates in sh to the keys; process is the credential_process document', async () => {
    const env = await runLauncher(['export', good, 'ASIAEXPORTEXAMPLE001', '--expires-in', '3600'], { env: { FIXTURE_SECRET: SECRET, FIXTURE_SESSION_TOKEN: TOKEN } });
    expect(env.code, env.stderr).toBe(0);
    const evaluated = spawnSync('sh', ['-c', `${env.stdout}\nprintf '%s %s %s' "$AWS_ACCESS_KEY_ID" "$AWS_SECRET_ACCESS_KEY" "$AWS_SESSION_TOKEN"`], { encoding: 'utf8' });
    expect(evaluated.stdout).toBe(`ASIAEXPORTEXAMPLE001 ${SECRET} ${TOKEN}`);
    const processDoc = await runLauncher(['export', '--format', 'process', good, 'AKIAEXPORTEXAMPLE002']);
    const direct = await runLauncher([good, 'AKIAEXPORTEXAMPLE002']);
    expect(processDoc.stdout).toBe(direct.stdout);
  });

  test('a bad format is a usage error with nothing on stdout', async () => {
    const result = await runLauncher(['export', '--format', 'yaml', good, 'AKIAEXPORTEXAMPLE003']);
    expect(result.code).toBe(64);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/unknown format "yaml"/u);
  });
});

describe('cred-launch serve', () => {
  test('one path per profile, a 0600 token file, --verbose logs without secrets, SIGTERM stops it cleanly', async () => {
    const dir = tempDir();
    const config = join(dir, 'config');
    writeFileSync(
      config,
      `[profile dev]\ncredential_process = ${process.execPath} ${BIN} ${good} ASIASERVEDEV00000001 --expires-in 7200\n\n[profile prod]\ncredential_process = ${process.execPath} ${BIN} ${good} ASIASERVEPROD0000001 --expires-in 7200\n`,
    );
    const run = start(['--verbose', 'serve', '--profile', 'dev', '--profile', 'prod'], {
      AWS_CONFIG_FILE: config,
      AWS_SHARED_CREDENTIALS_FILE: join(dir, 'none'),
      FIXTURE_SECRET: SECRET,
      FIXTURE_SESSION_TOKEN: TOKEN,
    });
    await waitFor(() => run.stdout().includes('AWS_CONTAINER_AUTHORIZATION_TOKEN'), 20_000);
    const uri = /AWS_CONTAINER_CREDENTIALS_FULL_URI='([^']+)'/u.exec(run.stdout())?.[1] ?? '';
    const tokenPath = /cat '([^']+)'/u.exec(run.stdout())?.[1] ?? '';
    expect(uri).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/profile\/dev$/u);
    expect(statSync(tokenPath).mode & 0o777).toBe(0o600);
    const token = readFileSync(tokenPath, 'utf8');
    const { fromHttp } = await import('@aws-sdk/credential-providers');
    const dev = await fromHttp({ awsContainerCredentialsFullUri: uri, awsContainerAuthorizationToken: token })();
    const prod = await fromHttp({ awsContainerCredentialsFullUri: uri.replace('/profile/dev', '/profile/prod'), awsContainerAuthorizationToken: token })();
    expect([dev.accessKeyId, prod.accessKeyId]).toEqual(['ASIASERVEDEV00000001', 'ASIASERVEPROD0000001']);
    expect(dev.secretAccessKey).toBe(SECRET);
    const sent = Date.now();
    process.kill(run.pid, 'SIGTERM');
    const result = await run.done;
    expect(Date.now() - sent).toBeLessThan(3000);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(/served \/profile\/dev/u);
    expect(result.stderr).toMatch(/stopped \(SIGTERM\)/u);
    expect(result.stderr).not.toContain(SECRET);
    expect(result.stderr).not.toContain(TOKEN);
    expect(result.stderr).not.toContain(token);
    expect(existsSync(tokenPath)).toBe(false);
    expect(await portIsClosed(Number(new URL(uri).port))).toBe(true);
  }, 60_000);
});

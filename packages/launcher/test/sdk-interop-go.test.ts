import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromIni } from '@aws-sdk/credential-providers';
import { beforeAll, describe, expect, test } from 'vitest';
import { BIN, FIXTURES, runLauncher, tempDir } from './helpers/spawn.js';
import { argsKey, CANARY_SECRET, CANARY_TOKEN, profileSandbox, writeArgsPlugin } from './profiles-helpers.js';

// The third judge: the AWS SDK for Go v2, built offline from the Debian
// package's source (golang-github-aws-aws-sdk-go-v2-dev) in GOPATH mode,
// because the Go module proxy is not reachable here. test/go-judge/main.go
// runs processcreds (the provider behind every Go program's
// credential_process) and config.LoadDefaultConfig on a shared config file,
// and prints key ids, lengths and SHA-256s: never a secret.
const SDK_GOPATH = process.env.CRED_LAUNCH_GO_SDK_GOPATH ?? '/usr/share/gocode';
const SDK = join(SDK_GOPATH, 'src', 'github.com', 'aws', 'aws-sdk-go-v2');
const JUDGE_SOURCE = join(dirname(fileURLToPath(import.meta.url)), 'go-judge');

const hasGo = spawnSync('go', ['version'], { stdio: 'ignore' }).status === 0;
const hasSdk = ['credentials/processcreds/provider.go', 'config/config.go', '../smithy-go/go.mod'].every((file) => existsSync(join(SDK, file)));
const skipReason = !hasGo
  ? 'no `go` on PATH (Debian: apt-get install golang-go)'
  : !hasSdk
    ? `no AWS SDK for Go v2 source under ${SDK} (Debian: apt-get install golang-github-aws-aws-sdk-go-v2-dev, or set CRED_LAUNCH_GO_SDK_GOPATH)`
    : undefined;

/** The tagged module versions in the SDK source, for the suite's title. */
function moduleVersion(module: string): string {
  const match = /goModuleVersion = "([^"]+)"/u.exec(readFileSync(join(SDK, module, 'go_module_metadata.go'), 'utf8'));
  return match?.[1] ?? 'unknown';
}
const title = skipReason
  ? `AWS SDK for Go v2 — skipped: ${skipReason}`
  : `AWS SDK for Go v2 (aws ${moduleVersion('aws')}, config ${moduleVersion('config')}, credentials ${moduleVersion('credentials')}, internal/ini ${moduleVersion('internal/ini')})`;
// internal/ini 1.7.0 (2023-11) replaced the legacy INI parser, which reads a
// value that starts with `"` as one quoted string and drops the rest.
const legacyIniParser = skipReason === undefined && Number(moduleVersion('internal/ini').split('.')[0]) === 1 && Number(moduleVersion('internal/ini').split('.')[1]) < 7;

const sha256 = (value: string): string => createHash('sha256').update(value).digest('hex');
const SECRET = 'go-interop-secret-access-key';
const TOKEN = 'go-interop-session-token';
const CANARY = 'go-interop-canary-secret';
const good = join(FIXTURES, 'good.mjs');
const launch = (...args: string[]): string => [process.execPath, BIN, ...args].join(' ');

interface JudgeRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout parsed: the credentials summary, `{ error }` or `{ credentialProcess }`. */
  json: Record<string, unknown>;
}

/** The environment the judge (and so cred-launch under it) runs with: no AWS_* from the host. */
function judgeEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AWS_')) env[name] = value;
  return { ...env, HOME: tempDir(), CRED_LAUNCH_CACHE_DIR: join(tempDir(), 'cache'), ...extra };
}

let judgeBinary = '';

function judge(args: readonly string[], env: NodeJS.ProcessEnv): Promise<JudgeRun> {
  return new Promise((resolve, reject) => {
    // stdin is /dev/null: the SDK hands its stdin to the process, and a
    // truncated line that starts a bare `node` must not wait for input.
    const child = execFile(judgeBinary, args, { env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') return reject(error);
      try {
        resolve({ code: child.exitCode, stdout, stderr, json: JSON.parse(stdout) as Record<string, unknown> });
      } catch {
        reject(new Error(`go-judge printed no JSON (exit ${String(child.exitCode)}); stderr: ${stderr}`));
      }
    });
    child.stdin?.end();
  });
}

/** Builds test/go-judge offline, in GOPATH mode, against the SDK source; milliseconds taken. */
function buildJudge(outDir: string): number {
  const env: NodeJS.ProcessEnv = { ...process.env, GO111MODULE: 'off', GOPATH: SDK_GOPATH, GOPROXY: 'off', GOFLAGS: '', GOTOOLCHAIN: 'local' };
  // Go needs a build cache; reuse the user's (warm rebuilds take ~2 s) unless there is none.
  if (!env.GOCACHE && !env.XDG_CACHE_HOME && !env.HOME) env.GOCACHE = join(outDir, 'gocache');
  const started = Date.now();
  const result = spawnSync('go', ['build', '-o', join(outDir, 'go-judge'), '.'], { cwd: JUDGE_SOURCE, env, encoding: 'utf8', timeout: 240_000 });
  if (result.status !== 0) throw new Error(`go build of test/go-judge failed (${result.error?.message ?? `exit ${String(result.status)}`}):\n${result.stderr}`);
  return Date.now() - started;
}

describe.skipIf(skipReason !== undefined)(title, () => {
  const dir = tempDir('cred-launch-go-');
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');

  beforeAll(() => {
    buildJudge(dir);
    judgeBinary = join(dir, 'go-judge');
    writeFileSync(
      configFile,
      [
        '[profile temporary]',
        `credential_process = ${launch(good, 'ASIAGOINTEROP', '--expires-in', '7200')}`,
        '',
        '[profile longterm]',
        `credential_process = ${launch(good, 'AKIAGOLONGTERM')}`,
        '',
        '[profile broken]',
        `credential_process = ${launch(join(FIXTURES, 'invalid-output.mjs'), 'expired')}`,
        '',
      ].join('\n'),
    );
    writeFileSync(credentialsFile, '');
  }, 300_000);

  describe('processcreds.Provider (the command line as given)', () => {
    test('temporary credentials: session token, expiration, CanExpire', async () => {
      const run = await judge(['process', launch(good, 'ASIAGOINTEROP', '--expires-in', '7200')], judgeEnv({ FIXTURE_SECRET: SECRET, FIXTURE_SESSION_TOKEN: TOKEN }));
      expect(run.code).toBe(0);
      expect(run.json).toMatchObject({
        source: 'ProcessProvider',
        accessKeyId: 'ASIAGOINTEROP',
        secretAccessKeyLength: SECRET.length,
        secretAccessKeySha256: sha256(SECRET),
        sessionTokenPresent: true,
        sessionTokenSha256: sha256(TOKEN),
        canExpire: true,
      });
      expect(Date.parse(run.json.expires as string)).toBeGreaterThan(Date.now() + 7000_000);
    });

    test('an Expiration with Z and whole seconds parses to exactly that instant', async () => {
      const run = await judge(['process', launch(good, 'ASIAGOINTEROP', '--expires-in', '3600')], judgeEnv({ FIXTURE_SECRET: SECRET }));
      expect(run.code).toBe(0);
      // printedExpiration is what cred-launch wrote; expires is Go's time.Time
      // printed back as RFC 3339 in UTC: equal strings, so no offset or fraction was lost.
      expect(run.json.printedExpiration).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/u);
      expect(run.json.expires).toBe(run.json.printedExpiration);
    });

    test('long-term credentials: no session token, CanExpire false', async () => {
      const run = await judge(['process', launch(good, 'AKIAGOLONGTERM')], judgeEnv({ FIXTURE_SECRET: SECRET }));
      expect(run.code).toBe(0);
      expect(run.json).toMatchObject({ accessKeyId: 'AKIAGOLONGTERM', secretAccessKeySha256: sha256(SECRET), sessionTokenPresent: false, canExpire: false, expires: null });
    });

    test('expired credentials from the plugin make the Go SDK fail, with no secret anywhere', async () => {
      const run = await judge(['process', launch(join(FIXTURES, 'invalid-output.mjs'), 'expired')], judgeEnv({ FIXTURE_CANARY: CANARY }));
      expect(run.code).toBe(1);
      // The exit status, not a parse failure: cred-launch printed nothing on
      // stdout (Go's parse error would quote stdout, secrets included).
      expect(run.json.error).toMatch(/error in credential_process: exit status 65$/u);
      expect(run.stderr).toContain('expired at');
      expect(run.stdout + run.stderr).not.toContain(CANARY);
    });
  });

  describe('config.LoadDefaultConfig (credential_process read from a shared config file)', () => {
    const env = () => judgeEnv({ FIXTURE_SECRET: SECRET, FIXTURE_SESSION_TOKEN: TOKEN, FIXTURE_CANARY: CANARY });

    test('the temporary profile resolves to the same keys', async () => {
      const run = await judge(['profile', configFile, credentialsFile, 'temporary'], env());
      expect(run.code).toBe(0);
      expect(run.json).toMatchObject({ accessKeyId: 'ASIAGOINTEROP', secretAccessKeySha256: sha256(SECRET), sessionTokenSha256: sha256(TOKEN), canExpire: true });
    });

    test('the long-term profile does not expire', async () => {
      const run = await judge(['profile', configFile, credentialsFile, 'longterm'], env());
      expect(run.code).toBe(0);
      expect(run.json).toMatchObject({ accessKeyId: 'AKIAGOLONGTERM', canExpire: false, expires: null });
    });

    test('the broken profile fails without leaking the secret', async () => {
      const run = await judge(['profile', configFile, credentialsFile, 'broken'], env());
      expect(run.code).toBe(1);
      expect(run.json.error).toMatch(/exit status 65/u);
      expect(run.stdout + run.stderr).not.toContain(CANARY);
    });
  });

  describe('a line written by `cred-launch configure`', () => {
    // Same sandbox as profiles-interop: paths with spaces, arguments with
    // spaces, a quote and ~, encoded into the access key id by the plugin.
    const box = profileSandbox();
    const ARGS = ['parameter with spaces', "it's", 'plain', '~/creds file.enc'];
    let expectedKey = '';

    beforeAll(async () => {
      const plugin = writeArgsPlugin(box.dir);
      expectedKey = argsKey(['parameter with spaces', "it's", 'plain', `${box.home}/creds file.enc`]);
      writeFileSync(box.credentialsFile, '');
      const run = await runLauncher(['configure', '--profile', 'gointerop', plugin, ...ARGS], { env: box.env });
      expect(run.code).toBe(0);
    }, 60_000);

    test('Go reads the line verbatim and resolves the exact arguments', async () => {
      const written = /^credential_process = (.*)$/mu.exec(readFileSync(box.configFile, 'utf8'))?.[1];
      expect(written).toBeDefined();
      const line = await judge(['line', box.configFile, 'gointerop'], judgeEnv());
      expect(line.json).toEqual({ credentialProcess: written });
      const run = await judge(['profile', box.configFile, box.credentialsFile, 'gointerop'], judgeEnv(box.env));
      expect(run.code).toBe(0);
      expect(run.json).toMatchObject({ accessKeyId: expectedKey, secretAccessKeySha256: sha256(CANARY_SECRET), sessionTokenSha256: sha256(CANARY_TOKEN), canExpire: true });
    });
  });

  describe('a configured line that starts with a quote (node under a path with spaces)', () => {
    // configure quotes the Node path when it has spaces, so the line starts
    // with `"`. The Go SDK's legacy INI parser (internal/ini < 1.7.0, the
    // Debian package among them) keeps only that quoted word and drops the
    // rest of the line; sh then splits the unquoted path: exit 127.
    const box = profileSandbox();
    const nodeDir = join(box.dir, 'node bin');
    let written = '';

    beforeAll(async () => {
      mkdirSync(nodeDir, { recursive: true });
      symlinkSync(realpathSync(process.execPath), join(nodeDir, 'node'));
      writeFileSync(box.credentialsFile, '');
      const run = await runLauncher(['configure', '--profile', 'quoted', join(FIXTURES, 'good.mjs'), 'AKIAQUOTEDNODE'], {
        env: { ...box.env, PATH: `${nodeDir}${delimiter}${process.env.PATH ?? ''}` },
      });
      expect(run.code).toBe(0);
      written = /^credential_process = (.*)$/mu.exec(readFileSync(box.configFile, 'utf8'))?.[1] ?? '';
    }, 60_000);

    test('configure never starts the line with a quote: /usr/bin/env runs the quoted node path, and the JS SDK resolves it', async () => {
      expect(written.startsWith(`/usr/bin/env "${join(nodeDir, 'node')}" `)).toBe(true);
      const credentials = await fromIni({ profile: 'quoted', configFilepath: box.configFile, filepath: box.credentialsFile, ignoreCache: true })();
      expect(credentials.accessKeyId).toBe('AKIAQUOTEDNODE');
    }, 30_000);

    test('the Go SDK reads that line verbatim and resolves it', async () => {
      const line = await judge(['line', box.configFile, 'quoted'], judgeEnv());
      expect(line.json).toEqual({ credentialProcess: written });
      const run = await judge(['profile', box.configFile, box.credentialsFile, 'quoted'], judgeEnv(box.env));
      expect(run.json).toMatchObject({ accessKeyId: 'AKIAQUOTEDNODE', secretAccessKeySha256: sha256(CANARY_SECRET) });
    });

    test.runIf(legacyIniParser)('why: a line starting with a quote is cut by the legacy INI parser', async () => {
      const config = join(box.dir, 'leading-quote-config');
      writeFileSync(config, `[profile leading]\ncredential_process = ${written.replace(/^\/usr\/bin\/env /u, '')}\n`);
      const line = await judge(['line', config, 'leading'], judgeEnv());
      expect(line.json).toEqual({ credentialProcess: join(nodeDir, 'node') });
    });

    test('the same line behind an unquoted `env` is read verbatim and resolves', async () => {
      const config = join(box.dir, 'env-config');
      writeFileSync(config, `[profile viaenv]\ncredential_process = env ${written.replace(/^\/usr\/bin\/env /u, '')}\n`);
      const line = await judge(['line', config, 'viaenv'], judgeEnv());
      expect(line.json).toEqual({ credentialProcess: `env ${written.replace(/^\/usr\/bin\/env /u, '')}` });
      const run = await judge(['profile', config, box.credentialsFile, 'viaenv'], judgeEnv(box.env));
      expect(run.json).toMatchObject({ accessKeyId: 'AKIAQUOTEDNODE', secretAccessKeySha256: sha256(CANARY_SECRET) });
    });
  });

  describe('a Go program started by `cred-launch exec`', () => {
    const execJudge = (server: boolean): Promise<JudgeRun> => {
      const configDir = tempDir();
      const env = judgeEnv({
        FIXTURE_SECRET: SECRET,
        FIXTURE_SESSION_TOKEN: TOKEN,
        AWS_CONFIG_FILE: join(configDir, 'none'),
        AWS_SHARED_CREDENTIALS_FILE: join(configDir, 'none'),
      });
      const args = [BIN, 'exec', ...(server ? ['--server'] : []), good, 'ASIAGOEXEC', '--expires-in', '7200', '--', judgeBinary, 'environment'];
      return new Promise((resolve, reject) => {
        execFile(process.execPath, args, { env, encoding: 'utf8', timeout: 60_000 }, (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number') return reject(error);
          try {
            resolve({ code: error ? Number(error.code) : 0, stdout, stderr, json: JSON.parse(stdout) as Record<string, unknown> });
          } catch {
            reject(new Error(`go-judge under exec printed no JSON; stderr: ${stderr}`));
          }
        });
      });
    };

    test('keys in the environment: the default chain reads them', async () => {
      const run = await execJudge(false);
      expect(run.code).toBe(0);
      expect(run.json).toMatchObject({ source: 'EnvConfigCredentials', accessKeyId: 'ASIAGOEXEC', secretAccessKeySha256: sha256(SECRET), sessionTokenSha256: sha256(TOKEN) });
    });

    test('exec --server: the default chain reads the loopback endpoint (endpointcreds)', async () => {
      const run = await execJudge(true);
      expect(run.code).toBe(0);
      expect(run.json).toMatchObject({ accessKeyId: 'ASIAGOEXEC', secretAccessKeySha256: sha256(SECRET), sessionTokenSha256: sha256(TOKEN), canExpire: true });
      expect(String(run.json.source)).toMatch(/CredentialsEndpointProvider/u);
    });
  });
});

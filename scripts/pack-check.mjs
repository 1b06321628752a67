#!/usr/bin/env node
// `pnpm pack-check`: what users get from npm, checked before it is published.
// 1. `pnpm pack` every public package; each tarball may hold only package.json,
//    README, LICENSE, CHANGELOG and dist (plus bin, with its package.json that
//    makes it CommonJS, for the launcher); publint
//    checks each package's exports/types/files.
// 2. For each plugin: install the launcher plus that ONE plugin from the
//    tarballs into an empty global prefix (what `npm i -g cred-launch
//    @cred-launch/plugin-X` does), run it end to end through the installed
//    bin, and assert that no other backend's SDK was installed.
//    Before that, every package's dist is read for what it imports: each bare
//    specifier must be a Node built-in or a declared runtime dependency (a
//    bundled workspace package left external would fail only at run time).
// 3. Report each combination's installed size (and write it into README.md
//    with --update-readme).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { builtinModules } from 'node:module';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..');
const work = mkdtempSync(join(tmpdir(), 'cred-launch-pack-'));
const publicPackages = [
  'packages/core',
  'packages/launcher',
  'packages/testkit',
  'packages/sts',
  'plugins/file',
  'plugins/vault',
  'plugins/secrets-manager',
  'plugins/1password',
  'plugins/roles-anywhere',
  'plugins/keychain',
  'plugins/process',
];
const ALLOWED_FILE = /^package\/(package\.json|README\.md|LICENSE|CHANGELOG\.md|dist\/.+|bin\/([^/]+\.c?js|package\.json))$/u;
/** Package-name prefixes that belong to one backend each. */
const BACKEND_SDKS = { '@aws-sdk/': 'AWS SDK', '@1password/': '1Password SDK', 'age-encryption': 'age' };
let failures = 0;

function fail(message) {
  failures += 1;
  console.error(`✗ ${message}`);
}

function pass(message) {
  console.log(`✓ ${message}`);
}

/** Every *.js and *.cjs file under a directory (the ES module and CommonJS builds). */
function jsFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && (entry.name.endsWith('.js') || entry.name.endsWith('.cjs')))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** The package a bare specifier names ('@scope/name/sub' → '@scope/name'). */
function packageOf(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** What the built files import must be installable: a built-in or a declared dependency. */
function checkDistImports(dir, pkg) {
  const declared = new Set(Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies, ...pkg.optionalDependencies }));
  // A specifier has no white space: that keeps the string "from" in a list
  // (`"from",\n  "keep-alive"`, the secrets-manager plugin's unsigned
  // headers) from reading as `from "…"`.
  // A CommonJS build requires (require("x"), or __bundleImport("x") where
  // build-bundles' requireInCommonJs turned an import() into require()).
  const importPattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\brequire\s*\(\s*|\b__bundleImport\s*\(\s*)["']([^"'./\s,][^"'\s]*)["']/gu;
  const undeclared = new Set();
  for (const file of jsFiles(join(repo, dir, 'dist'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(importPattern)) {
      const specifier = match[1];
      if (specifier.startsWith('node:') || builtinModules.includes(specifier) || specifier.startsWith('data:')) continue;
      if (!declared.has(packageOf(specifier))) undeclared.add(specifier);
    }
  }
  if (undeclared.size > 0) fail(`${pkg.name}: dist imports what package.json does not declare: ${[...undeclared].join(', ')}`);
  else pass(`${pkg.name}: dist imports only built-ins and declared dependencies`);
}

function packAll() {
  const tarballs = {};
  for (const dir of publicPackages) {
    const pkg = JSON.parse(readFileSync(join(repo, dir, 'package.json'), 'utf8'));
    checkDistImports(dir, pkg);
    const output = execFileSync('pnpm', ['pack', '--pack-destination', work], { cwd: join(repo, dir), encoding: 'utf8' });
    const tarball = output.trim().split('\n').pop().trim();
    tarballs[pkg.name] = tarball;
    const files = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
    const stray = files.filter((file) => !ALLOWED_FILE.test(file));
    if (stray.length > 0) fail(`${pkg.name}: tarball holds more than dist/README/LICENSE/package.json: ${stray.slice(0, 5).join(', ')}`);
    else if (!files.includes('package/README.md') || !files.includes('package/LICENSE')) fail(`${pkg.name}: tarball lacks README.md or LICENSE`);
    else pass(`${pkg.name}: tarball holds only ${[...new Set(files.map((file) => file.split('/')[1]))].join(', ')}`);
    const packed = JSON.parse(execFileSync('tar', ['xzOf', tarball, 'package/package.json'], { encoding: 'utf8' }));
    const workspaceRanges = Object.entries({ ...packed.dependencies, ...packed.peerDependencies }).filter(([, range]) => String(range).startsWith('workspace:'));
    if (workspaceRanges.length > 0) fail(`${pkg.name}: packed package.json still has workspace: ranges`);
    const lint = spawnSync('pnpm', ['exec', 'publint', '--strict', join(repo, dir)], { cwd: repo, encoding: 'utf8' });
    if (lint.status !== 0) fail(`${pkg.name}: publint: ${(lint.stdout + lint.stderr).trim().split('\n').slice(-6).join(' | ')}`);
    else pass(`${pkg.name}: publint clean`);
  }
  return tarballs;
}

function directorySize(path) {
  let total = 0;
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    const full = join(path, entry.name);
    if (entry.isDirectory()) total += directorySize(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}

/** Every package name installed anywhere under a node_modules tree. */
function installedPackages(nodeModules) {
  const names = new Set();
  const walk = (dir) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir)) {
      if (entry.startsWith('.')) continue;
      const scoped = entry.startsWith('@');
      for (const name of scoped ? readdirSync(join(dir, entry)).map((inner) => `${entry}/${inner}`) : [entry]) {
        names.add(name);
        walk(join(dir, name, 'node_modules'));
      }
    }
  };
  walk(nodeModules);
  return names;
}

function install(name, specs) {
  const prefix = join(work, `prefix-${name}`);
  execFileSync('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', '--loglevel=error', ...specs], { stdio: ['ignore', 'ignore', 'inherit'] });
  return { prefix, bin: join(prefix, 'bin', 'cred-launch'), nodeModules: join(prefix, 'lib', 'node_modules') };
}

/** Runs the installed bin without blocking: the test servers live in this process. `input` goes to its stdin. */
function run(bin, args, env = {}, input = '') {
  return new Promise((resolve) => {
    const child = spawn(bin, args, { env: { PATH: process.env.PATH, HOME: work, CRED_LAUNCH_CACHE_DIR: join(work, 'cache'), ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

function expectCredentials(label, result, accessKeyId) {
  let document;
  try {
    document = JSON.parse(result.stdout);
  } catch {
    document = undefined;
  }
  if (result.status === 0 && document?.Version === 1 && document.AccessKeyId === accessKeyId) pass(`${label}: end to end through the installed bin`);
  else fail(`${label}: exit ${result.status}, stdout ${JSON.stringify(result.stdout.slice(0, 80))}, stderr ${JSON.stringify(result.stderr.slice(0, 300))}`);
}

/**
 * A real Secret Service for the keychain plugin: a private dbus-daemon and
 * gnome-keyring-daemon unlocked with a throwaway password (as in
 * plugins/keychain/test/keyring.ts). Returns { env, stop } or { reason }.
 */
function startKeyring() {
  for (const command of ['dbus-daemon', 'gnome-keyring-daemon', 'secret-tool']) {
    if (spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status !== 0) return { reason: `${command} is not installed` };
  }
  const dir = mkdtempSync(join(work, 'keyring-'));
  const env = { PATH: process.env.PATH, HOME: dir, XDG_RUNTIME_DIR: dir, XDG_DATA_HOME: join(dir, 'data'), CRED_LAUNCH_CACHE_DIR: join(dir, 'cache') };
  const bus = spawnSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1', `--address=unix:path=${join(dir, 'bus')}`], {
    env,
    encoding: 'utf8',
    timeout: 10_000,
  });
  const [address, pid] = (bus.stdout ?? '').trim().split('\n');
  if (bus.status !== 0 || !address || !pid) return { reason: 'dbus-daemon did not start' };
  env.DBUS_SESSION_BUS_ADDRESS = address;
  // gnome-keyring-daemon exits with its bus.
  const stop = () => {
    try {
      process.kill(Number(pid), 'SIGTERM');
    } catch {
      // already gone
    }
  };
  const keyring = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { env, input: 'pack-check-keyring', encoding: 'utf8', timeout: 10_000 });
  if (keyring.status !== 0) {
    stop();
    return { reason: 'gnome-keyring-daemon --unlock failed' };
  }
  return { env, stop };
}

/** End-to-end scenario per plugin, run through the installed bin. */
const scenarios = {
  '@cred-launch/plugin-file': async (bin) => {
    const plain = join(work, 'credentials');
    writeFileSync(plain, '[default]\naws_access_key_id = AKIAPACKCHECKFILE001\naws_secret_access_key = packCheckSecretKey00000000000000000000000\n', { mode: 0o600 });
    const enc = join(work, 'credentials.enc');
    const key = join(work, 'credentials.key');
    const encrypted = await run(bin, ['file', 'encrypt', plain, '--out', enc, '--key-file', key, '--generate-key', '--force']);
    if (encrypted.status !== 0) return fail(`file encrypt: ${encrypted.stderr}`);
    expectCredentials('@cred-launch/plugin-file', await run(bin, ['file', enc, '--key-file', key]), 'AKIAPACKCHECKFILE001');
  },
  '@cred-launch/plugin-vault': async (bin) => {
    const { startVaultTestServer } = await import(pathToFileURL(join(repo, 'packages/vault-test-server/dist/index.js')).href);
    const server = await startVaultTestServer();
    try {
      server.state.putSecret('secret/aws/pack', { access_key_id: 'AKIAPACKCHECKVAULT01', secret_access_key: 'packCheckVaultSecret0000000000000000000' });
      expectCredentials('@cred-launch/plugin-vault', await run(bin, ['vault', 'secret/aws/pack'], { VAULT_ADDR: server.url, VAULT_TOKEN: 'root' }), 'AKIAPACKCHECKVAULT01');
    } finally {
      await server.close();
    }
  },
  '@cred-launch/plugin-secrets-manager': async (bin) => {
    const { createSecretsManager, startAwsTestServer } = await import(pathToFileURL(join(repo, 'packages/aws-test-server/dist/index.js')).href);
    const source = { accessKeyId: 'AKIAPACKCHECKSOURCE1', secretAccessKey: 'packCheckSourceSecret000000000000000000' };
    const server = await startAwsTestServer({
      keys: [source],
      services: [
        createSecretsManager({
          secrets: [
            {
              name: 'pack/check',
              region: 'eu-west-1',
              secretString: JSON.stringify({ AccessKeyId: 'AKIAPACKCHECKSM00001', SecretAccessKey: 'packCheckSmSecret00000000000000000000000' }),
            },
          ],
        }),
      ],
    });
    try {
      const env = {
        AWS_ENDPOINT_URL_SECRETS_MANAGER: server.url,
        AWS_ACCESS_KEY_ID: source.accessKeyId,
        AWS_SECRET_ACCESS_KEY: source.secretAccessKey,
        AWS_CONFIG_FILE: join(work, 'no-config'),
        AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-credentials'),
      };
      expectCredentials('@cred-launch/plugin-secrets-manager', await run(bin, ['secrets-manager', 'pack/check', '--region', 'eu-west-1'], env), 'AKIAPACKCHECKSM00001');
    } finally {
      await server.close();
    }
  },
  '@cred-launch/plugin-roles-anywhere': async (bin) => {
    // Certificates made by openssl now; the test server verifies the X.509 signature and the chain.
    const { createRolesAnywhere, createTestPki, startAwsTestServer } = await import(pathToFileURL(join(repo, 'packages/aws-test-server/dist/index.js')).href);
    const pki = createTestPki(join(work, 'pki'));
    const trustAnchorArn = 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/pack-check';
    const profileArn = 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/pack-check';
    const roleArn = 'arn:aws:iam::123456789012:role/pack-check';
    const server = await startAwsTestServer({
      keys: [],
      services: [
        createRolesAnywhere({
          trustAnchors: [{ arn: trustAnchorArn, caCertificates: readFileSync(pki.rootCa, 'utf8') }],
          profiles: [{ arn: profileArn, roleArns: [roleArn] }],
          fixedCredentials: { accessKeyId: 'ASIAPACKCHECKRA00001', secretAccessKey: 'packCheckRolesAnywhereSecret000000000000', sessionToken: 'packCheckRolesAnywhereToken' },
        }),
      ],
    });
    try {
      const args = [
        'roles-anywhere',
        '--certificate',
        pki.ecLeaf.certificate,
        '--private-key',
        pki.ecLeaf.privateKey,
        '--intermediates',
        pki.intermediateCa,
        '--trust-anchor-arn',
        trustAnchorArn,
        '--profile-arn',
        profileArn,
        '--role-arn',
        roleArn,
        '--endpoint',
        server.url,
      ];
      expectCredentials('@cred-launch/plugin-roles-anywhere', await run(bin, args), 'ASIAPACKCHECKRA00001');
    } finally {
      await server.close();
    }
  },
  '@cred-launch/plugin-process': async (bin) => {
    const helper = join(work, 'helper.mjs');
    writeFileSync(helper, `process.stdout.write(JSON.stringify({ Version: 1, AccessKeyId: 'AKIAPACKCHECKPROC001', SecretAccessKey: 'packCheckProcessSecret0000000000000000' }));`);
    expectCredentials('@cred-launch/plugin-process', await run(bin, ['process', '--', process.execPath, helper]), 'AKIAPACKCHECKPROC001');
  },
  '@cred-launch/plugin-1password': async (bin) => {
    // The 1Password service is out of reach: the real SDK must load and refuse a malformed token locally.
    const token = 'ops_not-a-real-token-PACKCHECK';
    const result = await run(bin, ['1password', 'op://Private/AWS dev'], { OP_SERVICE_ACCOUNT_TOKEN: token });
    if (result.status === 77 && result.stdout === '' && !result.stderr.includes(token))
      pass('@cred-launch/plugin-1password: installed bin loads the SDK and maps a malformed token to AUTH (77) without printing it');
    else fail(`@cred-launch/plugin-1password: exit ${result.status}, stderr ${JSON.stringify(result.stderr.slice(0, 300))}`);
  },
  '@cred-launch/plugin-keychain': async (bin) => {
    const help = await run(bin, ['keychain', '--help']);
    if (help.status === 0 && help.stdout.includes('cred-launch keychain add <name>')) pass("@cred-launch/plugin-keychain: installed bin shows the plugin's usage");
    else fail(`@cred-launch/plugin-keychain: --help exit ${help.status}, stderr ${JSON.stringify(help.stderr.slice(0, 300))}`);
    const keyring = startKeyring();
    if (keyring.env === undefined) {
      // Not a pass: say plainly that only the shape was checked.
      console.log(`- @cred-launch/plugin-keychain: no end-to-end run (${keyring.reason}); usage only`);
      return;
    }
    try {
      const secret = 'packCheckKeychainSecret000000000000000000';
      const added = await run(bin, ['keychain', 'add', 'pack', '--from-stdin'], keyring.env, `aws_access_key_id=AKIAPACKCHECKKEYCHN1\naws_secret_access_key=${secret}\n`);
      if (added.status !== 0) return fail(`keychain add: exit ${added.status}, stderr ${JSON.stringify(added.stderr.slice(0, 300))}`);
      expectCredentials('@cred-launch/plugin-keychain (real gnome-keyring-daemon)', await run(bin, ['keychain', 'pack'], keyring.env), 'AKIAPACKCHECKKEYCHN1');
      const listed = await run(bin, ['keychain', 'list'], keyring.env);
      const removed = await run(bin, ['keychain', 'remove', 'pack'], keyring.env);
      const gone = await run(bin, ['keychain', 'pack'], keyring.env);
      if (listed.stdout === 'pack\n' && removed.status === 0 && gone.status === 66) pass('@cred-launch/plugin-keychain: list, remove, then not found (66)');
      else fail(`@cred-launch/plugin-keychain: list ${JSON.stringify(listed.stdout)}, remove exit ${removed.status}, read after remove exit ${gone.status}`);
    } finally {
      keyring.stop();
    }
  },
};

/** Which backend SDK each plugin may bring. */
const allowedSdk = {
  '@cred-launch/plugin-file': ['age-encryption'],
  '@cred-launch/plugin-vault': [],
  '@cred-launch/plugin-secrets-manager': ['@aws-sdk/'],
  '@cred-launch/plugin-1password': ['@1password/'],
  '@cred-launch/plugin-roles-anywhere': [],
  '@cred-launch/plugin-keychain': [],
  '@cred-launch/plugin-process': [],
};

function checkNoOtherSdk(label, nodeModules, allowed) {
  const names = installedPackages(nodeModules);
  const foreign = [...names].filter((name) => Object.keys(BACKEND_SDKS).some((prefix) => name.startsWith(prefix) && !allowed.includes(prefix)));
  if (foreign.length > 0) fail(`${label}: installed another backend's SDK: ${foreign.slice(0, 6).join(', ')}`);
  else pass(`${label}: no other backend's SDK installed (${names.size} packages)`);
}

const sizes = [];
try {
  const tarballs = packAll();
  const core = tarballs['@cred-launch/core'];
  const launcher = tarballs['cred-launch'];
  const alone = install('launcher', [core, launcher]);
  checkNoOtherSdk('cred-launch alone', alone.nodeModules, []);
  const list = await run(alone.bin, ['plugins']);
  if (list.status === 0 && list.stdout.startsWith('No plugins installed')) pass('cred-launch alone: `plugins` lists none');
  else fail(`cred-launch alone: plugins printed ${JSON.stringify(list.stdout)}`);
  sizes.push(['cred-launch (launcher only)', directorySize(alone.nodeModules)]);
  for (const plugin of Object.keys(scenarios)) {
    const installed = install(plugin.split('/')[1], [core, launcher, tarballs[plugin]]);
    const listed = await run(installed.bin, ['plugins']);
    if (listed.stdout.trim().split('\n').length === 1 && listed.stdout.includes(plugin)) pass(`${plugin}: \`cred-launch plugins\` lists exactly this plugin`);
    else fail(`${plugin}: plugins printed ${JSON.stringify(listed.stdout)}`);
    checkNoOtherSdk(plugin, installed.nodeModules, allowedSdk[plugin]);
    await scenarios[plugin](installed.bin);
    sizes.push([`cred-launch + ${plugin}`, directorySize(installed.nodeModules)]);
  }
  const stsInstall = install('sts', [core, launcher, tarballs['@cred-launch/plugin-file'], tarballs['@cred-launch/sts']]);
  checkNoOtherSdk('cred-launch + plugin-file + @cred-launch/sts', stsInstall.nodeModules, ['@aws-sdk/', 'age-encryption']);
  sizes.push(['cred-launch + @cred-launch/plugin-file + @cred-launch/sts', directorySize(stsInstall.nodeModules)]);
} finally {
  rmSync(work, { recursive: true, force: true });
}

const table = ['| installed with `npm i -g …` | size on disk |', '| --- | ---: |', ...sizes.map(([label, bytes]) => `| ${label} | ${(bytes / 1024 / 1024).toFixed(1)} MiB |`)].join(
  '\n',
);
console.log(`\n${table}`);
if (process.argv.includes('--update-readme')) {
  const readmePath = join(repo, 'README.md');
  const readme = readFileSync(readmePath, 'utf8');
  const updated = readme.replace(/<!-- sizes:start -->[\s\S]*<!-- sizes:end -->/u, `<!-- sizes:start -->\n${table}\n<!-- sizes:end -->`);
  if (updated === readme) fail('README.md has no <!-- sizes:start --> / <!-- sizes:end --> markers');
  else writeFileSync(readmePath, updated);
}
console.log(`\n${failures === 0 ? 'pack-check passed' : `pack-check: ${failures} failed`}`);
process.exit(failures === 0 ? 0 : 1);

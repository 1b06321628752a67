import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseSecretsManagerArgs } from '../src/options.js';
import { mapSecretsManagerError } from '../src/errors.js';
import { findCredentialProcessLoop } from '../src/recursion-guard.js';
import { parseSharedIni, type SharedConfig } from '@cred-launch/aws-profiles';
import { STORED, startBackend, run, type Backend } from './helpers.js';

function sharedConfig(config: string, credentials = ''): SharedConfig {
  const profiles = new Map<string, Record<string, string>>();
  for (const [name, values] of parseSharedIni(config)) {
    if (name === 'default' || name.startsWith('profile.')) profiles.set(name.replace(/^profile\./u, ''), values);
  }
  for (const [name, values] of parseSharedIni(credentials)) profiles.set(name, { ...profiles.get(name), ...values });
  return { configFile: 'config', credentialsFile: 'credentials', profiles, sections: new Map() };
}

const args = (...argv: string[]) => parseSecretsManagerArgs({ argv, env: {} });

describe('finding a loop in the shared config', () => {
  const loopConfig = '[profile loop]\ncredential_process = /usr/local/bin/cred-launch secrets-manager prod/ci\nregion = us-east-1\n';

  test('AWS_PROFILE pointing at the profile whose credential_process is this plugin', () => {
    const trail = findCredentialProcessLoop(args('prod/ci'), { AWS_PROFILE: 'loop' }, sharedConfig(loopConfig));
    expect(trail?.map((step) => step.profile)).toEqual(['loop', 'loop']);
  });

  test('--source-profile pointing at it: a loop when the child inherits AWS_PROFILE of the same profile', () => {
    expect(findCredentialProcessLoop(args('x', '--source-profile', 'loop'), { AWS_PROFILE: 'loop' }, sharedConfig(loopConfig))).toBeDefined();
    // Without AWS_PROFILE the child reads its secret with the bare default chain ([default] is absent): no loop.
    expect(findCredentialProcessLoop(args('x', '--source-profile', 'loop'), {}, sharedConfig(loopConfig))).toBeUndefined();
  });

  test('the bare default chain reads [default]', () => {
    const config = '[default]\ncredential_process = cred-launch secrets-manager prod/ci\n';
    expect(findCredentialProcessLoop(args('prod/ci'), {}, sharedConfig(config))).toBeDefined();
    // …unless environment keys come first.
    expect(findCredentialProcessLoop(args('prod/ci'), { AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, sharedConfig(config))).toBeUndefined();
  });

  test('through a role profile and another secret: a → source_profile b → cred-launch (AWS_PROFILE=a) → a', () => {
    const config = [
      '[profile a]',
      'role_arn = arn:aws:iam::123456789012:role/deployer',
      'source_profile = b',
      '[profile b]',
      'credential_process = cred-launch secrets-manager bootstrap/keys',
    ].join('\n');
    const trail = findCredentialProcessLoop(args('prod/ci'), { AWS_PROFILE: 'a' }, sharedConfig(config));
    expect(trail?.map((step) => [step.profile, step.via])).toEqual([
      ['a', 'start'],
      ['b', 'source_profile'],
      ['a', 'credential_process'],
    ]);
  });

  test('no loop when the credential_process names its own source profile with static keys', () => {
    const config = '[profile loop]\ncredential_process = cred-launch secrets-manager prod/ci --source-profile keys\n';
    const credentials = '[keys]\naws_access_key_id = AKIA\naws_secret_access_key = s\n';
    expect(findCredentialProcessLoop(args('prod/ci'), { AWS_PROFILE: 'loop' }, sharedConfig(config, credentials))).toBeUndefined();
  });

  test('no loop for other plugins, other programs, static keys or unknown profiles', () => {
    const config = [
      '[profile vault]',
      'credential_process = cred-launch vault secret/aws',
      '[profile script]',
      'credential_process = sh /tmp/get-keys.sh',
      '[profile keys]',
      'aws_access_key_id = AKIA',
      'aws_secret_access_key = s',
    ].join('\n');
    for (const profile of ['vault', 'script', 'keys', 'missing']) {
      expect(findCredentialProcessLoop(args('prod/ci'), { AWS_PROFILE: profile }, sharedConfig(config)), profile).toBeUndefined();
    }
  });

  test('a command-line AWS_PROFILE override is followed', () => {
    const config = [
      '[profile a]',
      'credential_process = env AWS_PROFILE=b cred-launch secrets-manager s',
      '[profile b]',
      'credential_process = cred-launch secrets-manager t',
    ].join('\n');
    const trail = findCredentialProcessLoop(args('s'), { AWS_PROFILE: 'a' }, sharedConfig(config));
    expect(trail?.map((step) => step.profile)).toEqual(['a', 'b', 'a']);
  });
});

describe('the guard in the plugin (no request is made)', () => {
  let backend: Backend;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(async () => {
    await backend.close();
  });

  test('AWS_PROFILE at a cred-launch secrets-manager profile stops with CONFIG', async () => {
    const configFile = join(backend.dir, 'config-loop');
    writeFileSync(configFile, '[profile loop]\ncredential_process = /usr/local/bin/cred-launch secrets-manager ci/pascal\nregion = us-east-1\n');
    const before = backend.server.requests.length;
    const { error } = await run(['ci/pascal'], backend.env({ AWS_CONFIG_FILE: configFile, AWS_PROFILE: 'loop' }));
    expect(error?.code).toBe('CONFIG');
    expect(error?.message).toBe(
      'secrets-manager: credential_process loop: the credentials for reading "ci/pascal" come from profile "loop" → credential_process cred-launch secrets-manager → profile "loop" (again), which would start cred-launch forever',
    );
    expect(error?.hint).toContain('--source-profile');
    expect(backend.server.requests.length).toBe(before);
  });

  test('the same profile with --source-profile elsewhere is fine', async () => {
    const configFile = join(backend.dir, 'config-loop-2');
    writeFileSync(configFile, '[profile loop]\ncredential_process = cred-launch secrets-manager ci/pascal\n[profile bob]\nregion = us-east-1\n');
    const { credentials } = await run(['ci/pascal', '--source-profile', 'bob'], backend.env({ AWS_CONFIG_FILE: configFile, AWS_PROFILE: 'loop' }));
    expect(credentials?.accessKeyId).toBe(STORED.accessKeyId);
  });

  test('a loop reported by a cred-launch further down the chain (CRED_LAUNCH_ACTIVE) becomes CONFIG here', () => {
    // What the SDK's fromProcess throws when the child cred-launch stopped on its loop guard.
    const childFailure = Object.assign(
      new Error('Command failed: sh /tmp/wrapper.sh\ncred-launch: credential_process loop: fetching these credentials needs the same cred-launch call again'),
      {
        name: 'CredentialsProviderError',
      },
    );
    const error = mapSecretsManagerError(childFailure, { secretId: 'ci/pascal', region: 'us-east-1', regionSource: 'AWS_REGION', caller: 'AWS_PROFILE "loop"' });
    expect(error.code).toBe('CONFIG');
    expect(error.message).toBe('secrets-manager: credential_process loop: the credentials from AWS_PROFILE "loop" run cred-launch, which needs this same call again');
    expect(error.hint).toContain('--source-profile');
  });
});

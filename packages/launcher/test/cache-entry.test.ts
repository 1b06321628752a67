import { chmodSync, chownSync, mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { CACHE_FORMAT, entryFor, entryPath, readFreshEntry, writeEntry } from '../src/cache/cache-entry.js';
import { cacheDirectory, ensureCacheDirectory } from '../src/cache/cache-dir.js';
import { cacheKey } from '../src/cache/cache-key.js';
import { tempDir } from './helpers/spawn.js';

const NOW = Date.parse('2030-01-01T00:00:00Z');
const policy = { refreshWindowSeconds: 900, cacheTtlSeconds: undefined };
const temporary = (secondsLeft: number) => ({
  accessKeyId: 'ASIATEST',
  secretAccessKey: 'secret-for-cache-test',
  sessionToken: 'session-token-for-test',
  expiration: new Date(NOW + secondsLeft * 1000),
});

describe('what is cached and for how long', () => {
  test('temporary credentials are served until the refresh window begins', () => {
    const entry = entryFor(temporary(3600), NOW, policy);
    expect(entry?.serveUntil).toBe(NOW + (3600 - 900) * 1000);
    const dir = tempDir();
    writeEntry(dir, 'k', entry!);
    expect(readFreshEntry(dir, 'k', NOW + (3600 - 900) * 1000 - 1)).toBeDefined();
    expect(readFreshEntry(dir, 'k', NOW + (3600 - 900) * 1000)).toBeUndefined();
  });

  test('credentials that expire inside the refresh window are not cached at all', () => {
    expect(entryFor(temporary(900), NOW, policy)).toBeUndefined();
    expect(entryFor(temporary(901), NOW, policy)).toBeDefined();
  });

  test('long-term keys are cached only with a TTL, and then for exactly that long', () => {
    const staticKeys = { accessKeyId: 'AKIASTATIC', secretAccessKey: 'static-secret-key' };
    expect(entryFor(staticKeys, NOW, policy)).toBeUndefined();
    expect(entryFor(staticKeys, NOW, { ...policy, cacheTtlSeconds: 60 })?.serveUntil).toBe(NOW + 60_000);
  });

  test('a TTL also caps temporary credentials', () => {
    expect(entryFor(temporary(7200), NOW, { ...policy, cacheTtlSeconds: 60 })?.serveUntil).toBe(NOW + 60_000);
  });

  test('an entry past its Expiration is never served, whatever serveUntil says', () => {
    const dir = tempDir();
    const entry = entryFor(temporary(3600), NOW, policy)!;
    writeEntry(dir, 'k', { ...entry, serveUntil: NOW + 10 * 3600 * 1000 });
    expect(readFreshEntry(dir, 'k', NOW + 3600 * 1000)).toBeUndefined();
  });

  test('the stored Expiration is UTC with a Z and whole seconds', () => {
    const entry = entryFor({ ...temporary(3600), expiration: new Date(NOW + 3600_123) }, NOW, policy)!;
    expect(entry.credentials.Expiration).toBe('2030-01-01T01:00:00Z');
  });
});

describe('corrupt or foreign entries are misses, never errors', () => {
  const cases: Record<string, string> = {
    truncated: '{"format":"cred-launch-cache/1","storedAt":1,"serveUn',
    'not json': 'hello',
    'foreign version': JSON.stringify({ format: 'cred-launch-cache/999', storedAt: 1, serveUntil: NOW * 2, credentials: { AccessKeyId: 'A', SecretAccessKey: 'B' } }),
    'missing secret': JSON.stringify({ format: CACHE_FORMAT, storedAt: 1, serveUntil: NOW * 2, credentials: { AccessKeyId: 'A' } }),
    'bad expiration': JSON.stringify({ format: CACHE_FORMAT, storedAt: 1, serveUntil: NOW * 2, credentials: { AccessKeyId: 'A', SecretAccessKey: 'B', Expiration: 'soon' } }),
    null: 'null',
  };
  for (const [name, text] of Object.entries(cases)) {
    test(name, () => {
      const dir = tempDir();
      writeFileSync(entryPath(dir, 'k'), text);
      expect(readFreshEntry(dir, 'k', NOW)).toBeUndefined();
      // …and the next store replaces it.
      writeEntry(dir, 'k', entryFor(temporary(3600), NOW, policy)!);
      expect(readFreshEntry(dir, 'k', NOW)?.credentials.AccessKeyId).toBe('ASIATEST');
    });
  }

  test('a symlink planted in place of an entry is not followed', () => {
    const dir = tempDir();
    const elsewhere = join(tempDir(), 'target.json');
    writeFileSync(elsewhere, JSON.stringify(entryFor(temporary(3600), NOW, policy)));
    symlinkSync(elsewhere, entryPath(dir, 'k'));
    expect(readFreshEntry(dir, 'k', NOW)).toBeUndefined();
  });
});

describe('files and directory permissions', () => {
  test('entries are written 0600 atomically, leaving no temp files', () => {
    const dir = tempDir();
    writeEntry(dir, 'k', entryFor(temporary(3600), NOW, policy)!);
    expect(statSync(entryPath(dir, 'k')).mode & 0o777).toBe(0o600);
    expect(readdirSync(dir)).toEqual(['k.json']);
    expect(JSON.parse(readFileSync(entryPath(dir, 'k'), 'utf8')).format).toBe(CACHE_FORMAT);
  });

  test('the directory is created 0700, and a loose one we own is tightened', () => {
    const dir = join(tempDir(), 'nested', 'cache');
    expect(ensureCacheDirectory(dir, false)).toBe(false);
    expect(ensureCacheDirectory(dir, true)).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    chmodSync(dir, 0o755);
    ensureCacheDirectory(dir, true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  test('a symlinked cache directory is refused', () => {
    const real = tempDir();
    const link = join(tempDir(), 'link');
    symlinkSync(real, link);
    expect(() => ensureCacheDirectory(link, true)).toThrow(/symbolic link/u);
  });

  test('a file in place of the directory is refused', () => {
    const path = join(tempDir(), 'file');
    writeFileSync(path, '');
    expect(() => ensureCacheDirectory(path, true)).toThrow(/not a directory/u);
  });

  test.skipIf(process.getuid?.() !== 0)('a directory owned by someone else is refused', () => {
    const dir = join(tempDir(), 'foreign');
    mkdirSync(dir, { mode: 0o700 });
    chownSync(dir, 12345, 12345);
    expect(() => ensureCacheDirectory(dir, true)).toThrow(/belongs to uid 12345/u);
  });
});

describe('cache location and keys', () => {
  test('directory precedence: CRED_LAUNCH_CACHE_DIR, XDG_RUNTIME_DIR, platform default', () => {
    expect(cacheDirectory({ CRED_LAUNCH_CACHE_DIR: '/x', XDG_RUNTIME_DIR: '/run/user/1' }, '/home/u', 'linux')).toBe('/x');
    expect(cacheDirectory({ XDG_RUNTIME_DIR: '/run/user/1' }, '/home/u', 'linux')).toBe('/run/user/1/cred-launch');
    expect(cacheDirectory({}, '/home/u', 'linux')).toBe('/home/u/.cache/cred-launch');
    expect(cacheDirectory({ XDG_CACHE_HOME: '/c' }, '/home/u', 'linux')).toBe('/c/cred-launch');
    expect(cacheDirectory({}, '/Users/u', 'darwin')).toBe('/Users/u/Library/Caches/cred-launch');
  });

  test('keys separate plugins, arguments, declared env values and STS options', () => {
    const base = { plugin: '@cred-launch/plugin-vault', args: ['secret/aws/dev'], env: { VAULT_ADDR: 'https://a' }, launcher: {} };
    const key = cacheKey(base);
    expect(cacheKey({ ...base })).toBe(key);
    expect(cacheKey({ ...base, plugin: '@cred-launch/plugin-file' })).not.toBe(key);
    expect(cacheKey({ ...base, args: ['secret/aws/prod'] })).not.toBe(key);
    expect(cacheKey({ ...base, args: ['secret/aws', 'dev'] })).not.toBe(key);
    expect(cacheKey({ ...base, env: { VAULT_ADDR: 'https://b' } })).not.toBe(key);
    expect(cacheKey({ ...base, env: { VAULT_ADDR: undefined } })).not.toBe(key);
    expect(cacheKey({ ...base, launcher: { assumeRole: 'arn:aws:iam::123456789012:role/a' } })).not.toBe(key);
    expect(cacheKey({ ...base, launcher: { assumeRole: undefined } })).toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/u);
  });
});

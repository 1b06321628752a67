import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { cacheDirectory } from '../src/cache/cache-dir.js';
import { BIN } from './helpers/spawn.js';

// On Node 22.1+ the bin points Node's compile cache at cred-launch's private
// cache directory, which it must find before loading any module: its own
// copy of the rules in src/cache/cache-dir.ts, kept in step here.
const { privateCacheDirectory } = createRequire(import.meta.url)(BIN) as {
  privateCacheDirectory: (env: Record<string, string | undefined>, platform: NodeJS.Platform) => string | undefined;
};

const cases: Array<[string, Record<string, string | undefined>, NodeJS.Platform]> = [
  ['CRED_LAUNCH_CACHE_DIR', { CRED_LAUNCH_CACHE_DIR: '/srv/cache', HOME: '/home/u', XDG_RUNTIME_DIR: '/run/user/1' }, 'linux'],
  ['XDG_RUNTIME_DIR', { HOME: '/home/u', XDG_RUNTIME_DIR: '/run/user/1' }, 'linux'],
  ['a relative XDG_RUNTIME_DIR is ignored', { HOME: '/home/u', XDG_RUNTIME_DIR: 'run' }, 'linux'],
  ['XDG_CACHE_HOME', { HOME: '/home/u', XDG_CACHE_HOME: '/var/cache/u' }, 'linux'],
  ['a relative XDG_CACHE_HOME is ignored', { HOME: '/home/u', XDG_CACHE_HOME: 'cache' }, 'linux'],
  ['~/.cache', { HOME: '/home/u' }, 'linux'],
  ['macOS', { HOME: '/Users/u' }, 'darwin'],
  ['Windows, LOCALAPPDATA', { USERPROFILE: 'C:\\Users\\u', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32'],
];

describe("the bin's cache directory for Node 22's compile cache", () => {
  test.each(cases)('%s: the same directory as the credential cache', (_name, env, platform) => {
    expect(privateCacheDirectory(env, platform)).toBe(cacheDirectory(env, () => env.HOME ?? env.USERPROFILE ?? '/nowhere', platform));
  });

  test('no directory (so no compile cache) where the environment does not say: no HOME, a relative CRED_LAUNCH_CACHE_DIR', () => {
    expect(privateCacheDirectory({}, 'linux')).toBeUndefined();
    expect(privateCacheDirectory({ CRED_LAUNCH_CACHE_DIR: 'relative', HOME: '/home/u' }, 'linux')).toBeUndefined();
    expect(() => cacheDirectory({ CRED_LAUNCH_CACHE_DIR: 'relative' }, '/home/u', 'linux')).toThrow(/absolute/u);
  });
});

import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, tempDir } from './helpers/spawn.js';

/** The fixture plugin that returns credentials from its arguments. */
export const GOOD = join(FIXTURES, 'good.mjs');
/** Values that must never appear in anything configure or doctor prints. */
export const CANARY_SECRET = 'CANARY-secret-access-key-5b1e';
export const CANARY_TOKEN = 'CANARY-session-token-9c4d';

/** A private temp area whose path contains spaces, with the AWS files and a cache in it. */
export interface ProfileSandbox {
  dir: string;
  home: string;
  configFile: string;
  credentialsFile: string;
  cacheDir: string;
  /** Environment for runLauncher: the files, the cache, HOME and the canaries. */
  env: Record<string, string>;
}

export function profileSandbox(): ProfileSandbox {
  const dir = join(tempDir('cred-launch-profiles-'), 'dir with spaces');
  const home = join(dir, 'home');
  mkdirSync(join(home, '.aws'), { recursive: true });
  const configFile = join(home, '.aws', 'config');
  const credentialsFile = join(home, '.aws', 'credentials');
  const cacheDir = join(dir, 'cache');
  return {
    dir,
    home,
    configFile,
    credentialsFile,
    cacheDir,
    env: {
      HOME: home,
      AWS_CONFIG_FILE: configFile,
      AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
      CRED_LAUNCH_CACHE_DIR: cacheDir,
      FIXTURE_SECRET: CANARY_SECRET,
      FIXTURE_SESSION_TOKEN: CANARY_TOKEN,
    },
  };
}

/** The access key id the args plugin returns for these arguments. */
export function argsKey(args: readonly string[]): string {
  return `AKIA${Buffer.from(JSON.stringify(args)).toString('hex').toUpperCase()}`;
}

/**
 * A self-contained plugin (no imports) at a path with spaces whose access key
 * id encodes its arguments exactly: a consumer that split the line wrongly
 * gets a different key.
 */
export function writeArgsPlugin(dir: string): string {
  const path = join(dir, 'plugins with spaces', 'args plugin.mjs');
  mkdirSync(join(dir, 'plugins with spaces'), { recursive: true });
  writeFileSync(
    path,
    `export default {
  contractVersion: 1,
  name: 'args',
  description: 'fixture: access key id encodes the arguments',
  usage: 'cred-launch "args plugin.mjs" [args…]',
  parseArgs: ({ argv }) => ({ argv: [...argv] }),
  async getCredentials({ args, env, now }) {
    return {
      accessKeyId: 'AKIA' + Buffer.from(JSON.stringify(args.argv)).toString('hex').toUpperCase(),
      secretAccessKey: env.FIXTURE_SECRET ?? 'args-plugin-secret-0001',
      sessionToken: env.FIXTURE_SESSION_TOKEN ?? 'args-plugin-token-0001',
      expiration: new Date(now().getTime() + 3 * 3600 * 1000),
    };
  },
};
`,
  );
  return path;
}

/** An executable shell script (for lines that do not run cred-launch). */
export function writeScript(dir: string, name: string, body: string): string {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/sh\n${body}\n`);
  chmodSync(path, 0o755);
  return path;
}

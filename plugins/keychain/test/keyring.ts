/**
 * A REAL freedesktop Secret Service for the tests: a private dbus-daemon
 * session bus and gnome-keyring-daemon unlocked with a known password, in a
 * temporary HOME/XDG directory. Nothing here is a fake: secret-tool talks
 * D-Bus to the real daemon. Where the Debian packages dbus, gnome-keyring
 * and libsecret-tools are missing, {@link keyringUnavailableReason} says why
 * and the tests that need it skip.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The environment a keychain program needs to reach the test keyring. */
export type KeyringEnv = Record<string, string>;

/** A running test keyring. */
export interface TestKeyring {
  env: KeyringEnv;
  dir: string;
  /** Locks the login collection through the Secret Service API, as a screen lock does. */
  lock(): void;
  stop(): void;
}

function has(command: string, args: string[]): boolean {
  return spawnSync(command, args, { stdio: 'ignore' }).status === 0;
}

/** Why the real keyring cannot run here, or undefined when it can. */
export function keyringUnavailableReason(): string | undefined {
  if (process.platform !== 'linux') return 'the real-keyring tests run on Linux only';
  for (const [command, pkg] of [
    ['dbus-daemon', 'dbus'],
    ['gnome-keyring-daemon', 'gnome-keyring'],
    ['secret-tool', 'libsecret-tools'],
  ] as const) {
    if (!has('sh', ['-c', `command -v ${command}`])) return `${command} is not installed (apt-get install ${pkg})`;
  }
  return undefined;
}

/** Starts a private session bus and an unlocked gnome-keyring-daemon on it. Throws with the reason when it cannot. */
export function startKeyring(password = 'test-keyring-password'): TestKeyring {
  const dir = mkdtempSync(join(tmpdir(), 'cred-launch-keyring-'));
  const runtime = join(dir, 'run');
  mkdirSync(runtime, { mode: 0o700 });
  mkdirSync(join(dir, 'data'));
  const env: KeyringEnv = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dir,
    XDG_RUNTIME_DIR: runtime,
    XDG_DATA_HOME: join(dir, 'data'),
    XDG_CONFIG_HOME: join(dir, 'config'),
  };
  const bus = spawnSync('dbus-daemon', ['--session', '--fork', '--print-address=1', '--print-pid=1', `--address=unix:path=${join(dir, 'bus')}`], {
    env,
    encoding: 'utf8',
    timeout: 10_000,
  });
  const [address, pidText] = (bus.stdout ?? '').trim().split('\n');
  const busPid = Number(pidText);
  if (bus.status !== 0 || address === undefined || !Number.isInteger(busPid)) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`dbus-daemon did not start: ${(bus.stderr ?? '').trim().split('\n')[0] ?? ''}`);
  }
  env.DBUS_SESSION_BUS_ADDRESS = address;
  // The daemons started on this bus exit when it goes away.
  const stop = (): void => {
    try {
      process.kill(busPid, 'SIGTERM');
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const keyring = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], { env, input: password, encoding: 'utf8', timeout: 10_000 });
  if (keyring.status !== 0) {
    stop();
    throw new Error(`gnome-keyring-daemon --unlock failed: ${(keyring.stderr ?? '').trim().split('\n')[0] ?? ''}`);
  }
  const lock = (): void => {
    const result = spawnSync(
      'dbus-send',
      [
        '--session',
        '--dest=org.freedesktop.secrets',
        '--type=method_call',
        '--print-reply',
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock',
        'array:objpath:/org/freedesktop/secrets/collection/login',
      ],
      { env, encoding: 'utf8', timeout: 10_000 },
    );
    if (result.status !== 0) throw new Error(`could not lock the test keyring: ${result.stderr}`);
  };
  return { env, dir, lock, stop };
}

/** Runs secret-tool against the test keyring (to plant entries the plugin did not write). */
export function secretTool(env: KeyringEnv, args: string[], input?: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync('secret-tool', args, { env, input, encoding: 'utf8', timeout: 10_000 });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

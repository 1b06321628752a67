/**
 * The published cred-launch conformance suite (@cred-launch/testkit), every
 * scenario, against a REAL gnome-keyring-daemon on a private D-Bus session
 * (test/keyring.ts). The "hang" scenario points the real secret-tool at a
 * socket that accepts and never answers. Skipped, with the reason, where the
 * keyring cannot be started.
 */
import { sourceTestSuite } from '@cred-launch/testkit';
import { afterAll, beforeAll, test } from 'vitest';
import source from '../src/index.js';
import { CANARY, DEV_DOCUMENT, startSilentBus } from './helpers.js';
import { keyringUnavailableReason, secretTool, startKeyring, type TestKeyring } from './keyring.js';

const unavailable = keyringUnavailableReason();
let keyring: TestKeyring | undefined;
let silentBus: Awaited<ReturnType<typeof startSilentBus>> | undefined;

beforeAll(async () => {
  if (unavailable !== undefined) return;
  keyring = startKeyring();
  const stored = secretTool(keyring.env, ['store', '--label=cred-launch: dev', 'service', 'cred-launch', 'account', 'dev'], DEV_DOCUMENT);
  if (stored.status !== 0) throw new Error(`could not plant the dev entry: ${stored.stderr}`);
  silentBus = await startSilentBus(keyring.dir);
});

afterAll(async () => {
  await silentBus?.close();
  keyring?.stop();
});

if (unavailable !== undefined) test.skip(`conformance against the real keyring: ${unavailable}`, () => undefined);

const register = unavailable === undefined ? test : test.skip;
const env = (): Record<string, string> => keyring?.env ?? {};

// Scenarios that read the keyring started in beforeAll are functions: the
// suite calls them inside each test.
sourceTestSuite(register, () => source, {
  valid: () => ({ argv: ['dev', '--backend', 'secret-service'], env: env(), expect: { accessKeyId: 'AKIAKEYCHAINDEV00001', sessionToken: false, expiration: false } }),
  usageErrors: [{ argv: [] }, { argv: ['dev', 'extra'] }, { argv: ['../dev'] }, { argv: ['add'] }, { argv: ['dev', '--backend', 'gpg'] }, { argv: ['dev', '--bogus'] }],
  notFound: () => ({ argv: ['no-such-entry', '--backend', 'secret-service'], env: env() }),
  hang: () => ({ argv: ['dev', '--backend', 'secret-service'], env: { ...env(), DBUS_SESSION_BUS_ADDRESS: silentBus?.address ?? 'unix:path=/nonexistent' } }),
  canary: CANARY,
  packageJson: new URL('../package.json', import.meta.url),
  entry: new URL('../dist/index.js', import.meta.url),
});

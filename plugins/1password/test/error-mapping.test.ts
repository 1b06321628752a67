/**
 * Issue 15 item 9 and issue 14 items 6–7, against a FAKE SDK client
 * (test/fake-sdk.ts, not the real service): what the SDK core's error texts
 * become under each kind of sign-in, which exit code a reply of the wrong
 * shape gets, and references with "." / ".." parts. The texts thrown here are
 * the ones in @1password/sdk-core 0.5.0's WASM core (`strings core_bg.wasm`):
 * "failed to authenticate", "resource not found", "could not register this
 * device", "account couldn't be found".
 */
import { describe, expect, test } from 'vitest';
import { looksLikeSignInAddress } from '../src/errors.js';
import { createOnePasswordSource } from '../src/source.js';
import { fakeSdk, type FakeSdkOptions } from './fake-sdk.js';
import { expectError, run } from './run.js';

const ITEM = 'op://Private/AWS dev';
const keyPair = { [`${ITEM}/access key id`]: 'AKIAIOSFODNN7EXAMPLE', [`${ITEM}/secret access key`]: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARYKEY' };

function source(options: FakeSdkOptions) {
  const fake = fakeSdk({ fields: keyPair, ...options });
  return { fake, source: createOnePasswordSource({ loadSdk: fake.load }) };
}

describe('SDK errors by kind of sign-in (fake SDK)', () => {
  test('"failed to authenticate" under the desktop app is about the app, never a service account token', async () => {
    const desktop = expectError(await run(source({ createError: new Error('failed to authenticate') }).source, [ITEM, '--account', 'Acme'], { env: {} }), 'AUTH');
    expect(desktop.message).toBe('1password: the 1Password app did not authenticate this request (locked, prompt denied or dismissed, or integration off)');
    expect(desktop.hint).toMatch(/unlock the 1Password app/u);
    expect(`${desktop.message} ${desktop.hint}`).not.toMatch(/service account token/u);
    // With a token it still means the token.
    const token = expectError(await run(source({ createError: new Error('failed to authenticate') }).source, [ITEM]), 'AUTH');
    expect(token.message).toBe('1password: the service account token is not valid');
  });

  test('"resource not found" is NOT_FOUND (66) with a hint for the step it came from', async () => {
    const resolving = expectError(await run(source({ resolveError: new Error('resource not found') }).source, [ITEM]), 'NOT_FOUND');
    expect(resolving.message).toBe('1password: 1Password answered "resource not found" while resolving secrets');
    expect(resolving.hint).toMatch(/not shared with the service account/u);
    const signingIn = expectError(await run(source({ createError: new Error('resource not found') }).source, [ITEM]), 'NOT_FOUND');
    expect(signingIn.hint).toMatch(/may have been deleted/u);
    expect(signingIn.hint).not.toMatch(/network/u);
  });

  test('"could not register this device" is AUTH with a hint about device registration, not the network', async () => {
    const error = expectError(await run(source({ createError: new Error('could not register this device') }).source, [ITEM]), 'AUTH');
    expect(error.message).toBe('1password: 1Password could not register this device for the sign-in');
    expect(error.hint).toMatch(/register this machine as a device/u);
    expect(error.hint).not.toMatch(/network/u);
  });

  test('an unknown account given as an op CLI sign-in address gets a hint naming the difference', async () => {
    const error = expectError(await run(source({ createError: new Error("account couldn't be found") }).source, [ITEM, '--account', 'my.1password.com'], { env: {} }), 'AUTH');
    expect(error.message).toBe('1password: 1Password does not know that account ("my.1password.com")');
    expect(error.hint).toContain('"my.1password.com" is a sign-in address');
    expect(error.hint).toContain("account name shown at the top of the 1Password app's sidebar, or the account UUID");
    const named = expectError(await run(source({ createError: new Error("account couldn't be found") }).source, [ITEM], { env: { OP_ACCOUNT: 'Acme Corp' } }), 'AUTH');
    expect(named.hint).not.toContain('is a sign-in address');
  });

  test('a sign-in address is still passed to the SDK (the desktop app decides), with a debug line saying what it expects', async () => {
    const { fake, source: s } = source({});
    const outcome = await run(s, [ITEM], { env: { OP_ACCOUNT: 'https://acme.1password.eu' } });
    expect(outcome.result?.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
    expect(fake.clients[0]?.auth).toEqual({ type: 'desktop', accountName: 'https://acme.1password.eu' });
    expect(outcome.debug.join('\n')).toContain('looks like an op CLI sign-in address');
  });

  test('looksLikeSignInAddress knows the op CLI forms and leaves account names alone', () => {
    for (const address of ['my.1password.com', 'acme.1password.eu', 'https://acme.1password.ca/', 'ACME.1PASSWORD.COM']) expect(looksLikeSignInAddress(address)).toBe(true);
    for (const name of ['Acme Corp', 'Personal', 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', '1password.com.evil', 'me@example.com']) expect(looksLikeSignInAddress(name)).toBe(false);
  });
});

describe('one meaning per exit code (fake SDK)', () => {
  test('an answer whose content holds no secret text is BACKEND (a reply of the wrong shape), not an empty field', async () => {
    const fake = fakeSdk({ fields: keyPair });
    const load = async () => {
      const sdk = await fake.load();
      return {
        ...sdk,
        createClient: async () => ({
          secrets: {
            resolveAll: async (references: string[]) => ({
              individualResponses: Object.fromEntries(references.map((reference) => [reference, { content: { secret: 42 as unknown as string } }])),
            }),
          },
        }),
      };
    };
    const error = expectError(await run(createOnePasswordSource({ loadSdk: load }), [ITEM]), 'BACKEND');
    expect(error.message).toContain('holds no secret text (unexpected reply shape)');
  });

  test('an empty field that was read is INVALID_SECRET (65)', async () => {
    const error = expectError(await run(source({ fields: { ...keyPair, [`${ITEM}/secret access key`]: '  ' } }).source, [ITEM]), 'INVALID_SECRET');
    expect(error.message).toContain('is empty');
  });
});

describe('no path escape (issue 14 item 6): "." and ".." parts of references are USAGE before the SDK loads', () => {
  test.each([
    [['op://Private/..']],
    [['op://../AWS dev']],
    [[ITEM, '--secret-key-field', '../secret']],
    [['--access-key-ref', 'op://Private/AWS dev/./key', '--secret-key-ref', 'op://Private/AWS dev/secret']],
    [[ITEM, '--totp-field', 'section/..']],
  ])('%j', async (argv) => {
    const { fake, source: s } = source({});
    const error = expectError(await run(s, argv), 'USAGE');
    expect(error.message).toMatch(/"\.\.?" is not a name/u);
    expect(fake.loads).toBe(0);
  });

  test('names with dots inside are fine', async () => {
    const { source: s } = source({ fields: { 'op://Private/aws.dev..v2/access key id': 'AKIAIOSFODNN7EXAMPLE', 'op://Private/aws.dev..v2/secret access key': 'x' } });
    expect((await run(s, ['op://Private/aws.dev..v2'])).result?.accessKeyId).toBe('AKIAIOSFODNN7EXAMPLE');
  });
});

/**
 * Behaviour of the 1Password source against a FAKE SDK client (test/fake-sdk.ts):
 * field mapping, per-field references, optional fields, error mapping, no
 * secret in any message, the AbortSignal. What the real SDK decides locally is
 * in real-sdk.test.ts.
 */
import { readFile } from 'node:fs/promises';
import { REDACTED } from '@cred-launch/core';
import { describe, expect, test } from 'vitest';
import { createOnePasswordSource } from '../src/source.js';
import { AuthExpiredError, DesktopSessionExpiredError, fakeSdk, RateLimitExceededError, type FakeSdkOptions } from './fake-sdk.js';
import { expectError, run, TOKEN } from './run.js';

const ITEM = 'op://Private/AWS dev';
const KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYCANARYKEY';
const SESSION = 'FwoGZXIvYXdzEJr//////////CANARYSESSION';
const SEED = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const SERIAL = 'arn:aws:iam::123456789012:mfa/dev';

const keyPair = {
  [`${ITEM}/access key id`]: KEY_ID,
  [`${ITEM}/secret access key`]: SECRET,
};

function source(options: FakeSdkOptions = { fields: keyPair }) {
  const fake = fakeSdk(options);
  return { fake, source: createOnePasswordSource({ loadSdk: fake.load }) };
}

describe('field mapping (fake SDK)', () => {
  test('an item with the default labels gives the key pair; absent optional fields are tolerated', async () => {
    const { fake, source: s } = source();
    const { result } = await run(s, [ITEM]);
    expect(result).toEqual({ accessKeyId: KEY_ID, secretAccessKey: SECRET });
    expect(fake.resolveCalls).toEqual([[`${ITEM}/access key id`, `${ITEM}/secret access key`, `${ITEM}/session token`, `${ITEM}/mfa serial`, `${ITEM}/one-time password`]]);
  });

  test('every field in ONE resolveAll call: session token, MFA serial and the TOTP seed from an otpauth URI', async () => {
    const { fake, source: s } = source({
      fields: {
        ...keyPair,
        [`${ITEM}/session token`]: SESSION,
        [`${ITEM}/mfa serial`]: SERIAL,
        [`${ITEM}/one-time password`]: `otpauth://totp/Amazon%20Web%20Services:dev@123456789012?secret=${SEED}&issuer=Amazon%20Web%20Services`,
      },
    });
    const { result, redactor } = await run(s, [ITEM]);
    expect(result).toEqual({ accessKeyId: KEY_ID, secretAccessKey: SECRET, sessionToken: SESSION, mfaSerial: SERIAL, mfaTotpSeed: SEED });
    expect(fake.resolveCalls).toHaveLength(1);
    expect(fake.loads).toBe(1);
    // Every secret value was registered for redaction.
    for (const value of [SECRET, SESSION, SEED, TOKEN]) expect(redactor.redact(`x ${value} x`)).toBe(`x ${REDACTED} x`);
  });

  test('values are trimmed, and a bare base32 seed (as apps show it, in groups) is accepted', async () => {
    const { source: s } = source({
      fields: { [`${ITEM}/access key id`]: ` ${KEY_ID}\n`, [`${ITEM}/secret access key`]: `${SECRET}\r\n`, [`${ITEM}/one-time password`]: 'jbsw y3dp ehpk 3pxp' },
    });
    const { result } = await run(s, [ITEM]);
    expect(result).toEqual({ accessKeyId: KEY_ID, secretAccessKey: SECRET, mfaTotpSeed: 'JBSWY3DPEHPK3PXP' });
  });

  test('custom labels, sections and per-field references are resolved as given', async () => {
    const { fake, source: s } = source({
      fields: { 'op://ci/deployer/keys/id': KEY_ID, 'op://ci/deployer/keys/secret': SECRET, 'op://shared/mfa/arn': SERIAL },
    });
    const { result } = await run(s, ['op://ci/deployer', '--access-key-field', 'keys/id', '--secret-key-field', 'keys/secret', '--mfa-serial-ref', 'op://shared/mfa/arn']);
    expect(result).toEqual({ accessKeyId: KEY_ID, secretAccessKey: SECRET, mfaSerial: SERIAL });
    expect(fake.resolveCalls[0]).toEqual([
      'op://ci/deployer/keys/id',
      'op://ci/deployer/keys/secret',
      'op://ci/deployer/session token',
      'op://shared/mfa/arn',
      'op://ci/deployer/one-time password',
    ]);
  });

  test('the same reference twice is asked once', async () => {
    const { fake, source: s } = source({ fields: { 'op://v/i/both': 'AKIASAMEVALUE0000000' } });
    const { result } = await run(s, ['--access-key-ref', 'op://v/i/both', '--secret-key-ref', 'op://v/i/both']);
    expect(result?.accessKeyId).toBe('AKIASAMEVALUE0000000');
    expect(fake.resolveCalls).toEqual([['op://v/i/both']]);
  });

  test('answers keyed with other case or spacing are matched; a missing answer is BACKEND', async () => {
    const lower = source({ fields: keyPair, answerKey: (reference) => ` ${reference.toLowerCase()}` });
    expect((await run(lower.source, [ITEM])).result).toEqual({ accessKeyId: KEY_ID, secretAccessKey: SECRET });
    const lost = source({ fields: keyPair, answerKey: (reference) => `${reference}#lost` });
    expect(expectError(await run(lost.source, [ITEM]), 'BACKEND').message).toBe(`1password: no answer for "${ITEM}/access key id"`);
  });

  test('secret values are registered for redaction, identifiers are not', async () => {
    const { redactor } = await run(source({ fields: { ...keyPair, [`${ITEM}/mfa serial`]: SERIAL } }).source, [ITEM]);
    expect(redactor.redact(SECRET)).toBe(REDACTED);
    expect(redactor.redact(KEY_ID)).toBe(KEY_ID);
    expect(redactor.redact(SERIAL)).toBe(SERIAL);
  });

  test('an unreadable default TOTP field is skipped, an explicitly named one is INVALID_SECRET', async () => {
    const fields = { ...keyPair, [`${ITEM}/one-time password`]: '123456' };
    expect((await run(source({ fields }).source, [ITEM])).result).toEqual({ accessKeyId: KEY_ID, secretAccessKey: SECRET });
    const error = expectError(await run(source({ fields }).source, [ITEM, '--totp-field', 'one-time password']), 'INVALID_SECRET', [TOKEN, '123456']);
    expect(error.message).toContain(`"${ITEM}/one-time password" holds no TOTP seed`);
  });

  test('integration name and version come from package.json, in a form the SDK accepts', async () => {
    const pkg = JSON.parse(await readFile(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    const { fake, source: s } = source();
    await run(s, [ITEM]);
    expect(fake.clients[0]).toEqual({ auth: { type: 'token', token: TOKEN }, integrationName: 'cred-launch plugin-1password', integrationVersion: pkg.version });
  });
});

describe('missing fields (fake SDK)', () => {
  test('a missing required field is NOT_FOUND naming the reference, never a value', async () => {
    const { source: s } = source({ fields: { [`${ITEM}/access key id`]: KEY_ID, [`${ITEM}/other`]: SECRET } });
    const error = expectError(await run(s, [ITEM]), 'NOT_FOUND', [TOKEN, SECRET, KEY_ID]);
    expect(error.message).toBe(`1password: the item has no field matching "${ITEM}/secret access key"`);
  });

  test('an optional field named explicitly must exist', async () => {
    const { source: s } = source();
    const error = expectError(await run(s, [ITEM, '--session-token-field', 'sts']), 'NOT_FOUND', [TOKEN, SECRET]);
    expect(error.message).toContain(`"${ITEM}/sts"`);
  });

  test.each([
    ['op://Nope/AWS dev', 'no vault matches "op://Nope/AWS dev/access key id"'],
    ['op://Private/Nope', 'no item matches "op://Private/Nope/access key id"'],
  ])('%s: NOT_FOUND for the required field, not the optional ones', async (item, message) => {
    const { source: s } = source();
    expect(expectError(await run(s, [item]), 'NOT_FOUND').message).toBe(`1password: ${message}`);
  });

  test('ambiguous names say to use IDs', async () => {
    const { source: s } = source({ fields: keyPair, entryErrors: { [`${ITEM}/access key id`]: 'tooManyItems' } });
    const error = expectError(await run(s, [ITEM]), 'NOT_FOUND');
    expect(error.message).toContain('more than one item matches');
    expect(error.hint).toContain('IDs');
  });

  test('an empty required field is INVALID_SECRET', async () => {
    const { source: s } = source({ fields: { ...keyPair, [`${ITEM}/secret access key`]: '  ' } });
    expect(expectError(await run(s, [ITEM]), 'INVALID_SECRET').message).toContain('is empty');
  });

  test('a reference the SDK cannot parse is USAGE, before signing in', async () => {
    const { fake, source: s } = source({ fields: keyPair, invalidReferences: [`${ITEM}/x?attribute=nope`] });
    const error = expectError(await run(s, [ITEM, '--mfa-serial-field', 'x?attribute=nope']), 'USAGE');
    expect(error.message).toBe(`1password: "${ITEM}/x?attribute=nope" is not a valid secret reference (secret reference has invalid query parameter value)`);
    expect(fake.clients).toHaveLength(0);
  });

  test('a per-reference parsing error is USAGE; an unknown one is BACKEND', async () => {
    expectError(await run(source({ fields: keyPair, entryErrors: { [`${ITEM}/access key id`]: 'parsing' } }).source, [ITEM]), 'USAGE');
    expectError(await run(source({ fields: keyPair, entryErrors: { [`${ITEM}/access key id`]: 'other' } }).source, [ITEM]), 'BACKEND');
  });
});

describe('authentication (fake SDK)', () => {
  test('no token and no account: AUTH saying what to set, without loading the SDK', async () => {
    const { fake, source: s } = source();
    const error = expectError(await run(s, [ITEM], { env: {} }), 'AUTH');
    expect(error.hint).toMatch(/OP_SERVICE_ACCOUNT_TOKEN.*--token-file.*--account/u);
    expect(fake.loads).toBe(0);
  });

  test('the desktop app account comes from --account or OP_ACCOUNT', async () => {
    const flag = source();
    await run(flag.source, [ITEM, '--account', 'my.1password.com'], { env: {} });
    expect(flag.fake.clients[0]?.auth).toEqual({ type: 'desktop', accountName: 'my.1password.com' });
    const env = source();
    await run(env.source, [ITEM], { env: { OP_ACCOUNT: 'Team' } });
    expect(env.fake.clients[0]?.auth).toEqual({ type: 'desktop', accountName: 'Team' });
  });

  const TOKEN_ECHO = `invalid service account token, please make sure you provide a valid service account token as parameter: ${TOKEN} base64 decoding failed`;

  test.each([
    ['a malformed token', new Error(TOKEN_ECHO), 'AUTH', /service account token is not valid/u],
    ['an expired session', new AuthExpiredError('auth expired'), 'AUTH', /refused \(expired, revoked or deleted\)/u],
    ['a revoked token', new Error('you are not authenticated'), 'AUTH', /refused/u],
    ['a throttle token problem', new Error("service account token's throttle token is invalid. please create a new service account token: x"), 'AUTH', /not valid/u],
    ['missing vault permissions', new Error("you don't have the right permissions to access this resource"), 'AUTH', /refused access/u],
    ['a rate limit', new RateLimitExceededError('rate limit exceeded'), 'BACKEND', /rate limit/u],
    ['a network failure', new Error(`error sending request for url (https://my.1password.com/api/v2/auth): ${TOKEN}`), 'BACKEND', /signing in failed: error sending request/u],
    ['something unknown', new TypeError(''), 'BACKEND', /signing in failed \(TypeError\)/u],
  ])('signing in with %s', async (_name, thrown, code, pattern) => {
    const { source: s } = source({ fields: keyPair, createError: thrown });
    const error = expectError(await run(s, [ITEM]), code);
    expect(error.message).toMatch(pattern);
    expect(error.message).not.toContain('CANARY');
  });

  test.each([
    ['a locked or denied app', new Error('the user denied the authorization request'), /could not sign in through the 1Password app \(the user denied/u],
    ['no desktop library', new Error('Native library is not available.'), /desktop app integration is not available/u],
    ['an unknown account', new Error("account couldn't be found"), /does not know that account/u],
    ['an expired desktop session', new DesktopSessionExpiredError('session'), /app session expired/u],
  ])('desktop app: %s is AUTH with what to do in the app', async (_name, thrown, pattern) => {
    const { source: s } = source({ fields: keyPair, createError: thrown });
    const error = expectError(await run(s, [ITEM, '--account', 'me'], { env: {} }), 'AUTH');
    expect(error.message).toMatch(pattern);
    expect(error.hint).toMatch(/unlock the 1Password app/u);
  });

  test.each([
    ['rate limit', new RateLimitExceededError('rate limit exceeded'), 'BACKEND'],
    ['expired auth', new AuthExpiredError('session expired'), 'AUTH'],
    ['server error', new Error(`server error ${TOKEN}`), 'BACKEND'],
  ])('resolving hits a %s', async (_name, thrown, code) => {
    const { source: s } = source({ fields: keyPair, resolveError: thrown });
    const error = expectError(await run(s, [ITEM]), code);
    expect(error.message).not.toContain('CANARY');
  });

  test('an SDK error echoing the token (even as its own ops_ string) never reaches a message', async () => {
    const other = 'ops_eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSJ9SECRET';
    const { source: s } = source({ fields: keyPair, createError: new Error(`unexpected failure near ${other} and ${TOKEN}`) });
    const error = expectError(await run(s, [ITEM]), 'BACKEND', [TOKEN, other, 'eyJzaWduSW5']);
    expect(error.message).toContain('[redacted]');
  });
});

describe('time limit (fake SDK)', () => {
  test('a resolveAll that never answers ends with TIMEOUT as soon as the signal aborts', async () => {
    const { fake, source: s } = source({ fields: keyPair, hang: true });
    const controller = new AbortController();
    const outcome = run(s, [ITEM], { signal: controller.signal });
    await expect.poll(() => fake.resolveCalls.length).toBe(1);
    controller.abort();
    expectError(await outcome, 'TIMEOUT');
  });

  test('an already aborted signal stops before signing in', async () => {
    const { fake, source: s } = source();
    expectError(await run(s, [ITEM], { signal: AbortSignal.abort() }), 'TIMEOUT');
    expect(fake.clients).toHaveLength(0);
  });
});

describe('laziness', () => {
  test('parseArgs (and so --help and every usage error) never loads the SDK', () => {
    const { fake, source: s } = source();
    s.parseArgs({ argv: [ITEM, '--account', 'me'], env: {} });
    expect(() => s.parseArgs({ argv: ['nope'], env: {} })).toThrow(/op:\/\//u);
    expect(s.usage).toContain('--access-key-field');
    expect(fake.loads).toBe(0);
  });
});

import { describe, expect, test } from 'vitest';
import { describeSdkError, sanitizeSdkText } from '../src/errors.js';
import { integrationInfoFrom } from '../src/package-info.js';
import { referenceSyntaxProblem } from '../src/references.js';
import { totpSeedFrom } from '../src/totp.js';

describe('totpSeedFrom', () => {
  test.each([
    ['otpauth://totp/AWS:dev?secret=JBSWY3DPEHPK3PXP&issuer=AWS', 'JBSWY3DPEHPK3PXP'],
    ['otpauth://totp/x?issuer=a&secret=jbswy3dpehpk3pxp', 'JBSWY3DPEHPK3PXP'],
    ['JBSW Y3DP EHPK 3PXP', 'JBSWY3DPEHPK3PXP'],
    ['jbsw-y3dp-ehpk-3pxp', 'JBSWY3DPEHPK3PXP'],
  ])('%s → seed', (value, seed) => {
    expect(totpSeedFrom(value)).toBe(seed);
  });

  test.each([['123456'], ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1'], ['otpauth://totp/x'], ['not base32 at all!'], ['JBSWY3DP'], ['otpauth://%%']])(
    '%s → no seed',
    (value) => {
      expect(totpSeedFrom(value)).toBeUndefined();
    },
  );
});

describe('sanitizeSdkText', () => {
  test('removes the given secrets, ops_ tokens, JWT/base64 runs; one short line', () => {
    const text = sanitizeSdkText(`bad token ops_abc.DEF-123 and eyJhbGciOi.x and ${'A'.repeat(30)} and hunter22\nsecond line`, ['hunter22']);
    expect(text).toBe('bad token [redacted] and [redacted] and [redacted] and [redacted] second line');
    expect(sanitizeSdkText('x'.repeat(10) + ' '.repeat(2) + 'y '.repeat(200)).length).toBeLessThanOrEqual(160);
  });
});

describe('describeSdkError', () => {
  test('reads the JSON string validateSecretReference throws, and Error subclasses', () => {
    expect(describeSdkError('{"name":"ParsingSecretReference","message":"bad"}')).toEqual({ kind: 'ParsingSecretReference', message: 'bad' });
    expect(describeSdkError('plain')).toEqual({ kind: 'Error', message: 'plain' });
    class RateLimitExceededError extends Error {}
    expect(describeSdkError(new RateLimitExceededError('slow down'))).toEqual({ kind: 'RateLimitExceededError', message: 'slow down' });
    expect(describeSdkError(42)).toEqual({ kind: 'number', message: '' });
  });
});

describe('integrationInfoFrom', () => {
  test('fits the SDK rules: no @ or /, at most 40 characters, no + in the version', () => {
    expect(integrationInfoFrom({ name: '@cred-launch/plugin-1password', version: '1.2.3-next.0+sha.abc' })).toEqual({
      integrationName: 'cred-launch plugin-1password',
      integrationVersion: '1.2.3-next.0-sha.abc',
    });
    expect(integrationInfoFrom({ name: `@x/${'y'.repeat(60)}` }).integrationName).toHaveLength(40);
  });
});

describe('referenceSyntaxProblem', () => {
  test('accepts documented shapes', () => {
    for (const reference of [
      'op://dev/Stripe/publishable-key',
      'op://Management/PagerDuty/Admin/email',
      'op://development/GitHub/Security/one-time password?attribute=otp',
      'op://Private/ssh keys/ssh key/private key?ssh-format=openssh',
      'op://prod/yj3jfj2vzsbiwqabprflnl27lm/password',
    ]) {
      expect(referenceSyntaxProblem(reference, 'field')).toBeUndefined();
    }
    expect(referenceSyntaxProblem('op://Private/AWS dev', 'item')).toBeUndefined();
  });
});

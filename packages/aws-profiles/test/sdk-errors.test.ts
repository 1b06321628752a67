import { describe, expect, test } from 'vitest';
import { awsSdkErrorFields, awsSdkErrorKind } from '../src/sdk-errors.js';

const sdkError = (name: string, extra: Record<string, unknown> = {}): Error => Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: 400 }, ...extra });

describe('awsSdkErrorKind', () => {
  test.each([
    ['InvalidClientTokenId', 'unknown-key'],
    ['UnrecognizedClientException', 'unknown-key'],
    ['ExpiredToken', 'expired-token'],
    ['ExpiredTokenException', 'expired-token'],
    ['SignatureDoesNotMatch', 'bad-signature'],
    ['RequestExpired', 'clock-skew'],
    ['AccessDenied', 'access-denied'],
    ['AccessDeniedException', 'access-denied'],
    ['ThrottlingException', 'throttling'],
    ['Throttling', 'throttling'],
    ['ValidationError', 'validation'],
    ['TimeoutError', 'timeout'],
    ['ResourceNotFoundException', 'other'],
  ])('%s → %s', (name, kind) => {
    expect(awsSdkErrorKind(sdkError(name))).toBe(kind);
  });

  test('network failures by Node code, and a throttling flag the SDK set', () => {
    expect(awsSdkErrorKind(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }))).toBe('network');
    expect(awsSdkErrorKind(new Error('socket hang up'))).toBe('network');
    expect(awsSdkErrorKind(sdkError('SomethingNew', { $retryable: { throttling: true } }))).toBe('throttling');
  });

  test('fields are read without trusting their types', () => {
    expect(awsSdkErrorFields(undefined)).toEqual({ name: '', code: '', message: '', status: undefined, attempts: undefined, fromService: false });
    expect(awsSdkErrorFields(sdkError('X', { $metadata: { httpStatusCode: 503, attempts: 3 } }))).toMatchObject({ name: 'X', status: 503, attempts: 3, fromService: true });
  });
});

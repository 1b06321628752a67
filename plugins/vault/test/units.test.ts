import { describe, expect, test } from 'vitest';
import { describeVaultErrors } from '../src/client/errors.js';
import { backoffDelay, isRetryableError, isRetryableStatus } from '../src/client/retry.js';
import { pathBelowMount } from '../src/engines/target.js';
import { resolveUserPath } from '../src/paths.js';

describe('retry policy', () => {
  test('backoff doubles from ~250 ms, is capped at 2 s and jittered by ±20 %', () => {
    expect(backoffDelay(0, () => 0.5)).toBe(250);
    expect(backoffDelay(1, () => 0.5)).toBe(500);
    expect(backoffDelay(5, () => 0.5)).toBe(2000);
    expect(backoffDelay(0, () => 0)).toBe(200);
    expect(backoffDelay(0, () => 1)).toBe(300);
  });

  test('which statuses and errors are retried', () => {
    expect(isRetryableStatus(500, [])).toBe(true);
    expect(isRetryableStatus(503, ['no active Vault instance found'])).toBe(true);
    expect(isRetryableStatus(412, [])).toBe(true);
    expect(isRetryableStatus(503, ['Vault is sealed'])).toBe(false);
    expect(isRetryableStatus(501, [])).toBe(false);
    expect(isRetryableStatus(403, [])).toBe(false);
    // Vault's client retries 429 (go-retryablehttp baseRetryPolicy), honouring Retry-After (issue 15, item 3).
    expect(isRetryableStatus(429, [])).toBe(true);
    expect(isRetryableError(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(true);
    expect(isRetryableError(new Error('socket hang up'))).toBe(true);
    expect(isRetryableError(Object.assign(new Error('x'), { code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }))).toBe(false);
  });
});

describe('paths', () => {
  test('below a mount, including a mount answered with a namespace prefix (as the vault CLI trims it)', () => {
    expect(pathBelowMount('secret/aws/dev', 'secret/')).toBe('aws/dev');
    expect(pathBelowMount('secret', 'secret/')).toBe('');
    expect(pathBelowMount('team/kv/aws', 'team/kv/')).toBe('aws');
    expect(pathBelowMount('secret/aws/dev', 'ns1/secret/')).toBe('aws/dev');
  });

  test('user paths: ~/ is the home directory, relative is the working directory', () => {
    const dirs = { cwd: '/work', homedir: '/home/me' };
    expect(resolveUserPath('~/ca.pem', dirs)).toBe('/home/me/ca.pem');
    expect(resolveUserPath('ca.pem', dirs)).toBe('/work/ca.pem');
    expect(resolveUserPath('/etc/ca.pem', dirs)).toBe('/etc/ca.pem');
  });
});

describe("Vault's error bodies", () => {
  const redact = (text: string): string => text.replaceAll('s3cr3t-value', '[REDACTED]');
  test('multi-error formatting is cleaned up and joined', () => {
    expect(describeVaultErrors({ status: 500, body: { errors: ['2 errors occurred:\n\t* first\n\t* second\n\n'] } }, redact)).toBe('first second');
    expect(describeVaultErrors({ status: 400, body: { errors: ['a', 'b'] } }, redact)).toBe('a; b');
  });

  test('warnings stand in when there are no errors; nothing gives an empty string', () => {
    expect(describeVaultErrors({ status: 404, body: { warnings: ['Invalid path'] } }, redact)).toBe('Invalid path');
    expect(describeVaultErrors({ status: 404, body: { errors: [] } }, redact)).toBe('');
    expect(describeVaultErrors({ status: 502, body: undefined }, redact)).toBe('');
  });

  test('redacted, then cut to 200 characters', () => {
    const text = describeVaultErrors({ status: 500, body: { errors: [`bad s3cr3t-value ${'y'.repeat(500)}`] } }, redact);
    expect(text.startsWith('bad [REDACTED] ')).toBe(true);
    expect(text).toHaveLength(200);
    expect(text.endsWith('…')).toBe(true);
  });
});

import { describe, expect, test } from 'vitest';
import { CREDENTIAL_ERROR_CODES, CredentialError, EXIT_CODES, exitCodeFor, isCredentialError, type CredentialErrorCode } from '../src/index.js';

// The documented table (shared brief and README). A change here is a breaking change.
const DOCUMENTED: Record<CredentialErrorCode, number> = {
  USAGE: 64,
  INVALID_SECRET: 65,
  NOT_FOUND: 66,
  BACKEND: 69,
  INTERNAL: 70,
  TIMEOUT: 75,
  AUTH: 77,
  CONFIG: 78,
  PLUGIN_NOT_FOUND: 79,
  PLUGIN_INVALID: 80,
};

describe('error codes and exit codes', () => {
  test('every code maps to its documented exit code', () => {
    expect({ ...EXIT_CODES }).toEqual(DOCUMENTED);
    expect([...CREDENTIAL_ERROR_CODES].sort()).toEqual(Object.keys(DOCUMENTED).sort());
  });

  test('exit codes are distinct, non-zero and fit in a byte', () => {
    const values = Object.values(EXIT_CODES);
    expect(new Set(values).size).toBe(values.length);
    for (const value of values) {
      expect(value).toBeGreaterThan(1);
      expect(value).toBeLessThan(126);
    }
  });

  test('the table cannot be changed at run time', () => {
    expect(Object.isFrozen(EXIT_CODES)).toBe(true);
    expect(Object.isFrozen(CREDENTIAL_ERROR_CODES)).toBe(true);
  });

  test.each(Object.entries(DOCUMENTED))('exitCodeFor(%s) is %i', (code, exit) => {
    expect(exitCodeFor(new CredentialError(code as CredentialErrorCode, 'x'))).toBe(exit);
  });

  test('anything that is not a cred-launch error exits as INTERNAL', () => {
    for (const thrown of [new Error('boom'), new TypeError('x'), 'a string', 42, null, undefined, { code: 'AUTH' }]) {
      expect(exitCodeFor(thrown)).toBe(70);
    }
  });
});

describe('CredentialError', () => {
  test('carries code, message, hint and cause', () => {
    const cause = new Error('underlying');
    const error = new CredentialError('AUTH', 'vault: permission denied', { cause, hint: 'log in again' });
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('CredentialError');
    expect(error.code).toBe('AUTH');
    expect(error.message).toBe('vault: permission denied');
    expect(error.hint).toBe('log in again');
    expect(error.cause).toBe(cause);
    expect(String(error)).toBe('CredentialError: vault: permission denied');
  });

  test('hint and cause are optional', () => {
    const error = new CredentialError('NOT_FOUND', 'nothing here');
    expect(error.hint).toBeUndefined();
    expect('cause' in error).toBe(false);
  });

  test('a falsy cause is still kept', () => {
    expect(new CredentialError('BACKEND', 'x', { cause: 0 }).cause).toBe(0);
  });
});

describe('isCredentialError', () => {
  test('recognises core errors, with or without a code', () => {
    const error = new CredentialError('TIMEOUT', 'slow');
    expect(isCredentialError(error)).toBe(true);
    expect(isCredentialError(error, 'TIMEOUT')).toBe(true);
    expect(isCredentialError(error, 'AUTH')).toBe(false);
  });

  test('rejects look-alikes that lack the brand', () => {
    const plain = Object.assign(new Error('x'), { code: 'AUTH', hint: 'h' });
    expect(isCredentialError(plain)).toBe(false);
    expect(isCredentialError({ name: 'CredentialError', code: 'AUTH', message: 'x' })).toBe(false);
    // A class with the same name but its own (unregistered) symbol.
    const privateBrand: unique symbol = Symbol('@cred-launch/core/CredentialError') as never;
    class CredentialErrorLookAlike extends Error {
      readonly code = 'AUTH';
      readonly [privateBrand] = true;
    }
    expect(isCredentialError(new CredentialErrorLookAlike('x'))).toBe(false);
    // Node's system errors have string codes too.
    expect(isCredentialError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
  });

  test('rejects branded objects with an unknown code or a brand that is not `true`', () => {
    const brand = Symbol.for('@cred-launch/core/CredentialError');
    expect(isCredentialError({ [brand]: true, code: 'AUTH' })).toBe(true);
    expect(isCredentialError({ [brand]: true, code: 'NOPE' })).toBe(false);
    expect(isCredentialError({ [brand]: true, code: 'toString' })).toBe(false);
    expect(isCredentialError({ [brand]: true })).toBe(false);
    expect(isCredentialError({ [brand]: 'yes', code: 'AUTH' })).toBe(false);
  });

  test('rejects primitives and nullish values', () => {
    for (const value of [undefined, null, 0, '', 'CredentialError', Symbol('x'), true]) {
      expect(isCredentialError(value)).toBe(false);
    }
  });
});

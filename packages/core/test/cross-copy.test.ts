import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import * as core from '../src/index.js';
import { loadSecondCopyOfCore } from './helpers/second-copy.js';

// A plugin may bundle its own copy of @cred-launch/core; the launcher's copy
// must still recognise its errors (and the other way round).
describe('errors across two copies of core', () => {
  let other: typeof core;
  let cleanup: () => void = () => undefined;

  beforeAll(async () => {
    const loaded = await loadSecondCopyOfCore();
    other = loaded.core;
    cleanup = loaded.cleanup;
  }, 60_000);
  afterAll(() => cleanup());

  test('the copy really is a different module (instanceof fails)', () => {
    expect(other.CredentialError).not.toBe(core.CredentialError);
    expect(new other.CredentialError('AUTH', 'x')).not.toBeInstanceOf(core.CredentialError);
  });

  test("this copy's predicate recognises an error made by the other copy", () => {
    const foreign = new other.CredentialError('NOT_FOUND', 'vault: no secret at secret/aws/dev', { hint: 'check the path' });
    expect(core.isCredentialError(foreign)).toBe(true);
    expect(core.isCredentialError(foreign, 'NOT_FOUND')).toBe(true);
    expect(core.isCredentialError(foreign, 'AUTH')).toBe(false);
    expect(core.exitCodeFor(foreign)).toBe(66);
  });

  test("the other copy's predicate recognises an error made by this copy", () => {
    const local = new core.CredentialError('TIMEOUT', 'slow');
    expect(other.isCredentialError(local, 'TIMEOUT')).toBe(true);
    expect(other.exitCodeFor(local)).toBe(75);
  });

  test('a foreign core error passes through toCredentialError unchanged', () => {
    const foreign = new other.CredentialError('AUTH', 'denied');
    expect(core.toCredentialError(foreign, 'x')).toBe(foreign);
  });

  test('look-alikes without the brand are rejected by both copies', () => {
    const lookAlike = Object.assign(new Error('denied'), { name: 'CredentialError', code: 'AUTH', hint: 'h' });
    expect(core.isCredentialError(lookAlike)).toBe(false);
    expect(other.isCredentialError(lookAlike)).toBe(false);
    expect(core.exitCodeFor(lookAlike)).toBe(70);
  });

  test('a plugin built against the other copy runs through this copy with its error code intact', async () => {
    const source = other.defineCredentialSource({
      contractVersion: other.CONTRACT_VERSION,
      name: 'bundled',
      description: 'bundles its own core',
      usage: 'cred-launch bundled',
      parseArgs: () => ({}),
      getCredentials: () => Promise.reject(new other.CredentialError('BACKEND', 'bundled: service unavailable')),
    });
    const failure = await core.runCredentialSource(source, [], { env: {}, cwd: '/', homedir: '/' }).catch((error: unknown) => error);
    expect(core.isCredentialError(failure, 'BACKEND')).toBe(true);
    expect((failure as Error).message).toBe('bundled: service unavailable');
  });
});

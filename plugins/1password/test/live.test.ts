/**
 * Against the REAL 1Password service. Runs only when both are set:
 *   OP_SERVICE_ACCOUNT_TOKEN   a service account token that can read the item
 *   CRED_LAUNCH_LIVE_OP_REF    an item reference, op://VAULT/ITEM, laid out as the README says
 * Optional: CRED_LAUNCH_LIVE_OP_ACCESS_KEY_ID, the access key id the item holds.
 */
import { describe, expect, test } from 'vitest';
import source from '../src/index.js';
import { run } from './run.js';

const token = process.env.OP_SERVICE_ACCOUNT_TOKEN;
const reference = process.env.CRED_LAUNCH_LIVE_OP_REF;
const live = token !== undefined && token !== '' && reference !== undefined && reference !== '';

describe.skipIf(!live)('live 1Password (real service)', () => {
  const env = { OP_SERVICE_ACCOUNT_TOKEN: token };

  test('the item resolves to a key pair in one call', async () => {
    const outcome = await run(source, [reference!], { env, signal: AbortSignal.timeout(30_000) });
    expect(outcome.error, outcome.error?.message).toBeUndefined();
    expect(outcome.result?.accessKeyId).toMatch(/^[A-Z0-9]{16,128}$/u);
    expect(outcome.result?.secretAccessKey.length).toBeGreaterThan(0);
    const expected = process.env.CRED_LAUNCH_LIVE_OP_ACCESS_KEY_ID;
    if (expected) expect(outcome.result?.accessKeyId).toBe(expected);
  }, 40_000);

  test('a field that does not exist is NOT_FOUND naming the reference', async () => {
    const outcome = await run(source, [reference!, '--session-token-field', 'cred-launch live no such field'], { env, signal: AbortSignal.timeout(30_000) });
    expect(outcome.error?.code).toBe('NOT_FOUND');
    expect(outcome.error?.message).toContain('cred-launch live no such field');
    expect(outcome.error?.message).not.toContain(token!);
  }, 40_000);

  test('an item that does not exist is NOT_FOUND', async () => {
    const vault = reference!.slice('op://'.length).split('/')[0];
    const outcome = await run(source, [`op://${vault}/cred-launch-live-no-such-item-7f3a`], { env, signal: AbortSignal.timeout(30_000) });
    expect(outcome.error?.code).toBe('NOT_FOUND');
  }, 40_000);
});

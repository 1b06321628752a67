import { isCredentialError } from '@cred-launch/core';
import { describe, expect, test } from 'vitest';
import { parseOnePasswordArgs, type OnePasswordArgs } from '../src/args.js';

const parse = (argv: string[], env: Record<string, string> = { OP_SERVICE_ACCOUNT_TOKEN: 'ops_x' }): OnePasswordArgs => parseOnePasswordArgs({ argv, env });

function usageError(argv: string[], env?: Record<string, string>): string {
  try {
    parse(argv, env);
  } catch (error) {
    if (isCredentialError(error, 'USAGE')) return `${error.message} | ${error.hint ?? ''}`;
    throw error;
  }
  throw new Error(`expected a USAGE error for ${JSON.stringify(argv)}`);
}

describe('parseArgs: references', () => {
  test('an item reference gets the default labels; only the key pair is required', () => {
    expect(parse(['op://Private/AWS dev']).fields).toEqual([
      { field: 'accessKeyId', reference: 'op://Private/AWS dev/access key id', required: true },
      { field: 'secretAccessKey', reference: 'op://Private/AWS dev/secret access key', required: true },
      { field: 'sessionToken', reference: 'op://Private/AWS dev/session token', required: false },
      { field: 'mfaSerial', reference: 'op://Private/AWS dev/mfa serial', required: false },
      { field: 'mfaTotpSeed', reference: 'op://Private/AWS dev/one-time password', required: false },
    ]);
  });

  test('labels are overridable, may name a section, and naming an optional field makes it required', () => {
    const { fields } = parse(['op://Private/AWS dev', '--access-key-field', 'keys/id', '--session-token-field', 'sts token']);
    expect(fields[0]).toEqual({ field: 'accessKeyId', reference: 'op://Private/AWS dev/keys/id', required: true });
    expect(fields.find((f) => f.field === 'sessionToken')).toEqual({ field: 'sessionToken', reference: 'op://Private/AWS dev/sts token', required: true });
    expect(fields.find((f) => f.field === 'mfaSerial')?.required).toBe(false);
  });

  test('explicit references work without an item and leave unnamed optional fields out', () => {
    const { item, fields } = parse(['--access-key-ref', 'op://ci/keys/id', '--secret-key-ref', 'op://ci/keys/Secret Section/secret', '--mfa-serial-ref', 'op://ci/mfa/serial']);
    expect(item).toBeUndefined();
    expect(fields).toEqual([
      { field: 'accessKeyId', reference: 'op://ci/keys/id', required: true },
      { field: 'secretAccessKey', reference: 'op://ci/keys/Secret Section/secret', required: true },
      { field: 'mfaSerial', reference: 'op://ci/mfa/serial', required: true },
    ]);
  });

  test('an explicit reference overrides one field of an item', () => {
    const { fields } = parse(['op://Private/AWS dev', '--secret-key-ref', 'op://Other/vault item/secret']);
    expect(fields[1]).toEqual({ field: 'secretAccessKey', reference: 'op://Other/vault item/secret', required: true });
    expect(fields[0]?.reference).toBe('op://Private/AWS dev/access key id');
  });

  test('a TOTP reference may point at the field, not at its current code', () => {
    expect(parse(['op://v/i', '--totp-ref', 'op://v/i/one-time password']).fields.find((f) => f.field === 'mfaTotpSeed')?.required).toBe(true);
    expect(usageError(['op://v/i', '--totp-ref', 'op://v/i/one-time password?attribute=otp'])).toMatch(/without \?attribute=otp.*seed/su);
    expect(usageError(['op://v/i', '--totp-field', 'one-time password?attribute=TOTP'])).toMatch(/without \?attribute=totp/u);
  });

  test.each([
    [[], /give an item reference/u],
    [['Private/AWS dev'], /does not start with "op:\/\/"/u],
    [['op://Private/AWS dev/access key id'], /exactly two parts/u],
    [['op://Private'], /exactly two parts/u],
    [['op://Private/AWS (dev)'], /characters references cannot hold.*use the ID/u],
    [['op://Private//'], /two parts|empty part/u],
    [['op://v/i?attribute=otp'], /takes no "\?" query/u],
    [['op://v/i', '--access-key-field', 'id', '--access-key-ref', 'op://v/i/id'], /exclude each other/u],
    [['--session-token-field', 'tok', '--access-key-ref', 'op://v/i/a', '--secret-key-ref', 'op://v/i/b'], /needs an item reference/u],
    [['--access-key-ref', 'op://v/i/a'], /--secret-key-ref/u],
    [['op://v/i', '--access-key-ref', 'op://v/i'], /\[SECTION\/\]FIELD/u],
    [['op://v/i', '--access-key-ref', 'op://v/i/s/f/x'], /\[SECTION\/\]FIELD/u],
    [['op://v/i', '--mfa-serial-ref', 'op://v/i/f?color=red'], /\?attribute=VALUE/u],
    [['op://v/i', '--access-key-field', 'weird:label'], /characters references cannot hold/u],
    [['op://v/i', '--access-key-field', ' '], /needs a field label/u],
    [['op://v/i', 'op://v/j'], /unexpected argument/u],
    [['op://v/i', '--region', 'x'], /Unknown option '--region'/u],
    [['op://v/i', '--token-file', 'f', '--account', 'me'], /exclude each other/u],
    [['op://v/i', '--account', ''], /--account needs/u],
  ])('usage error for %j', (argv, pattern) => {
    expect(usageError(argv)).toMatch(pattern);
  });
});

describe('parseArgs: authentication', () => {
  test('--token-file wins, then --account, then OP_SERVICE_ACCOUNT_TOKEN, then OP_ACCOUNT', () => {
    const both = { OP_SERVICE_ACCOUNT_TOKEN: 'ops_x', OP_ACCOUNT: 'team' };
    expect(parse(['op://v/i', '--token-file', 'tok'], both).auth).toEqual({ kind: 'token-file', path: 'tok' });
    expect(parse(['op://v/i', '--account', 'me.1password.com'], both).auth).toEqual({ kind: 'desktop', account: 'me.1password.com', from: '--account' });
    expect(parse(['op://v/i'], both).auth).toEqual({ kind: 'token-env' });
    expect(parse(['op://v/i'], { OP_ACCOUNT: ' team ' }).auth).toEqual({ kind: 'desktop', account: 'team', from: 'OP_ACCOUNT' });
    expect(parse(['op://v/i'], { OP_SERVICE_ACCOUNT_TOKEN: '  ' }).auth).toEqual({ kind: 'none' });
    expect(parse(['op://v/i'], {}).auth).toEqual({ kind: 'none' });
  });
});

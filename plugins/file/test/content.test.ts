import { SecretRedactor } from '@cred-launch/core';
import { describe, expect, test } from 'vitest';
import { credentialProfiles, credentialsFromPlaintext } from '../src/content.js';
import { CANARY, CREDENTIALS_INI } from './helpers.js';

const options = (profile = 'default', overrides = {}) => ({ profile, overrides, source: '/x/creds.enc' });

describe('credentialsFromPlaintext', () => {
  test('selects a profile from an AWS credentials INI', () => {
    expect(credentialsFromPlaintext(CREDENTIALS_INI, options('dev'), new SecretRedactor())).toEqual({
      accessKeyId: 'AKIADEVEXAMPLE000001',
      secretAccessKey: CANARY,
      sessionToken: 'devSessionTokenExample',
    });
    expect(credentialsFromPlaintext(CREDENTIALS_INI, options(), new SecretRedactor()).accessKeyId).toBe('AKIADEFAULTEXAMPLE01');
  });

  test('registers the secrets of every profile, not only the selected one', () => {
    const secrets = new SecretRedactor();
    credentialsFromPlaintext(CREDENTIALS_INI, options('default'), secrets);
    expect(secrets.redact(`a ${CANARY} b`)).toBe('a [REDACTED] b');
  });

  test('a missing profile is NOT_FOUND and lists the profiles present, not their values', () => {
    expect(() => credentialsFromPlaintext(CREDENTIALS_INI, options('prod'), new SecretRedactor())).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', message: expect.stringContaining('"prod"'), hint: 'profiles present: default, dev' }),
    );
  });

  test('reads credential_process JSON itself, with its Expiration', () => {
    const json = JSON.stringify({ Version: 1, AccessKeyId: 'AKIAJSON', SecretAccessKey: 'jsonSecret', SessionToken: 'tok', Expiration: '2031-02-03T04:05:06Z' });
    expect(credentialsFromPlaintext(json, options(), new SecretRedactor())).toEqual({
      accessKeyId: 'AKIAJSON',
      secretAccessKey: 'jsonSecret',
      sessionToken: 'tok',
      expiration: new Date('2031-02-03T04:05:06Z'),
    });
  });

  test('reads JSON in other spellings and JSON keyed by profile', () => {
    expect(credentialsFromPlaintext('{"access_key_id":"AKIA1","secret_access_key":"s1"}', options(), new SecretRedactor()).accessKeyId).toBe('AKIA1');
    const nested = JSON.stringify({ default: { accessKeyId: 'AKIAD', secretAccessKey: 'sd' }, ci: { aws_access_key_id: 'AKIACI', aws_secret_access_key: 'sci' } });
    expect(credentialsFromPlaintext(nested, options('ci'), new SecretRedactor()).accessKeyId).toBe('AKIACI');
    expect(() => credentialsFromPlaintext(nested, options('prod'), new SecretRedactor())).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND', hint: 'profiles present: default, ci' }),
    );
  });

  test('a flat JSON object has no profiles: asking for one is NOT_FOUND', () => {
    expect(() => credentialsFromPlaintext('{"AccessKeyId":"AKIA","SecretAccessKey":"s"}', options('dev'), new SecretRedactor())).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  test('reads AWS_ACCESS_KEY_ID=… lines (a .env file)', () => {
    const env = 'export AWS_ACCESS_KEY_ID=AKIAENV\nAWS_SECRET_ACCESS_KEY="envSecret"\n# comment\n';
    expect(credentialsFromPlaintext(env, options(), new SecretRedactor())).toEqual({ accessKeyId: 'AKIAENV', secretAccessKey: 'envSecret' });
  });

  test('field overrides name unusual keys', () => {
    const json = '{"deploy_id":"AKIAOVR","deploy_secret":"ovr","AccessKeyId":"AKIAIGNORED","SecretAccessKey":"ignored"}';
    expect(credentialsFromPlaintext(json, options('default', { accessKeyId: 'deploy_id', secretAccessKey: 'deploy_secret' }), new SecretRedactor())).toEqual({
      accessKeyId: 'AKIAOVR',
      secretAccessKey: 'ovr',
    });
  });

  test('invalid JSON is INVALID_SECRET without quoting the text or keeping a cause', () => {
    const broken = `{"AccessKeyId":"AKIA","SecretAccessKey":"${CANARY}",}`;
    let caught: { code?: string; message: string; hint?: string; cause?: unknown } | undefined;
    try {
      credentialsFromPlaintext(broken, options(), new SecretRedactor());
    } catch (error) {
      caught = error as typeof caught;
    }
    expect(caught?.code).toBe('INVALID_SECRET');
    expect(`${caught?.message} ${caught?.hint}`).not.toContain('CANARY');
    expect(caught?.cause).toBeUndefined();
  });

  test('a profile without keys is INVALID_SECRET naming the fields, not values', () => {
    expect(() => credentialsFromPlaintext(`[default]\naws_secret_access_key = ${CANARY}\n`, options(), new SecretRedactor())).toThrow(
      expect.objectContaining({ code: 'INVALID_SECRET', message: expect.not.stringContaining(CANARY) }),
    );
  });

  test('text that is none of the formats is INVALID_SECRET', () => {
    expect(() => credentialsFromPlaintext('just some words', options(), new SecretRedactor())).toThrow(expect.objectContaining({ code: 'INVALID_SECRET' }));
  });
});

describe('credentialProfiles', () => {
  test('lists the INI profiles that hold keys', () => {
    expect(credentialProfiles(`${CREDENTIALS_INI}\n[empty]\nregion = eu-west-1\n`, {}, new SecretRedactor())).toEqual(['default', 'dev']);
  });
  test('a flat JSON document is the default profile; broken input has none', () => {
    expect(credentialProfiles('{"AccessKeyId":"A","SecretAccessKey":"B"}', {}, new SecretRedactor())).toEqual(['default']);
    expect(credentialProfiles('{broken', {}, new SecretRedactor())).toEqual([]);
  });
});

import { describe, expect, test } from 'vitest';
import { detectFormat } from '../src/detect.js';

describe('detectFormat', () => {
  test.each([
    ['binary OpenSSL', Buffer.concat([Buffer.from('Salted__'), Buffer.alloc(24, 7)]), 'openssl'],
    ['openssl enc -a', Buffer.from('U2FsdGVkX1+ur9Qtjko+53MqTxYETbJTGNudbOQ7ISq8o2eNAk9g0kFxkHhfJd6w\nTyud\n'), 'openssl-base64'],
    ['binary age', Buffer.from('age-encryption.org/v1\n-> X25519 abc\n'), 'age'],
    ['armored age with leading blank lines', Buffer.from('\n\n-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n'), 'age-armor'],
    ['a plaintext credentials file', Buffer.from('[default]\naws_access_key_id = AKIA\n'), 'plaintext-credentials'],
    ['credential_process JSON', Buffer.from('{"Version":1,"AccessKeyId":"AKIA"}'), 'plaintext-credentials'],
    ['an env file', Buffer.from('AWS_ACCESS_KEY_ID=AKIA\nAWS_SECRET_ACCESS_KEY=x\n'), 'plaintext-credentials'],
    ['an empty file', Buffer.alloc(0), 'empty'],
    ['white space only', Buffer.from('  \n\n'), 'empty'],
    ['random bytes', Buffer.from([0x8f, 0x01, 0xff, 0x00, 0x42]), 'unknown'],
  ])('%s', (_name, data, expected) => {
    expect(detectFormat(data)).toBe(expected);
  });
});

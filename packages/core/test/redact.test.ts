import { describe, expect, test } from 'vitest';
import { maskAccessKeyId, REDACTED, SecretRedactor } from '../src/index.js';

const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';

describe('SecretRedactor', () => {
  test('returns text unchanged when nothing is registered', () => {
    const redactor = new SecretRedactor();
    expect(redactor.redact('nothing to hide')).toBe('nothing to hide');
    expect(redactor.size).toBe(0);
  });

  test('redacts every occurrence of a raw secret', () => {
    const redactor = new SecretRedactor();
    redactor.add(SECRET);
    expect(redactor.redact(`a ${SECRET} b ${SECRET}`)).toBe(`a ${REDACTED} b ${REDACTED}`);
  });

  test('redacts the JSON-escaped form', () => {
    const secret = 'pa"ss\\word\nline2\tend';
    const redactor = new SecretRedactor();
    redactor.add(secret);
    const body = JSON.stringify({ error: 'bad token', token: secret });
    expect(body).not.toContain(secret);
    const redacted = redactor.redact(body);
    expect(redacted).toBe(`{"error":"bad token","token":"${REDACTED}"}`);
  });

  test('redacts the URL-encoded form', () => {
    const redactor = new SecretRedactor();
    redactor.add(SECRET);
    const url = `https://vault.example/v1/auth?token=${encodeURIComponent(SECRET)}&x=1`;
    expect(url).not.toContain(SECRET);
    expect(redactor.redact(url)).toBe(`https://vault.example/v1/auth?token=${REDACTED}&x=1`);
  });

  test('redacts a value registered with surrounding white space in its trimmed form', () => {
    const redactor = new SecretRedactor();
    redactor.add('  hvs.token-from-a-file\n');
    expect(redactor.redact('token hvs.token-from-a-file was refused')).toBe(`token ${REDACTED} was refused`);
  });

  test('replaces the longest secret first, so one containing another is replaced whole', () => {
    const short = 'EXAMPLEKEY';
    for (const order of [
      [short, SECRET],
      [SECRET, short],
    ]) {
      const redactor = new SecretRedactor();
      for (const value of order) redactor.add(value);
      const redacted = redactor.redact(`secret=${SECRET} tail=${short}`);
      expect(redacted).toBe(`secret=${REDACTED} tail=${REDACTED}`);
      // Not "[REDACTED]" followed by a leftover fragment of the longer secret.
      expect(redacted).not.toContain('wJalr');
    }
  });

  test('ignores values shorter than 4 characters, and non-strings', () => {
    const redactor = new SecretRedactor();
    redactor.add('abc');
    redactor.add('');
    redactor.add(undefined);
    redactor.add(null);
    redactor.add(1234 as unknown as string);
    expect(redactor.size).toBe(0);
    // Otherwise every "abc" in every message would disappear.
    expect(redactor.redact('abc abcd')).toBe('abc abcd');
  });

  test('a 4-character secret is redacted', () => {
    const redactor = new SecretRedactor();
    redactor.add('p4ss');
    expect(redactor.redact('it was p4ss')).toBe(`it was ${REDACTED}`);
  });

  test('a short trimmed form is not registered on its own', () => {
    const redactor = new SecretRedactor();
    redactor.add(' ab '); // 4 characters raw, 2 trimmed
    expect(redactor.redact('ab is a common word')).toBe('ab is a common word');
  });

  test('registering the same secret twice adds nothing', () => {
    const redactor = new SecretRedactor();
    redactor.add(SECRET);
    const size = redactor.size;
    redactor.add(SECRET);
    expect(redactor.size).toBe(size);
  });

  test('special regular-expression characters are matched literally', () => {
    const redactor = new SecretRedactor();
    redactor.add('a.b*c+d?(e)[f]$');
    expect(redactor.redact('xa.b*c+d?(e)[f]$y aXbbbcd')).toBe(`x${REDACTED}y aXbbbcd`);
  });

  test('exposes no way to read the secrets back', () => {
    const redactor = new SecretRedactor();
    redactor.add(SECRET);
    expect(JSON.stringify(redactor)).not.toContain(SECRET);
    expect(Object.values(redactor).join()).not.toContain(SECRET);
  });
});

describe('maskAccessKeyId', () => {
  test('shows the last four characters the way `aws configure list` does', () => {
    expect(maskAccessKeyId('AKIAIOSFODNN7EXAMPLE')).toBe('****************MPLE');
  });
});

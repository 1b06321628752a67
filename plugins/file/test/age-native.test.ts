/**
 * The node:crypto fast path for age files (src/age-native.ts) against
 * age-encryption itself and the real `age` binary: it must open what they
 * write, byte for byte, and must never accept what age-encryption refuses
 * (every settled answer is checked against the library's own verdict on the
 * same bytes, including for damaged files).
 */
import * as age from 'age-encryption';
import { describe, expect, test } from 'vitest';
import { dearmorAge, openAgeNatively, x25519IdentityScalar, type NativeAgeResult } from '../src/age-native.js';
import type { AgeKey } from '../src/key-material.js';
import { hasCommand, run } from './helpers.js';

const HAS_AGE = hasCommand('age', ['--version']) && hasCommand('age-keygen', ['--version']);
const PASSPHRASE = 'native-path-passphrase-7';

async function encryptToIdentities(plaintext: Uint8Array, identities: string[]): Promise<Uint8Array> {
  const encrypter = new age.Encrypter();
  for (const identity of identities) encrypter.addRecipient(await age.identityToRecipient(identity));
  return encrypter.encrypt(plaintext);
}

async function encryptWithPassphrase(plaintext: Uint8Array, workFactor: number): Promise<Uint8Array> {
  const encrypter = new age.Encrypter();
  encrypter.setScryptWorkFactor(workFactor);
  encrypter.setPassphrase(PASSPHRASE);
  return encrypter.encrypt(plaintext);
}

/** age-encryption's verdict on the same bytes and key: the plaintext, or its error message. */
async function libraryVerdict(file: Uint8Array, key: AgeKey): Promise<{ plaintext: Buffer } | { error: string }> {
  try {
    const decrypter = new age.Decrypter();
    if (key.kind === 'passphrase') decrypter.addPassphrase(key.passphrase);
    else for (const identity of key.identities) decrypter.addIdentity(identity);
    return { plaintext: Buffer.from(await decrypter.decrypt(file)) };
  } catch (error) {
    return { error: (error as Error).message };
  }
}

/** A settled native answer must be the library's answer. */
async function expectAgreement(file: Uint8Array, key: AgeKey, native: NativeAgeResult | undefined): Promise<void> {
  if (native === undefined) return;
  const verdict = await libraryVerdict(file, key);
  if (native.kind === 'plaintext') expect(verdict).toEqual({ plaintext: native.plaintext });
  else expect(verdict).toEqual({ error: expect.stringContaining('no identity matched') as string });
}

function bytes(length: number): Buffer {
  return Buffer.from(Array.from({ length }, (_, index) => (index * 7 + 3) & 0xff));
}

describe('openAgeNatively', () => {
  test('opens X25519 files of every chunk layout: empty, one byte, 64 KiB and around it, several chunks', async () => {
    const identity = await age.generateX25519Identity();
    for (const size of [0, 1, 100, 65535, 65536, 65537, 131072, 200_000]) {
      const plaintext = bytes(size);
      const file = Buffer.from(await encryptToIdentities(plaintext, [identity]));
      expect(openAgeNatively(file, { kind: 'identities', identities: [identity] })).toEqual({ kind: 'plaintext', plaintext });
    }
  }, 60_000);

  test('any one of several identities opens a file for several recipients', async () => {
    const [first, second, stranger] = [await age.generateX25519Identity(), await age.generateX25519Identity(), await age.generateX25519Identity()];
    const plaintext = Buffer.from('several recipients');
    const file = Buffer.from(await encryptToIdentities(plaintext, [first, second]));
    expect(openAgeNatively(file, { kind: 'identities', identities: [stranger, second] })).toEqual({ kind: 'plaintext', plaintext });
    expect(openAgeNatively(file, { kind: 'identities', identities: [first] })).toEqual({ kind: 'plaintext', plaintext });
  });

  test('a passphrase file opens with its passphrase (scrypt on node:crypto)', async () => {
    const plaintext = Buffer.from('by passphrase');
    const file = Buffer.from(await encryptWithPassphrase(plaintext, 10));
    expect(openAgeNatively(file, { kind: 'passphrase', passphrase: PASSPHRASE })).toEqual({ kind: 'plaintext', plaintext });
  });

  test('a wrong identity or passphrase, or the wrong kind of key, is "no match", as age-encryption says', async () => {
    const identity = await age.generateX25519Identity();
    const stranger = await age.generateX25519Identity();
    const byIdentity = await encryptToIdentities(Buffer.from('x'), [identity]);
    const byPassphrase = await encryptWithPassphrase(Buffer.from('x'), 10);
    const cases: [Uint8Array, AgeKey][] = [
      [byIdentity, { kind: 'identities', identities: [stranger] }],
      [byIdentity, { kind: 'passphrase', passphrase: PASSPHRASE }],
      [byPassphrase, { kind: 'passphrase', passphrase: 'not-the-passphrase' }],
      [byPassphrase, { kind: 'identities', identities: [identity] }],
    ];
    for (const [file, key] of cases) {
      const native = openAgeNatively(Buffer.from(file), key);
      expect(native).toEqual({ kind: 'no-match' });
      await expectAgreement(file, key, native);
    }
  });

  test('leaves to age-encryption what it does not check: post-quantum identities, invalid identities, work factors above 20', async () => {
    const hybrid = await age.generateHybridIdentity();
    const hybridFile = Buffer.from(await encryptToIdentities(Buffer.from('pq'), [hybrid]));
    expect(openAgeNatively(hybridFile, { kind: 'identities', identities: [hybrid] })).toBeUndefined();
    const identity = await age.generateX25519Identity();
    const file = Buffer.from(await encryptToIdentities(Buffer.from('x'), [identity]));
    // One bad identity among good ones: age-encryption refuses the whole key, so must this.
    const broken = `${identity.slice(0, -1)}${identity.endsWith('Q') ? 'P' : 'Q'}`;
    expect(openAgeNatively(file, { kind: 'identities', identities: [identity, broken] })).toBeUndefined();
    const heavy = Buffer.from(
      Buffer.from(await encryptWithPassphrase(Buffer.from('x'), 10))
        .toString('latin1')
        .replace(/^(-> scrypt \S+) 10$/mu, '$1 21'),
      'latin1',
    );
    expect(heavy.toString('latin1')).toContain(' 21\n');
    expect(openAgeNatively(heavy, { kind: 'passphrase', passphrase: PASSPHRASE })).toBeUndefined();
    expect(await libraryVerdict(heavy, { kind: 'passphrase', passphrase: PASSPHRASE })).toEqual({ error: expect.stringContaining('work factor') as string });
  });

  test('every damaged copy (each byte changed, each truncation) is refused or answered exactly as age-encryption answers', async () => {
    const identity = await age.generateX25519Identity();
    const cases: [Uint8Array, AgeKey][] = [
      [await encryptToIdentities(Buffer.from('[default]\naws_access_key_id = A\n'), [identity]), { kind: 'identities', identities: [identity] }],
      // Work factor 1 keeps each scrypt instant.
      [await encryptWithPassphrase(Buffer.from('[default]\n'), 1), { kind: 'passphrase', passphrase: PASSPHRASE }],
    ];
    for (const [original, key] of cases) {
      let settled = 0;
      for (let index = 0; index < original.length; index += 1) {
        for (const flip of [0x01, 0x80]) {
          const damaged = Buffer.from(original);
          damaged[index] = (damaged[index] ?? 0) ^ flip;
          const native = openAgeNatively(damaged, key);
          expect(native?.kind).not.toBe('plaintext');
          if (native !== undefined) settled += 1;
          await expectAgreement(damaged, key, native);
        }
      }
      for (let length = 0; length < original.length; length += 1) {
        const truncated = Buffer.from(original.subarray(0, length));
        const native = openAgeNatively(truncated, key);
        expect(native?.kind).not.toBe('plaintext');
        await expectAgreement(truncated, key, native);
      }
      // Damage to a stanza's arguments the key does not open is a settled "no match".
      expect(settled).toBeGreaterThan(0);
    }
  }, 120_000);
});

describe('x25519IdentityScalar', () => {
  test('reads the 32-byte scalar of age-keygen style identities (the files they open are tested above)', async () => {
    for (let round = 0; round < 5; round += 1) expect(x25519IdentityScalar(await age.generateX25519Identity())?.length).toBe(32);
  });

  test('refuses what age-encryption refuses: a changed character (checksum), lower case, another prefix', async () => {
    const identity = await age.generateX25519Identity();
    const changed = `${identity.slice(0, 20)}${identity[20] === 'Q' ? 'P' : 'Q'}${identity.slice(21)}`;
    for (const bad of [changed, identity.toLowerCase(), identity.replace('AGE-SECRET-KEY-', 'AGE-SECRET-KEZ-'), '']) {
      expect(x25519IdentityScalar(bad)).toBeUndefined();
      expect(() => new age.Decrypter().addIdentity(bad)).toThrow();
    }
  });

  test('leaves post-quantum identities (which age-encryption takes) to age-encryption', async () => {
    const hybrid = await age.generateHybridIdentity();
    expect(x25519IdentityScalar(hybrid)).toBeUndefined();
    expect(() => new age.Decrypter().addIdentity(hybrid)).not.toThrow();
  });
});

describe('dearmorAge', () => {
  test('decodes what age-encryption armors, with CRLF and surrounding whitespace, to the same bytes', async () => {
    const file = await encryptToIdentities(bytes(500), [await age.generateX25519Identity()]);
    const armored = age.armor.encode(file);
    expect(dearmorAge(armored)).toEqual(Buffer.from(file));
    const crlf = `\n  ${armored.replaceAll('\n', '\r\n')}  \n`;
    expect(dearmorAge(crlf)).toEqual(Buffer.from(age.armor.decode(crlf)));
  });

  test('refuses damaged armor that age-encryption refuses', async () => {
    const armored = age.armor.encode(await encryptToIdentities(bytes(200), [await age.generateX25519Identity()]));
    const lines = armored.split('\n');
    const damaged = [
      armored.replace('-----BEGIN', '-----BEGlN'),
      armored.replace('-----END AGE ENCRYPTED FILE-----', '-----END AGE FILE-----'),
      [lines[0], `${lines[1] ?? ''}A`, ...lines.slice(2)].join('\n'),
      [lines[0], (lines[1] ?? '').replace(/^./u, '*'), ...lines.slice(2)].join('\n'),
      armored.replace(/=*\n-----END/u, 'A\n-----END'),
    ];
    for (const text of damaged) {
      expect(dearmorAge(text)).toBeUndefined();
      expect(() => age.armor.decode(text)).toThrow();
    }
  });
});

describe.skipIf(!HAS_AGE)('files written by the real age binary open on the fast path', () => {
  test('binary and armored, to an age-keygen identity', () => {
    const identityFile = run('age-keygen', []).toString();
    const identity = identityFile.split('\n').find((line) => line.startsWith('AGE-SECRET-KEY-1')) ?? '';
    const recipient = /public key: (age1\S+)/u.exec(identityFile)?.[1] ?? '';
    const plaintext = bytes(70_000);
    for (const armor of [false, true]) {
      const output = run('age', [...(armor ? ['-a'] : []), '-r', recipient], plaintext);
      const binary = armor ? dearmorAge(output.toString('utf8')) : output;
      expect(binary).toBeDefined();
      expect(openAgeNatively(binary ?? Buffer.alloc(0), { kind: 'identities', identities: [identity] })).toEqual({ kind: 'plaintext', plaintext });
    }
  });
});

/**
 * Opening an age file with node:crypto alone (X25519, HKDF-SHA256,
 * HMAC-SHA256, ChaCha20-Poly1305, scrypt, all native), the cold path of
 * every age decryption. `age-encryption` does the same work in JavaScript on
 * top of web streams, undici's Response and WebCrypto, and loading all that
 * cost more than the rest of the process (measured in README.md).
 *
 * This is a fast path, not a second implementation to trust on its own: it
 * accepts only what it can check completely (a header parsed exactly as
 * age-encryption parses it, the header MAC, every payload chunk's tag), and
 * answers `undefined` for anything else: then age-encryption runs as before
 * and gives its verdict and its error. The one verdict given here is "no
 * identity matched", when the header is well formed and every stanza for the
 * given key is well formed but none opens (age-encryption would say exactly
 * that): a wrong passphrase then costs one scrypt, not two.
 *
 * Format: https://age-encryption.org/v1 (C2SP age.md).
 */
import type { KeyObject } from 'node:crypto';
import type { AgeKey } from './key-material.js';
import { nodeCrypto } from './node-crypto.js';

const { createDecipheriv, createHmac, createPrivateKey, createPublicKey, diffieHellman, hkdfSync, scryptSync, timingSafeEqual } = nodeCrypto;

/** What {@link openAgeNatively} found. */
export type NativeAgeResult =
  /** The file opened and authenticated. */
  | { kind: 'plaintext'; plaintext: Buffer }
  /** A well-formed file none of whose stanzas the key opens. */
  | { kind: 'no-match' };

const VERSION_LINE = 'age-encryption.org/v1';
const X25519_LABEL = Buffer.from('age-encryption.org/v1/X25519', 'latin1');
const SCRYPT_LABEL = Buffer.from('age-encryption.org/v1/scrypt', 'latin1');
const HEADER_LABEL = Buffer.from('header', 'latin1');
const PAYLOAD_LABEL = Buffer.from('payload', 'latin1');
const NEWLINE = 0x0a;
const BODY_LINE_BYTES = 48;
const FILE_KEY_BYTES = 16;
const TAG_BYTES = 16;
const NONCE_BYTES = 16;
const CHUNK_BYTES = 64 * 1024;
/** age-encryption refuses higher work factors (about 1 GiB of memory at 20). */
const MAX_SCRYPT_LOG_N = 20;
const BECH32_CHARSET = 'qpzry9x8gf2tvdw0s3jn54khce6mua7l';
const BECH32_GENERATORS = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];
const IDENTITY_PREFIX = 'AGE-SECRET-KEY-';

interface Stanza {
  args: string[];
  body: Buffer;
}

interface Header {
  stanzas: Stanza[];
  /** The header up to and including `---`: what the MAC covers. */
  headerNoMac: Buffer;
  mac: Buffer;
  /** Everything after the MAC line: nonce and payload. */
  rest: Buffer;
}

/** Strict unpadded base64 (canonical only, as @scure/base's base64nopad decodes), or undefined. */
function base64NoPad(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*$/u.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64').replace(/=+$/u, '') === text ? bytes : undefined;
}

/** Strict padded base64 (canonical only, as @scure/base's base64 decodes), or undefined. */
function base64Padded(text: string): Buffer | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/u.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

/** Reads header lines as age-encryption's LineReader does: `\n`-terminated, printable ASCII only. */
class HeaderLines {
  position = 0;
  constructor(private readonly file: Buffer) {}

  /** The next line without its `\n`, or undefined at the end of the file or on a byte outside 32..126. */
  next(): string | undefined {
    const end = this.file.indexOf(NEWLINE, this.position);
    if (end === -1) return undefined;
    for (let index = this.position; index < end; index += 1) {
      const byte = this.file[index] ?? 0;
      if (byte < 32 || byte > 126) return undefined;
    }
    const line = this.file.toString('latin1', this.position, end);
    this.position = end + 1;
    return line;
  }
}

/** The header, parsed exactly as age-encryption's parseHeader does; undefined where it would throw. */
function parseHeader(file: Buffer): Header | undefined {
  const lines = new HeaderLines(file);
  if (lines.next() !== VERSION_LINE) return undefined;
  const stanzas: Stanza[] = [];
  for (;;) {
    const lineStart = lines.position;
    const line = lines.next();
    if (line === undefined) return undefined;
    const args = line.split(' ');
    if (args.length < 2 || args[0] !== '->') {
      if (!line.startsWith('--- ')) return undefined;
      const mac = base64NoPad(line.slice(4));
      if (mac === undefined) return undefined;
      return { stanzas, headerNoMac: file.subarray(0, lineStart + 3), mac, rest: file.subarray(lines.position) };
    }
    args.shift();
    if (args.some((arg) => arg.length === 0)) return undefined;
    const body: Buffer[] = [];
    for (;;) {
      const bodyLine = lines.next();
      const bytes = bodyLine === undefined ? undefined : base64NoPad(bodyLine);
      if (bytes === undefined || bytes.length > BODY_LINE_BYTES) return undefined;
      body.push(bytes);
      if (bytes.length < BODY_LINE_BYTES) break;
    }
    stanzas.push({ args, body: Buffer.concat(body) });
  }
}

function bech32Polymod(values: number[]): number {
  let checksum = 1;
  for (const value of values) {
    const top = checksum >>> 25;
    checksum = ((checksum & 0x1ffffff) << 5) ^ value;
    BECH32_GENERATORS.forEach((generator, bit) => {
      if (((top >>> bit) & 1) === 1) checksum ^= generator;
    });
  }
  return checksum;
}

/**
 * The 32-byte scalar of an `AGE-SECRET-KEY-1…` identity (Bech32, BIP 173:
 * one case, checksum, zero padding bits), or undefined for anything
 * age-encryption's X25519Identity would not take.
 */
export function x25519IdentityScalar(identity: string): Buffer | undefined {
  if (!identity.startsWith(`${IDENTITY_PREFIX}1`) || identity.length > 90 || identity !== identity.toUpperCase()) return undefined;
  const lower = identity.toLowerCase();
  const separator = lower.lastIndexOf('1');
  const hrp = lower.slice(0, separator);
  if (hrp !== IDENTITY_PREFIX.toLowerCase()) return undefined;
  const words: number[] = [];
  for (const char of lower.slice(separator + 1)) {
    const word = BECH32_CHARSET.indexOf(char);
    if (word === -1) return undefined;
    words.push(word);
  }
  if (words.length < 6) return undefined;
  const expanded = [...[...hrp].map((char) => char.charCodeAt(0) >> 5), 0, ...[...hrp].map((char) => char.charCodeAt(0) & 31)];
  if (bech32Polymod([...expanded, ...words]) !== 1) return undefined;
  // 5-bit words to bytes: leftover bits must be fewer than 5 and all zero.
  const bytes: number[] = [];
  let accumulator = 0;
  let bits = 0;
  for (const word of words.slice(0, -6)) {
    accumulator = (accumulator << 5) | word;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      bytes.push((accumulator >> bits) & 0xff);
    }
    accumulator &= (1 << bits) - 1;
  }
  if (bits >= 5 || accumulator !== 0 || bytes.length !== 32) return undefined;
  return Buffer.from(bytes);
}

function chacha20Poly1305Open(key: Buffer, nonce: Buffer, sealed: Buffer): Buffer | undefined {
  if (sealed.length < TAG_BYTES) return undefined;
  try {
    const decipher = createDecipheriv('chacha20-poly1305', key, nonce, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
    return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    return undefined;
  }
}

function hkdf(ikm: Buffer, salt: Buffer, info: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', ikm, salt, info, 32));
}

/** A wrapped file key opened with `key`: undefined when the tag does not verify. */
function unwrapFileKey(body: Buffer, key: Buffer): Buffer | undefined {
  return chacha20Poly1305Open(key, Buffer.alloc(12), body);
}

interface X25519Identity {
  privateKey: KeyObject;
  /** The identity's public key, part of the HKDF salt. */
  recipient: Buffer;
}

// Raw X25519 keys go in and out of node:crypto as JWK, which maps to OpenSSL's
// raw key calls: the DER forms (PKCS #8, SPKI) run OpenSSL 3's decoder and
// encoder machinery, which measured 9M instructions more for one identity.
function x25519Identity(scalar: Buffer): X25519Identity {
  // node:crypto wants `x` to be a string but builds a private OKP key from `d` alone.
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', d: scalar.toString('base64url'), x: '' }, format: 'jwk' });
  const { x } = createPublicKey(privateKey).export({ format: 'jwk' });
  return { privateKey, recipient: Buffer.from(x ?? '', 'base64url') };
}

type Unwrapped = Buffer | 'none' | 'unsure';

/** X25519Identity.unwrapFileKey of age-encryption: the first X25519 stanza that opens. */
function unwrapX25519(identity: X25519Identity, stanzas: Stanza[]): Unwrapped {
  for (const stanza of stanzas) {
    if (stanza.args[0] !== 'X25519') continue;
    if (stanza.args.length !== 2 || stanza.body.length !== 32) return 'unsure';
    const share = base64NoPad(stanza.args[1] ?? '');
    if (share?.length !== 32) return 'unsure';
    let secret: Buffer;
    try {
      const publicKey = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: share.toString('base64url') }, format: 'jwk' });
      secret = diffieHellman({ privateKey: identity.privateKey, publicKey });
    } catch {
      return 'unsure';
    }
    // A low-order share gives an all-zero secret, which age refuses.
    if (secret.every((byte) => byte === 0)) return 'unsure';
    const wrapKey = hkdf(secret, Buffer.concat([share, identity.recipient]), X25519_LABEL);
    const fileKey = unwrapFileKey(stanza.body, wrapKey);
    secret.fill(0);
    wrapKey.fill(0);
    if (fileKey !== undefined) return fileKey;
  }
  return 'none';
}

/** ScryptIdentity.unwrapFileKey of age-encryption: the scrypt stanza, alone in the header. */
function unwrapScrypt(passphrase: string, stanzas: Stanza[]): Unwrapped {
  for (const stanza of stanzas) {
    if (stanza.args[0] !== 'scrypt') continue;
    if (stanzas.length !== 1 || stanza.args.length !== 3 || !/^[1-9][0-9]*$/u.test(stanza.args[2] ?? '')) return 'unsure';
    const salt = base64NoPad(stanza.args[1] ?? '');
    const logN = Number(stanza.args[2]);
    if (salt?.length !== 16 || logN > MAX_SCRYPT_LOG_N || stanza.body.length !== 32) return 'unsure';
    const cost = 2 ** logN;
    let key: Buffer;
    try {
      // scrypt needs about 128 * r * (N + p + 2) bytes: node:crypto's default cap (32 MiB) is below age's usual work factor.
      key = scryptSync(passphrase, Buffer.concat([SCRYPT_LABEL, salt]), 32, { N: cost, r: 8, p: 1, maxmem: 128 * 8 * (cost + 3) + 1024 * 1024 });
    } catch {
      return 'unsure';
    }
    const fileKey = unwrapFileKey(stanza.body, key);
    key.fill(0);
    if (fileKey !== undefined) return fileKey;
  }
  return 'none';
}

/** The STREAM payload: 64 KiB chunks, each sealed with a counter nonce whose last byte flags the final chunk. */
function openPayload(fileKey: Buffer, rest: Buffer): Buffer | undefined {
  if (rest.length < NONCE_BYTES) return undefined;
  const key = hkdf(fileKey, rest.subarray(0, NONCE_BYTES), PAYLOAD_LABEL);
  const payload = rest.subarray(NONCE_BYTES);
  const chunks: Buffer[] = [];
  const nonce = Buffer.alloc(12);
  let offset = 0;
  try {
    for (let counter = 0; ; counter += 1) {
      const last = payload.length - offset <= CHUNK_BYTES + TAG_BYTES;
      nonce.writeUIntBE(counter, 5, 6);
      nonce[11] = last ? 1 : 0;
      const end = last ? payload.length : offset + CHUNK_BYTES + TAG_BYTES;
      const chunk = chacha20Poly1305Open(key, nonce, payload.subarray(offset, end));
      // Only a file's one and only chunk may be empty.
      if (chunk === undefined || (last && counter > 0 && chunk.length === 0)) {
        chunk?.fill(0);
        return undefined;
      }
      chunks.push(chunk);
      offset = end;
      if (last) return Buffer.concat(chunks);
    }
  } finally {
    key.fill(0);
    for (const chunk of chunks) chunk.fill(0);
  }
}

/**
 * Opens a binary age file with X25519 identities or a passphrase, on
 * node:crypto only. Undefined when the file or a key is anything this fast
 * path does not fully check (post-quantum identities, other stanza types, a
 * damaged header or payload, a work factor above 20): the caller then asks
 * age-encryption, which decides as it always did.
 */
export function openAgeNatively(file: Buffer, key: AgeKey): NativeAgeResult | undefined {
  try {
    return open(file, key);
  } catch {
    // node:crypto refusing something (a key it will not import, memory for scrypt): not this path's to word.
    return undefined;
  }
}

function open(file: Buffer, key: AgeKey): NativeAgeResult | undefined {
  let unwrap: (stanzas: Stanza[]) => Unwrapped;
  if (key.kind === 'passphrase') {
    unwrap = (stanzas) => unwrapScrypt(key.passphrase, stanzas);
  } else {
    const scalars = key.identities.map(x25519IdentityScalar);
    if (scalars.some((scalar) => scalar === undefined)) return undefined;
    const identities = (scalars as Buffer[]).map(x25519Identity);
    for (const scalar of scalars) scalar?.fill(0);
    unwrap = (stanzas) => {
      for (const identity of identities) {
        const result = unwrapX25519(identity, stanzas);
        if (result !== 'none') return result;
      }
      return 'none';
    };
  }
  const header = parseHeader(file);
  if (header === undefined) return undefined;
  const fileKey = unwrap(header.stanzas);
  if (fileKey === 'none') return { kind: 'no-match' };
  if (fileKey === 'unsure' || fileKey.length !== FILE_KEY_BYTES) return undefined;
  try {
    const macKey = hkdf(fileKey, Buffer.alloc(0), HEADER_LABEL);
    const mac = createHmac('sha256', macKey).update(header.headerNoMac).digest();
    macKey.fill(0);
    if (header.mac.length !== mac.length || !timingSafeEqual(header.mac, mac)) return undefined;
    const plaintext = openPayload(fileKey, header.rest);
    return plaintext === undefined ? undefined : { kind: 'plaintext', plaintext };
  } finally {
    fileKey.fill(0);
  }
}

/**
 * The binary file inside age ASCII armor, decoded exactly as age-encryption's
 * armor.decode does (surrounding whitespace and CRLF allowed, otherwise
 * strict); undefined where it would throw.
 */
export function dearmorAge(text: string): Buffer | undefined {
  const lines = text.trim().replaceAll('\r\n', '\n').split('\n');
  if (lines.shift() !== '-----BEGIN AGE ENCRYPTED FILE-----' || lines.pop() !== '-----END AGE ENCRYPTED FILE-----') return undefined;
  const lastIndex = lines.length - 1;
  const lengthsValid = lines.every((line, index) => (index === lastIndex ? line.length > 0 && line.length <= 64 && line.length % 4 === 0 : line.length === 64));
  if (!lengthsValid || !lines.every((line) => /^[A-Za-z0-9+/=]+$/u.test(line))) return undefined;
  return base64Padded(lines.join(''));
}

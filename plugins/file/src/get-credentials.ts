import { resolveUserPath } from '@cred-launch/aws-profiles';
import { CredentialError, isCredentialError, type SourceContext, type SourceCredentials } from '@cred-launch/core';
import { credentialsFromPlaintext } from './content.js';
import { decodeText, decryptFile } from './decrypt.js';
import { detectFormat, type DetectedFormat, type EncryptedFormat } from './detect.js';
import { PLUGIN_NAME, fileError } from './errors.js';
import { loadKeyMaterial } from './key-material.js';
import type { FileSourceOptions } from './options.js';
import { readBounded } from './read-file.js';

/** An encrypted credentials file is a few hundred bytes; anything past this is the wrong file. */
export const MAX_ENCRYPTED_BYTES = 1024 * 1024;

/** Refuses what is not encrypted, telling the user how to get there. */
export function requireEncrypted(format: DetectedFormat, path: string): EncryptedFormat {
  if (format === 'empty') {
    throw fileError('INVALID_SECRET', `${path} is empty`, 'restore it from a backup, or encrypt your credentials with `cred-launch file encrypt`');
  }
  if (format === 'plaintext-credentials') {
    throw fileError('CONFIG', `${path} is not encrypted: it holds plaintext credentials`, `encrypt it first: cred-launch file encrypt ${path} --key-file <key> --generate-key`);
  }
  if (format === 'unknown') {
    throw fileError(
      'CONFIG',
      `${path} is not an OpenSSL enc (Salted__) or age file`,
      'point at the file made by openssl enc -aes-256-cbc -pbkdf2, age, or cred-launch file encrypt',
    );
  }
  return format;
}

// Core's mapping errors do not know which plugin is talking: add the prefix.
function prefixed(error: unknown): unknown {
  if (!isCredentialError(error) || error.message.startsWith(`${PLUGIN_NAME}: `)) return error;
  return new CredentialError(error.code, `${PLUGIN_NAME}: ${error.message}`, {
    ...(error.hint === undefined ? {} : { hint: error.hint }),
  });
}

/** Reads, decrypts and maps the file: the source's `getCredentials`. */
export async function getFileCredentials(context: SourceContext<FileSourceOptions>): Promise<SourceCredentials> {
  const { args, signal, secrets, log } = context;
  const path = resolveUserPath(args.file, context.cwd, context.homedir);
  const { bytes } = await readBounded(path, {
    what: 'encrypted file',
    maxBytes: MAX_ENCRYPTED_BYTES,
    signal,
    missingHint: 'check the path (credential_process runs without a shell: no $HOME, use an absolute path)',
  });
  const format = requireEncrypted(detectFormat(bytes), path);
  log(`file: ${path} is ${format} (${bytes.length} bytes)`);
  const key = await loadKeyMaterial(
    {
      ...(args.keyFile === undefined ? {} : { keyFile: resolveUserPath(args.keyFile, context.cwd, context.homedir) }),
      ...(args.keyEnv === undefined ? {} : { keyEnv: args.keyEnv }),
    },
    context.env,
    secrets,
    signal,
  );
  signal.throwIfAborted();
  const plaintext = await decryptFile(bytes, format, key, { path, openssl: { iterations: args.iterations, digest: args.digest }, signal });
  try {
    const text = decodeText(plaintext);
    if (text === undefined) {
      throw fileError('INVALID_SECRET', `the decrypted content of ${path} is not text`, 'it should be an AWS credentials file or JSON');
    }
    secrets.add(text);
    return credentialsFromPlaintext(text, { profile: args.profile, overrides: args.overrides, source: path }, secrets);
  } catch (error) {
    throw prefixed(error);
  } finally {
    // Best effort: the decoded string cannot be wiped, the buffer can.
    plaintext.fill(0);
  }
}

import { randomBytes } from 'node:crypto';
import { resolveUserPath } from '@cred-launch/aws-profiles';
import type { SourceContext } from '@cred-launch/core';
import type { AgeTarget } from './age.js';
import { configureCommands } from './configure-command.js';
import { credentialProfiles } from './content.js';
import { decodeText, decryptFile } from './decrypt.js';
import { detectFormat } from './detect.js';
import type { EncryptCommandOptions } from './encrypt-options.js';
import { fileError } from './errors.js';
import { MAX_ENCRYPTED_BYTES } from './get-credentials.js';
import { ageKey, loadKeyMaterial, opensslPassphrase, type KeyMaterial } from './key-material.js';
import { armorOpenssl, encryptOpenssl } from './openssl.js';
import { readBounded } from './read-file.js';
import { pathExists, writeFileSecure } from './write-secure.js';

type Context = SourceContext<EncryptCommandOptions>;

interface Paths {
  input: string;
  output: string;
  keyFile: string | undefined;
}

function resolvePaths(args: EncryptCommandOptions, context: Context): Paths {
  const input = resolveUserPath(args.input, context.cwd, context.homedir);
  const output = args.output === undefined ? `${input}${args.format === 'age' ? '.age' : '.enc'}` : resolveUserPath(args.output, context.cwd, context.homedir);
  const keyFile = args.keyFile === undefined ? undefined : resolveUserPath(args.keyFile, context.cwd, context.homedir);
  if (output === input) throw fileError('USAGE', 'the output file must not be the plaintext file', 'write elsewhere with --out, check it works, then remove the plaintext');
  if (keyFile === input || keyFile === output)
    throw fileError('USAGE', 'the key file must be a separate file', 'keep the key apart from the credentials, e.g. ~/.secrets/aws-creds.key');
  return { input, output, keyFile };
}

/** Reads the plaintext and makes sure it is credentials the plugin can later read. */
async function readPlaintext(path: string, context: Context): Promise<{ bytes: Buffer; profiles: string[] }> {
  const { bytes } = await readBounded(path, {
    what: 'plaintext file',
    maxBytes: MAX_ENCRYPTED_BYTES,
    signal: context.signal,
    missingHint: 'give the plaintext credentials file, e.g. ~/.aws/credentials',
  });
  const format = detectFormat(bytes);
  if (format !== 'plaintext-credentials' && format !== 'unknown') {
    throw fileError('CONFIG', format === 'empty' ? `${path} is empty` : `${path} is already encrypted (${format})`, 'give the plaintext credentials file');
  }
  const text = decodeText(bytes);
  if (text === undefined) throw fileError('CONFIG', `${path} is not a text file`, 'give the plaintext credentials file (INI or JSON)');
  context.secrets.add(text);
  const profiles = credentialProfiles(text, {}, context.secrets);
  if (profiles.length === 0) {
    throw fileError('INVALID_SECRET', `no credentials found in ${path}`, 'it should hold [profile] sections with aws_access_key_id and aws_secret_access_key, or credentials JSON');
  }
  return { bytes, profiles };
}

/** Creates the key file the user asked for: `openssl rand -base64 32` or an age identity. */
async function generateKey(path: string, args: EncryptCommandOptions, context: Context): Promise<string> {
  let text: string;
  let note = '';
  if (args.format === 'age') {
    const { generateAgeIdentityFile } = await import('./age.js');
    const generated = await generateAgeIdentityFile(context.now());
    context.secrets.add(generated.identity);
    text = generated.text;
    note = `, public key ${generated.recipient}`;
  } else {
    text = `${randomBytes(32).toString('base64')}\n`;
    context.secrets.add(text.trim());
  }
  await writeFileSecure(path, Buffer.from(text, 'utf8'), {
    overwrite: false,
    what: 'key file',
    existsHint: 'drop --generate-key to encrypt with the existing key (a new key would lock out files made with the old one)',
  });
  return `New key file ${path} (mode 0600${note}). Back it up apart from the encrypted file.`;
}

async function ageTarget(args: EncryptCommandOptions, key: KeyMaterial | undefined): Promise<AgeTarget> {
  const recipients = [...args.recipients];
  if (key !== undefined) {
    const parsed = ageKey(key);
    if (parsed.kind === 'passphrase') {
      if (recipients.length > 0) throw fileError('USAGE', 'age cannot encrypt to a passphrase and recipients at once', 'drop --recipient, or use an identity key file');
      return { kind: 'passphrase', passphrase: parsed.passphrase, workFactor: args.scryptWorkFactor };
    }
    const { recipientsOf } = await import('./age.js');
    recipients.push(...(await recipientsOf(parsed.identities, key.origin)));
  }
  return { kind: 'recipients', recipients };
}

function describeFormat(args: EncryptCommandOptions, target: AgeTarget | undefined): string {
  if (args.format === 'openssl') {
    return `OpenSSL aes-256-cbc, PBKDF2-${args.digest.toUpperCase()}, ${args.iterations} iterations${args.armor ? ', base64' : ''}`;
  }
  const to = target?.kind === 'passphrase' ? 'a passphrase' : `${target?.recipients.length ?? 0} recipient(s)`;
  return `age, to ${to}${args.armor ? ', armored' : ''}`;
}

/** Placeholder for an age identity the user must name (encrypted to recipients only). */
const AGE_IDENTITY_PLACEHOLDER = 'AGE_IDENTITY_FILE';

/** The `cred-launch configure` commands that read the new file back, one per profile (shown for at most five). */
function nextSteps(paths: Paths, args: EncryptCommandOptions, profiles: string[]): string[] {
  const keyArgs = paths.keyFile !== undefined ? ['--key-file', paths.keyFile] : args.keyEnv !== undefined ? ['--key-env', args.keyEnv] : ['--key-file', AGE_IDENTITY_PLACEHOLDER];
  const extra =
    args.format === 'openssl' ? [...(args.iterations === 10000 ? [] : ['--iter', String(args.iterations)]), ...(args.digest === 'sha256' ? [] : ['--md', args.digest])] : [];
  const { commands, problem } = configureCommands({ file: paths.output, keyArgs, extra, profiles: profiles.slice(0, 5) });
  if (problem !== undefined) {
    return [
      `configure cannot write this into a credential_process line: ${problem}`,
      'Move the files to paths without such characters, then run cred-launch configure (see cred-launch configure --help).',
    ];
  }
  const lines = ['Set up each AWS profile with (it runs the plugin once, then writes credential_process with absolute paths):', ...commands.map((command) => `  ${command}`)];
  if (paths.keyFile === undefined && args.keyEnv === undefined) lines.push(`(replace ${AGE_IDENTITY_PLACEHOLDER} with the path of an age identity file that can decrypt it)`);
  if (profiles.length > 5) lines.push(`(and likewise for the other ${profiles.length - 5} profiles)`);
  return lines;
}

/**
 * The work behind `cred-launch file encrypt` (imported only when that
 * command runs): moves a plaintext credentials file to the OpenSSL or age
 * format, writes it 0600 atomically, checks it reads back, and prints the
 * exact `cred-launch configure …` commands that set up the profiles.
 */
export async function runEncrypt(context: Context): Promise<string> {
  const { args } = context;
  const paths = resolvePaths(args, context);
  const { bytes, profiles } = await readPlaintext(paths.input, context);
  if (!args.force && (await pathExists(paths.output))) {
    throw fileError('CONFIG', `output file ${paths.output} already exists`, 'pass --force to replace it, or choose another --out');
  }
  const messages: string[] = [];
  if (args.generateKey && paths.keyFile !== undefined) messages.push(await generateKey(paths.keyFile, args, context));
  const keySource = { ...(paths.keyFile === undefined ? {} : { keyFile: paths.keyFile }), ...(args.keyEnv === undefined ? {} : { keyEnv: args.keyEnv }) };
  const key = paths.keyFile !== undefined || args.keyEnv !== undefined ? await loadKeyMaterial(keySource, context.env, context.secrets, context.signal) : undefined;
  context.signal.throwIfAborted();

  let encrypted: Buffer;
  let target: AgeTarget | undefined;
  if (args.format === 'openssl') {
    if (key === undefined) throw fileError('USAGE', 'no key given', 'pass --key-file or --key-env');
    if (ageKey(key).kind === 'identities') throw fileError('USAGE', `${key.origin} holds an age identity, not an OpenSSL passphrase`, 'add --format age to encrypt to it');
    const binary = encryptOpenssl(bytes, opensslPassphrase(key), { iterations: args.iterations, digest: args.digest });
    encrypted = args.armor ? Buffer.from(armorOpenssl(binary), 'latin1') : binary;
  } else {
    target = await ageTarget(args, key);
    const { encryptAge } = await import('./age.js');
    encrypted = await encryptAge(bytes, target, args.armor);
  }
  // Read it back before writing, when we hold a key that can (an identity or the OpenSSL passphrase;
  // a passphrase-encrypted age file would cost a second scrypt run, and recipients alone cannot).
  const canVerify = key !== undefined && (args.format === 'openssl' || ageKey(key).kind === 'identities');
  if (canVerify) {
    const format = detectFormat(encrypted);
    if (format === 'plaintext-credentials' || format === 'unknown' || format === 'empty') throw fileError('INTERNAL', 'the encrypted output was not recognised');
    const roundTrip = await decryptFile(encrypted, format, key, { path: paths.output, openssl: { iterations: args.iterations, digest: args.digest }, signal: context.signal });
    if (!roundTrip.equals(bytes)) throw fileError('INTERNAL', 'the encrypted output did not decrypt to the input; nothing was written');
  }
  await writeFileSecure(paths.output, encrypted, { overwrite: args.force, what: 'output file', existsHint: 'pass --force to replace it' });

  messages.unshift(`Encrypted ${paths.input} -> ${paths.output} (${describeFormat(args, target)}; mode 0600).`);
  messages.push(
    `Profiles: ${profiles.join(', ')}`,
    ...nextSteps(paths, args, profiles),
    `Check it with: aws sts get-caller-identity --profile <name>; then delete the plaintext: rm ${paths.input}`,
  );
  return `${messages.join('\n')}\n`;
}

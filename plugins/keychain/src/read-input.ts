import { isAbsolute, join } from 'node:path';
import { credentialsFromIni, credentialsFromRecord, isCredentialError, readRegularFile, type SourceCommandContext, type SourceCredentials } from '@cred-launch/core';
import { keychainError } from './errors.js';
import type { AddCommandOptions } from './options.js';

const NO_STDIN_HINT = 'upgrade cred-launch: this launcher does not hand standard input to plugin commands';

/**
 * `--from-stdin` text: a JSON object (credential_process output, an
 * `aws configure export-credentials` document, or any common spelling), or
 * `key=value` lines (`aws_access_key_id=…`, `AWS_SECRET_ACCESS_KEY=…`,
 * optionally `export`ed and quoted, `#` comments).
 */
export function parseStdinText(text: string): SourceCredentials {
  const trimmed = text.trim();
  if (trimmed === '') throw keychainError('USAGE', 'standard input is empty', 'pipe JSON or key=value lines into cred-launch keychain add NAME --from-stdin');
  if (trimmed.startsWith('{')) {
    let value: unknown;
    try {
      value = JSON.parse(trimmed);
    } catch {
      // No cause: the parser's message quotes the input.
      throw keychainError('USAGE', 'standard input starts with { but is not valid JSON', 'pipe one JSON object, or key=value lines');
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      throw keychainError('USAGE', 'standard input is not a JSON object', 'pipe one JSON object, or key=value lines');
    return credentialsFromRecord(value as Record<string, unknown>, { source: 'standard input' });
  }
  const record: Record<string, string> = {};
  for (const [index, rawLine] of trimmed.split(/\r?\n/u).entries()) {
    const line = rawLine.trim().replace(/^export\s+/u, '');
    if (line === '' || line.startsWith('#')) continue;
    const equals = line.indexOf('=');
    // The line number only: the line itself may be a secret pasted alone.
    if (equals <= 0)
      throw keychainError('USAGE', `line ${index + 1} of standard input is not key=value`, 'pipe JSON or key=value lines (an INI file: use --from-file <file> --section <name>)');
    record[line.slice(0, equals).trim()] = line
      .slice(equals + 1)
      .trim()
      .replace(/^(['"])(.*)\1$/u, '$2');
  }
  return credentialsFromRecord(record, { source: 'standard input' });
}

/** `--from-file`: one section of an AWS credentials (INI) file. */
async function readCredentialsFile(context: SourceCommandContext<AddCommandOptions>, file: string): Promise<SourceCredentials> {
  const path = file === '~' || file.startsWith('~/') ? join(context.homedir, file.slice(1)) : isAbsolute(file) ? file : join(context.cwd, file);
  let text: string;
  try {
    // Non-blocking open + fstat: a FIFO or device is refused (CONFIG) before any read.
    text = (
      await readRegularFile(path, { what: 'keychain: --from-file', signal: context.signal, hint: 'give the path of an AWS credentials file, e.g. ~/.aws/credentials' })
    ).bytes.toString('utf8');
  } catch (error) {
    if (isCredentialError(error) || context.signal.aborted) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw keychainError('NOT_FOUND', `${file} does not exist`, 'give the path of an AWS credentials file, e.g. ~/.aws/credentials');
    throw keychainError('CONFIG', `cannot read ${file} (${code ?? 'error'})`, 'check the path and its permissions', error);
  }
  context.secrets.add(text);
  return credentialsFromIni(text, { profile: context.args.section, source: file });
}

/** Asks on the terminal through the launcher; the secret with echo off. */
async function promptForKeys(context: SourceCommandContext<AddCommandOptions>): Promise<SourceCredentials> {
  const { prompt, signal } = context;
  if (prompt === undefined) throw keychainError('CONFIG', 'this cred-launch cannot prompt on the terminal', 'upgrade cred-launch, or use --from-stdin / --from-file');
  const noTerminal = (): Error =>
    keychainError('USAGE', 'there is no terminal to ask on', 'in scripts use --from-stdin (JSON or key=value lines) or --from-file <file> --section <name>');
  const accessKeyId = await prompt({ question: 'AWS access key ID: ', signal });
  if (accessKeyId === undefined) throw noTerminal();
  const secretAccessKey = await prompt({ question: 'AWS secret access key (not shown): ', secret: true, signal });
  if (secretAccessKey === undefined) throw noTerminal();
  if (secretAccessKey.trim() !== '') context.secrets.add(secretAccessKey.trim());
  const credentials: SourceCredentials = { accessKeyId: accessKeyId.trim(), secretAccessKey: secretAccessKey.trim() };
  if (context.args.mfaSerial === undefined) {
    const mfaSerial = (await prompt({ question: 'MFA device ARN (optional, Enter to skip): ', signal }))?.trim();
    if (mfaSerial !== undefined && mfaSerial !== '') credentials.mfaSerial = mfaSerial;
  }
  return credentials;
}

/** The keys to store, from wherever `add` was told to take them. */
export async function readAddInput(context: SourceCommandContext<AddCommandOptions>): Promise<SourceCredentials> {
  const { args } = context;
  if (args.from === 'file' && args.file !== undefined) return readCredentialsFile(context, args.file);
  if (args.from === 'stdin') {
    if (context.readStdin === undefined) throw keychainError('CONFIG', 'this cred-launch cannot pass standard input to plugin commands', NO_STDIN_HINT);
    const text = await context.readStdin(context.signal);
    context.secrets.add(text.trim());
    return parseStdinText(text);
  }
  return promptForKeys(context);
}

import { CredentialError, isCredentialError, readRegularFile } from '@cred-launch/core';
import { resolveUserPath } from '../paths.js';
import type { Session } from '../session.js';

/** Where the vault CLI's configuration is: VAULT_CONFIG_PATH, else ~/.vault (command/config/config.go `LoadConfig`). */
export function cliConfigPath(session: Session): string {
  const configured = session.env.VAULT_CONFIG_PATH?.trim();
  return resolveUserPath(configured ? configured : '~/.vault', session.dirs);
}

/**
 * The `token_helper` of the vault CLI's configuration file, or undefined when
 * the file is missing or names none. The file is HCL or JSON with that one
 * key (command/config/config.go `ParseConfig` refuses any other); this reads
 * `token_helper = "…"` lines (comments allowed) and the JSON form.
 */
export async function configuredTokenHelper(session: Session): Promise<{ helper: string; file: string } | undefined> {
  const file = cliConfigPath(session);
  let text: string;
  try {
    text = (await readRegularFile(file, { what: 'vault: the vault CLI configuration', maxBytes: 64 * 1024, signal: session.signal })).bytes.toString('utf8');
  } catch (error) {
    // A FIFO or device is refused (CONFIG) before any read, so it cannot block the call.
    if (isCredentialError(error)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    throw new CredentialError('CONFIG', `vault: cannot read the vault CLI configuration ${file} (${code ?? 'error'})`, {
      cause: error,
      hint: 'fix its permissions, or point VAULT_CONFIG_PATH elsewhere',
    });
  }
  const bad = (): CredentialError =>
    new CredentialError('CONFIG', `vault: cannot parse the vault CLI configuration ${file}`, {
      hint: 'it may hold only token_helper = "/path/to/helper" (HCL) or {"token_helper": "…"} (JSON), as the vault CLI requires',
    });
  if (text.trim().startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw bad();
    }
    const helper = (parsed as { token_helper?: unknown }).token_helper;
    if (helper === undefined) return undefined;
    if (typeof helper !== 'string') throw bad();
    return helper.trim() === '' ? undefined : { helper, file };
  }
  let helper: string | undefined;
  const withoutBlockComments = text.replace(/\/\*[\s\S]*?\*\//gu, '');
  for (const raw of withoutBlockComments.split('\n')) {
    const line = raw.replace(/^\s*(#|\/\/).*$/u, '').trim();
    if (line === '') continue;
    const match = /^"?token_helper"?\s*=\s*"((?:[^"\\]|\\.)*)"\s*(?:(?:#|\/\/).*)?$/u.exec(line);
    if (!match) throw bad();
    helper = (match[1] as string).replace(/\\(.)/gu, '$1');
  }
  return helper === undefined || helper.trim() === '' ? undefined : { helper, file };
}

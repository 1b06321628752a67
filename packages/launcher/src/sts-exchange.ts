import { pathToFileURL } from 'node:url';
import { CredentialError, type AwsCredentials, type SecretRedactor, type SourceCredentials } from '@cred-launch/core';
import type { StsOptions } from './options.js';
import { resolvePackage } from './resolve-plugin.js';

/** True when any STS option was given. */
export function wantsSts(options: StsOptions): boolean {
  return options.session === true || options.assumeRole !== undefined;
}

/** What @cred-launch/sts receives besides the source credentials. */
export interface StsContext {
  env: Readonly<Record<string, string | undefined>>;
  signal: AbortSignal;
  log: (message: string) => void;
  secrets: SecretRedactor;
  now: () => Date;
}

/** The function @cred-launch/sts exports. */
export type ExchangeCredentials = (source: SourceCredentials, options: StsOptions, context: StsContext) => Promise<AwsCredentials>;

/**
 * Loads @cred-launch/sts (resolved like a plugin: next to the launcher only)
 * and exchanges the plugin's long-term keys for a session. The STS SDK is
 * therefore never loaded unless --session or --assume-role is used.
 */
export async function exchangeWithSts(
  source: SourceCredentials,
  options: StsOptions,
  context: StsContext,
  launcherDir: string,
): Promise<AwsCredentials> {
  if (options.mfaSerial === undefined && source.mfaSerial !== undefined) options = { ...options, mfaSerial: source.mfaSerial };
  const entry = resolvePackage('@cred-launch/sts', launcherDir);
  if (!entry) {
    throw new CredentialError('PLUGIN_NOT_FOUND', '--session and --assume-role need @cred-launch/sts, which is not installed', {
      hint: 'install it next to cred-launch: npm install --global @cred-launch/sts',
    });
  }
  const module = (await import(pathToFileURL(entry).href)) as { exchangeCredentials?: ExchangeCredentials };
  if (typeof module.exchangeCredentials !== 'function') {
    throw new CredentialError('PLUGIN_INVALID', '@cred-launch/sts does not export exchangeCredentials', { hint: 'reinstall @cred-launch/sts' });
  }
  return module.exchangeCredentials(source, options, context);
}

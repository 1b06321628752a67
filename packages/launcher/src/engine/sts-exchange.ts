import { pathToFileURL } from 'node:url';
import { CredentialError, type AwsCredentials, type SecretRedactor, type SourceCredentials } from '@cred-launch/core';
import type { StsOptions } from '../options.js';
import type { MfaPromptMode, TerminalPrompt } from '../mfa-prompt.js';
import { resolvePackage } from '../resolve-plugin.js';

/**
 * Environment that decides which STS answers (@cred-launch/sts reads these):
 * part of the cache key whenever an STS option is used, so a session from a
 * LocalStack or test endpoint is never served to a call meant for AWS. The
 * region is left out on purpose: a session is valid in every region, and
 * keying on it would ask for MFA again per region.
 */
export const STS_CACHE_ENV: readonly string[] = Object.freeze([
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_STS_REGIONAL_ENDPOINTS',
  'AWS_USE_FIPS_ENDPOINT',
  'AWS_USE_DUALSTACK_ENDPOINT',
]);

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
  /** Asks for an MFA code; by default the drivers `mfaPrompt` names (see {@link exchangeWithSts}). */
  promptMfaCode?: TerminalPrompt;
  /** `--mfa-prompt`: the terminal, a desktop dialog, or nobody. @default 'auto' */
  mfaPrompt?: MfaPromptMode;
}

/** The function @cred-launch/sts exports. */
export type ExchangeCredentials = (source: SourceCredentials, options: StsOptions, context: StsContext) => Promise<AwsCredentials>;

/**
 * Loads @cred-launch/sts (resolved like a plugin: next to the launcher only)
 * and exchanges the plugin's long-term keys for a session. The STS SDK is
 * therefore never loaded unless --session or --assume-role is used.
 */
export async function exchangeWithSts(source: SourceCredentials, options: StsOptions, context: StsContext, launcherDir: string): Promise<AwsCredentials> {
  if (options.mfaSerial === undefined && source.mfaSerial !== undefined) options = { ...options, mfaSerial: source.mfaSerial };
  const entry = resolvePackage('@cred-launch/sts', launcherDir);
  if (!entry) {
    throw new CredentialError('PLUGIN_NOT_FOUND', '--session and --assume-role need @cred-launch/sts, which is not installed', {
      hint: 'install it next to cred-launch: npm install --global @cred-launch/sts',
    });
  }
  silenceSdkNodeVersionWarning(context.env);
  // From a module of its own: see src/dynamic-import.ts (the code cache).
  const module = (await (await import('../dynamic-import.js')).importModule(pathToFileURL(entry).href)) as { exchangeCredentials?: ExchangeCredentials };
  if (typeof module.exchangeCredentials !== 'function') {
    throw new CredentialError('PLUGIN_INVALID', '@cred-launch/sts does not export exchangeCredentials', { hint: 'reinstall @cred-launch/sts' });
  }
  // Loaded here, not at the top: a cache hit must not pay for readline/tty.
  const promptMfaCode = context.promptMfaCode ?? (await import('../mfa-prompt.js')).createMfaPrompt(context.mfaPrompt ?? 'auto', context.env);
  const { mfaPrompt: _mode, ...forSts } = context;
  return module.exchangeCredentials(source, options, { ...forSts, promptMfaCode });
}

/**
 * The AWS SDK for JavaScript prints a multi-line NodeVersionSupportWarning
 * on Node < 22 when a client is created. The SDK reads only
 * `process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED === "true"`
 * to skip it (@aws-sdk/core emitWarningIfUnsupportedVersion), so the launcher,
 * which owns the process, sets it, unless the user set it themselves.
 * stderr of a credential_process is shown to people by the AWS CLI on every
 * failure; it must stay short.
 */
function silenceSdkNodeVersionWarning(env: Readonly<Record<string, string | undefined>>): void {
  const name = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';
  if (env[name] === undefined && process.env[name] === undefined) process.env[name] = 'true';
}

import type { AwsCredentials, SecretSink, StsOptions } from '@cred-launch/core';

/** The launcher's STS options (core's `StsOptions`), under the name this package has always exported. */
export type StsExchangeOptions = StsOptions;

/** Asks a person for the MFA code; resolves undefined when there is no terminal to ask on. */
export type MfaPrompt = (request: { serial: string; signal: AbortSignal }) => Promise<string | undefined>;

/** What the launcher gives the exchange besides the credentials and options. */
export interface StsExchangeContext {
  /** The launcher's environment snapshot: region and endpoint overrides are read from it. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on the launcher's time limit; passed to every request and child process. */
  readonly signal: AbortSignal;
  /** Debug lines (redacted by the launcher, shown only with --verbose). */
  readonly log: (message: string) => void;
  /** Every secret handled here is registered (session keys, TOTP seed, MFA code). */
  readonly secrets: SecretSink;
  /** The current time (TOTP codes, default session names). */
  readonly now: () => Date;
  /**
   * Prompts on the controlling terminal (never stdin, which the SDKs pipe).
   * The launcher provides it; absent means "no prompt possible".
   */
  readonly promptMfaCode?: MfaPrompt;
}

/** The credentials an exchange returns: always temporary, with an Expiration. */
export type SessionCredentials = AwsCredentials & { sessionToken: string; expiration: Date };

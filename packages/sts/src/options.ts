import type { AwsCredentials, SecretSink } from '@cred-launch/core';

/**
 * What the launcher's STS options ask for (`--session`, `--assume-role` and
 * friends). The launcher passes its own `StsOptions` object, which has this
 * shape. Every field is optional; an empty object means "no exchange".
 */
export interface StsExchangeOptions {
  /**
   * Call GetSessionToken with the plugin's long-term keys. With `assumeRole`
   * as well, the session is made first (with MFA) and the role is assumed
   * with it.
   * @default false
   */
  session?: boolean;
  /** ARN of the role to assume (AssumeRole). */
  assumeRole?: string;
  /** `ExternalId` for AssumeRole, when the role's trust policy requires one. */
  externalId?: string;
  /**
   * `RoleSessionName` for AssumeRole.
   * @default `cred-launch-<user>-<unix seconds>` (trimmed to 64 characters)
   */
  roleSessionName?: string;
  /**
   * `DurationSeconds` of the session or role credentials.
   * @default STS's own default: 43200 (12 h) for GetSessionToken, 3600 (1 h) for AssumeRole
   */
  durationSeconds?: number;
  /** `SourceIdentity` for AssumeRole. */
  sourceIdentity?: string;
  /**
   * ARN (or hardware serial) of the MFA device. When unset, the plugin's
   * `mfaSerial` is used; when neither is set no MFA code is sent.
   */
  mfaSerial?: string;
  /**
   * A command whose trimmed stdout is the MFA code (run through the user's
   * shell, so pipes work: `ykman oath accounts code -s aws`).
   * Used when the plugin returned no TOTP seed.
   */
  mfaCommand?: string;
}

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

/**
 * What the launcher's STS options ask for (`--session`, `--assume-role` and
 * friends): the contract between the launcher, which parses them, and
 * `@cred-launch/sts`, which carries them out. Every field is optional; an
 * empty object means "no exchange".
 */
export interface StsOptions {
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

/** AWS credentials as a plugin returns them and as core validates them. */
export interface AwsCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  /** Present for temporary (STS) credentials. */
  sessionToken?: string;
  /** When temporary credentials stop working. Absent for long-term keys. */
  expiration?: Date;
  /** The 12-digit account the keys belong to, when the backend knows it. */
  accountId?: string;
}

/**
 * What a plugin may return: credentials plus optional MFA material stored
 * with them. The MFA fields are used by the launcher's STS options and are
 * never printed nor cached.
 */
export interface SourceCredentials extends AwsCredentials {
  /** ARN (or serial number) of the MFA device paired with these keys. */
  mfaSerial?: string;
  /** Base32 TOTP seed of that MFA device. */
  mfaTotpSeed?: string;
}

/** The credential_process JSON document (Version 1), field order as AWS documents it. */
export interface CredentialProcessOutput {
  Version: 1;
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken?: string;
  /** UTC ISO-8601 with a `Z`, e.g. `2030-01-01T00:00:00Z`. */
  Expiration?: string;
  AccountId?: string;
}

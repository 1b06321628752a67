import { CredentialError } from '@cred-launch/core';
import type { StsExchangeOptions } from './options.js';

// STS's documented parameter constraints. Checking them here turns a
// ValidationError round trip into a USAGE error that names the flag.
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/u;
const SESSION_NAME = /^[\w+=,.@-]{2,64}$/u;
const SOURCE_IDENTITY = /^[\w+=,.@-]{2,64}$/u;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/u;
const MFA_SERIAL = /^[\w+=/:,.@-]{9,256}$/u;

/** GetSessionToken accepts 15 minutes to 36 hours; AssumeRole 15 minutes to 12 hours (the role may allow less). */
export const DURATION_LIMITS = Object.freeze({ min: 900, session: 129_600, role: 43_200 });

function usage(message: string, hint: string): CredentialError {
  return new CredentialError('USAGE', message, { hint });
}

/**
 * Throws USAGE for options STS would refuse, naming the flag. Values in these
 * options are identifiers, not secrets, so messages may show them.
 */
export function validateStsOptions(options: StsExchangeOptions): void {
  const role = options.assumeRole;
  if (options.session !== true && role === undefined) {
    throw usage('no STS exchange requested', 'use --session or --assume-role ARN');
  }
  if (role !== undefined && !ROLE_ARN.test(role)) {
    throw usage(`--assume-role: "${role}" is not an IAM role ARN`, 'expected arn:aws:iam::123456789012:role/NAME');
  }
  const roleOnly: Array<[keyof StsExchangeOptions, string]> = [
    ['externalId', '--external-id'],
    ['roleSessionName', '--role-session-name'],
    ['sourceIdentity', '--source-identity'],
  ];
  for (const [field, flag] of roleOnly) {
    if (options[field] !== undefined && role === undefined) throw usage(`${flag} needs --assume-role`, `add --assume-role ARN, or drop ${flag}`);
  }
  if (options.roleSessionName !== undefined && !SESSION_NAME.test(options.roleSessionName)) {
    throw usage('--role-session-name must be 2-64 characters of letters, digits and +=,.@_-', 'pick a shorter or simpler name');
  }
  if (options.sourceIdentity !== undefined && !SOURCE_IDENTITY.test(options.sourceIdentity)) {
    throw usage('--source-identity must be 2-64 characters of letters, digits and +=,.@_-', 'pick a shorter or simpler value');
  }
  if (options.externalId !== undefined && !EXTERNAL_ID.test(options.externalId)) {
    throw usage('--external-id must be 2-1224 characters of letters, digits and +=,.@:/_-', 'use the external id exactly as the role owner gave it');
  }
  if (options.mfaSerial !== undefined && !MFA_SERIAL.test(options.mfaSerial)) {
    throw usage('--mfa-serial must be an MFA device ARN (arn:aws:iam::123456789012:mfa/NAME) or a device serial', 'copy it from the IAM console, "Assigned MFA device"');
  }
  if (options.durationSeconds !== undefined) {
    const max = role !== undefined ? DURATION_LIMITS.role : DURATION_LIMITS.session;
    const seconds = options.durationSeconds;
    if (!Number.isInteger(seconds) || seconds < DURATION_LIMITS.min || seconds > max) {
      throw usage(
        `--duration must be between ${DURATION_LIMITS.min} and ${max} seconds for ${role !== undefined ? 'AssumeRole' : 'GetSessionToken'} (got ${seconds})`,
        'e.g. --duration 1h',
      );
    }
  }
  if (options.mfaCommand !== undefined && options.mfaCommand.trim() === '') {
    throw usage('--mfa-command is empty', 'give the command that prints the current MFA code');
  }
}

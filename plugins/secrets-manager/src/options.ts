import { CredentialError, parseArguments, type FieldOverrides, type ParseArgsInput } from '@cred-launch/core';
import { looksLikeArn, parseSecretArn } from './arn.js';

/** The parsed arguments of `cred-launch secrets-manager <secret-id> …`. */
export interface SecretsManagerOptions {
  /** The secret's name or ARN, as written. */
  secretId: string;
  /**
   * Region to call. @default the ARN's region, then `AWS_REGION`,
   * `AWS_DEFAULT_REGION`, then `region` of the profile in use
   */
  region?: string;
  /** Staging label to read. @default 'AWSCURRENT' (left to the service when no version is named) */
  versionStage?: string;
  /** Exact version to read, instead of a staging label. */
  versionId?: string;
  /** Dotted path of the nested JSON object holding the keys, e.g. `aws.ci`. @default the top-level object */
  jsonKey?: string;
  /** Section of an INI-formatted secret. @default 'default' */
  profile: string;
  /** Shared-config profile whose credentials call Secrets Manager. @default the AWS SDK default chain */
  sourceProfile?: string;
  /** Explicit field names for JSON or INI keys with unusual names. @default {} */
  overrides: FieldOverrides;
}

const NAME = 'secrets-manager';

const OPTIONS = {
  region: { type: 'string' },
  'version-stage': { type: 'string' },
  'version-id': { type: 'string' },
  'json-key': { type: 'string' },
  profile: { type: 'string' },
  'source-profile': { type: 'string' },
  'access-key-field': { type: 'string' },
  'secret-key-field': { type: 'string' },
  'session-token-field': { type: 'string' },
  'expiration-field': { type: 'string' },
} as const;

// Real region names: us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1.
const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/u;
// Profile names as the shared config files can hold them in a [section] header.
const PROFILE_NAME = /^[^\s[\]]+$/u;

function usageError(message: string): CredentialError {
  return new CredentialError('USAGE', `${NAME}: ${message}`, { hint: `see 'cred-launch ${NAME} --help'` });
}

function nonEmpty(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.trim() === '') throw usageError(`${flag} is empty`);
  return value;
}

/** Parses and checks the plugin's arguments; every mistake is a USAGE error, before any I/O. */
export function parseSecretsManagerArgs({ argv }: ParseArgsInput): SecretsManagerOptions {
  const { values, positionals } = parseArguments(argv, { name: NAME, options: OPTIONS, positionals: { min: 1, max: 1 } });
  const secretId = positionals[0] ?? '';
  if (secretId.trim() === '') throw usageError('the secret id is empty');
  if (secretId.length > 2048) throw usageError('the secret id is longer than 2048 characters');
  const region = nonEmpty(values.region, '--region');
  if (region !== undefined && !REGION.test(region)) {
    throw usageError(`--region must be a region name like eu-west-1 (got "${region}")`);
  }
  if (looksLikeArn(secretId)) {
    const arn = parseSecretArn(secretId);
    if (arn === undefined) {
      throw usageError('the secret ARN is malformed; expected arn:aws:secretsmanager:<region>:<account-id>:secret:<name>');
    }
    if (region !== undefined && region !== arn.region) {
      throw usageError(`the secret ARN is in ${arn.region} but --region says ${region}; drop --region or fix the ARN`);
    }
  }
  const versionStage = nonEmpty(values['version-stage'], '--version-stage');
  const versionId = nonEmpty(values['version-id'], '--version-id');
  if (versionStage !== undefined && versionId !== undefined) {
    throw usageError('give either --version-stage or --version-id, not both');
  }
  if (versionStage !== undefined && versionStage.length > 256) throw usageError('--version-stage is longer than 256 characters');
  if (versionId !== undefined && (versionId.length < 32 || versionId.length > 64)) {
    throw usageError('--version-id must be 32 to 64 characters (a version UUID)');
  }
  const jsonKey = nonEmpty(values['json-key'], '--json-key');
  const profile = nonEmpty(values.profile, '--profile') ?? 'default';
  const sourceProfile = nonEmpty(values['source-profile'], '--source-profile');
  if (sourceProfile !== undefined && !PROFILE_NAME.test(sourceProfile)) {
    throw usageError(`--source-profile must be a profile name without spaces or brackets (got "${sourceProfile}")`);
  }
  const overrides: FieldOverrides = {};
  const fields: Array<[keyof typeof OPTIONS, keyof FieldOverrides]> = [
    ['access-key-field', 'accessKeyId'],
    ['secret-key-field', 'secretAccessKey'],
    ['session-token-field', 'sessionToken'],
    ['expiration-field', 'expiration'],
  ];
  for (const [flag, field] of fields) {
    const value = nonEmpty(values[flag], `--${flag}`);
    if (value !== undefined) overrides[field] = value;
  }

  const options: SecretsManagerOptions = { secretId, profile, overrides };
  if (region !== undefined) options.region = region;
  if (versionStage !== undefined) options.versionStage = versionStage;
  if (versionId !== undefined) options.versionId = versionId;
  if (jsonKey !== undefined) options.jsonKey = jsonKey;
  if (sourceProfile !== undefined) options.sourceProfile = sourceProfile;
  return options;
}

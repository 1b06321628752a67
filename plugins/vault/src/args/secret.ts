import { parseDurationSeconds, type FieldOverrides } from '@cred-launch/core';
import type { EngineChoice, SecretOptions } from '../options.js';
import { usage } from './errors.js';
import { refuseDotSegments } from './path-escape.js';

/** Flags that say what to read. */
export const SECRET_FLAGS = {
  mount: { type: 'string' },
  engine: { type: 'string' },
  'kv-version': { type: 'string' },
  /** The old spelling of --kv-version, kept working (it read like the launcher's --version). */
  version: { type: 'string' },
  'access-key-field': { type: 'string' },
  'secret-key-field': { type: 'string' },
  'session-token-field': { type: 'string' },
  'expiration-field': { type: 'string' },
  ttl: { type: 'string' },
  'role-arn': { type: 'string' },
  'role-session-name': { type: 'string' },
  'mfa-code': { type: 'string' },
} as const;

/** The parsed values of {@link SECRET_FLAGS}. */
export interface SecretFlagValues {
  mount?: string;
  engine?: string;
  'kv-version'?: string;
  version?: string;
  'access-key-field'?: string;
  'secret-key-field'?: string;
  'session-token-field'?: string;
  'expiration-field'?: string;
  ttl?: string;
  'role-arn'?: string;
  'role-session-name'?: string;
  'mfa-code'?: string;
}

const ENGINES: readonly EngineChoice[] = ['auto', 'kv1', 'kv2', 'aws'];
/** `<mount>/creds/<role>`, `<mount>/sts/<role>` or `<mount>/static-creds/<role>` (the mount may be nested). */
export const AWS_PATH = /^(.+\/)(creds|sts|static-creds)\/([^/]+)$/u;

function trimSlashes(text: string): string {
  return text.trim().replace(/^\/+|\/+$/gu, '');
}

function fieldOverrides(values: SecretFlagValues): FieldOverrides {
  const fields: FieldOverrides = {};
  const pairs = [
    ['access-key-field', 'accessKeyId'],
    ['secret-key-field', 'secretAccessKey'],
    ['session-token-field', 'sessionToken'],
    ['expiration-field', 'expiration'],
  ] as const;
  for (const [flag, field] of pairs) {
    const value = values[flag];
    if (value === undefined) continue;
    if (value.trim() === '') throw usage(`--${flag} is empty`);
    fields[field] = value.trim();
  }
  return fields;
}

/** What to read, from the positional path and the secret flags. */
export function parseSecret(positional: string, values: SecretFlagValues): SecretOptions {
  const engine = (values.engine ?? 'auto') as EngineChoice;
  if (!ENGINES.includes(engine)) throw usage(`--engine must be one of ${ENGINES.join(', ')} (got "${values.engine}")`);
  const relative = trimSlashes(positional);
  if (relative === '') throw usage('the secret path is empty', "write it as `vault kv get` takes it, e.g. 'secret/aws/dev'");
  refuseDotSegments(relative, 'the secret path');
  let mount: string | undefined;
  if (values.mount !== undefined) {
    const trimmed = trimSlashes(values.mount);
    if (trimmed === '') throw usage('--mount is empty');
    refuseDotSegments(trimmed, '--mount');
    mount = `${trimmed}/`;
  }
  const path = mount ? `${mount}${relative}` : relative;
  const secret: SecretOptions = { path, engine, fields: fieldOverrides(values), aws: {} };
  if (mount) secret.mount = mount;

  if (values['kv-version'] !== undefined && values.version !== undefined) throw usage('give --kv-version once (--version is its old spelling)');
  const kvVersion = values['kv-version'] ?? values.version;
  if (kvVersion !== undefined) {
    if (!/^\d+$/u.test(kvVersion) || Number(kvVersion) < 1) throw usage(`--kv-version must be a positive whole number (got "${kvVersion}")`);
    if (engine === 'kv1' || engine === 'aws') throw usage(`--kv-version reads a KV v2 version; it does not apply to --engine ${engine}`);
    secret.version = Number(kvVersion);
  }

  const awsFlags = (['ttl', 'role-arn', 'role-session-name', 'mfa-code'] as const).filter((flag) => values[flag] !== undefined);
  if (awsFlags.length > 0 && (engine === 'kv1' || engine === 'kv2')) {
    throw usage(`--${awsFlags[0]} applies to the AWS secrets engine, not to --engine ${engine}`);
  }
  if (values.ttl !== undefined) {
    const seconds = parseDurationSeconds(values.ttl, 'vault: --ttl');
    if (seconds < 1) throw usage('--ttl must be at least 1s');
    secret.aws.ttlSeconds = Math.round(seconds);
  }
  if (values['role-arn'] !== undefined) {
    if (!/^arn:[^:]+:iam::\d{12}:role\/.+$/u.test(values['role-arn'].trim())) throw usage(`--role-arn is not an IAM role ARN: "${values['role-arn']}"`);
    secret.aws.roleArn = values['role-arn'].trim();
  }
  if (values['role-session-name'] !== undefined) {
    if (!/^[\w+=,.@-]{2,64}$/u.test(values['role-session-name'])) {
      throw usage('--role-session-name must be 2 to 64 characters of letters, digits and +=,.@_-');
    }
    secret.aws.roleSessionName = values['role-session-name'];
  }
  if (values['mfa-code'] !== undefined) {
    // STS TokenCode: six digits (AWS's documented pattern [\d]*, 6 characters).
    if (!/^\d{6}$/u.test(values['mfa-code'].trim())) throw usage('--mfa-code must be the six-digit code of the MFA device');
    secret.aws.mfaCode = values['mfa-code'].trim();
  }

  if (engine === 'kv2' && !mount) {
    throw usage(
      '--engine kv2 needs --mount (where the engine is mounted), to know where to insert data/',
      'e.g. --engine kv2 --mount secret aws/dev, or leave --engine out to ask Vault',
    );
  }
  if (engine === 'aws') {
    const match = AWS_PATH.exec(path);
    if (!match) throw usage(`with --engine aws, name the role as <mount>/creds/<role> or <mount>/sts/<role> (got "${path}")`);
    if (mount && match[1] !== mount) throw usage(`the path "${relative}" must be creds/<role> or sts/<role> under --mount ${mount}`);
    secret.mount = match[1] as string;
  }
  return secret;
}

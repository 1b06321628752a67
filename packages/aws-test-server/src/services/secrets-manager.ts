import { createHash, randomUUID } from 'node:crypto';
import { AMZ_JSON_1_1, jsonErrorResponse, jsonResponse, parseJsonBody } from '../json-protocol.js';
import { AwsServiceError, type IncomingRequest, type ServiceHandler, type ServiceResponse, type SignatureFailureReason, type VerifiedRequest } from '../types.js';

/** One version of a stored secret. Exactly one of `secretString` / `secretBinary`. */
export interface SecretVersionFixture {
  /** @default a random UUID */
  versionId?: string;
  /** Staging labels attached to this version. @default ['AWSCURRENT'] for the first version, [] otherwise */
  stages?: string[];
  secretString?: string;
  /** Raw bytes; sent base64-encoded on the wire, as AWS does. */
  secretBinary?: Uint8Array;
  /** @default the time the fixture was added */
  createdDate?: Date;
}

/** A secret the fake service holds. */
export interface SecretFixture {
  name: string;
  /** Region the secret lives in; requests signed for another region do not see it. @default the service's default region */
  region?: string;
  /** Versions; a shortcut `secretString`/`secretBinary` makes a single AWSCURRENT version. */
  versions?: SecretVersionFixture[];
  secretString?: string;
  secretBinary?: Uint8Array;
  /** Access key ids allowed to read it; any other gets AccessDeniedException. @default every known key */
  readers?: string[];
  /** Simulates a KMS key the caller may not use: every read fails with DecryptionFailure. @default false */
  kmsDecryptFails?: boolean;
  /** Scheduled for deletion: reads fail with InvalidRequestException. @default false */
  deleted?: boolean;
}

/** Options for {@link createSecretsManager}. */
export interface SecretsManagerOptions {
  secrets?: SecretFixture[];
  /** Account id used in ARNs. @default '123456789012' */
  accountId?: string;
  /** Region of fixtures that do not name one. @default 'us-east-1' */
  defaultRegion?: string;
}

interface StoredVersion {
  versionId: string;
  stages: string[];
  secretString?: string;
  secretBinary?: Uint8Array;
  createdDate: Date;
}

interface StoredSecret {
  name: string;
  region: string;
  arn: string;
  versions: StoredVersion[];
  readers?: string[];
  kmsDecryptFails: boolean;
  deleted: boolean;
}

/** The Secrets Manager service of the test server, with its store. */
export interface SecretsManagerService extends ServiceHandler {
  /** Adds (or replaces) a secret; returns its ARN. */
  putSecret(fixture: SecretFixture): string;
  /** The ARN of a stored secret. */
  arnOf(name: string, region?: string): string;
}

const TARGET_PREFIX = 'secretsmanager.';

// Modelled Secrets Manager errors carry `Message`; front-end errors `message`.
const MODELLED_ERRORS: ReadonlySet<string> = new Set([
  'ResourceNotFoundException',
  'InvalidParameterException',
  'InvalidRequestException',
  'DecryptionFailure',
  'InternalServiceError',
  'AccessDeniedException',
]);

// AWS appends a hyphen and six random characters to a secret's name in its ARN.
function arnSuffix(name: string, region: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  const digest = createHash('sha256').update(`${region}/${name}`).digest();
  return Array.from(digest.subarray(0, 6), (byte) => alphabet[byte % alphabet.length]).join('');
}

function signatureError(reason: SignatureFailureReason, detail: string): AwsServiceError {
  switch (reason) {
    case 'missing':
      return new AwsServiceError('MissingAuthenticationTokenException', detail);
    case 'incomplete':
      return new AwsServiceError('IncompleteSignatureException', detail);
    case 'unknown-key':
    case 'bad-token':
      return new AwsServiceError('UnrecognizedClientException', detail);
    case 'expired-token':
      return new AwsServiceError('ExpiredTokenException', detail);
    case 'bad-signature':
    case 'stale-date':
    case 'wrong-scope':
      return new AwsServiceError('InvalidSignatureException', detail);
  }
}

function optionalString(body: Record<string, unknown>, field: string, min: number, max: number): string | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new AwsServiceError('SerializationException', `${field} must be a string.`);
  if (value.length < min || value.length > max) {
    throw new AwsServiceError(
      'ValidationException',
      `1 validation error detected: Value at '${field.charAt(0).toLowerCase()}${field.slice(1)}' failed to satisfy constraint: Member must have length between ${min} and ${max}`,
    );
  }
  return value;
}

/**
 * Secrets Manager over the AWS JSON 1.1 protocol: `POST /` with
 * `X-Amz-Target: secretsmanager.<Operation>`. Implements GetSecretValue
 * (SecretString, SecretBinary, version ids and staging labels, ARNs and
 * partial ARNs, per-region stores) and its documented errors.
 */
export function createSecretsManager(options: SecretsManagerOptions = {}): SecretsManagerService {
  const accountId = options.accountId ?? '123456789012';
  const defaultRegion = options.defaultRegion ?? 'us-east-1';
  const secrets = new Map<string, StoredSecret>();

  const arnFor = (name: string, region: string): string => `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-${arnSuffix(name, region)}`;

  const putSecret = (fixture: SecretFixture): string => {
    const region = fixture.region ?? defaultRegion;
    const now = new Date();
    const versionFixtures: SecretVersionFixture[] = fixture.versions ?? [{ secretString: fixture.secretString, secretBinary: fixture.secretBinary } as SecretVersionFixture];
    const versions = versionFixtures.map((version, index): StoredVersion => {
      const stored: StoredVersion = {
        versionId: version.versionId ?? randomUUID(),
        stages: version.stages ?? (index === 0 ? ['AWSCURRENT'] : []),
        createdDate: version.createdDate ?? now,
      };
      if (version.secretString !== undefined) stored.secretString = version.secretString;
      if (version.secretBinary !== undefined) stored.secretBinary = version.secretBinary;
      return stored;
    });
    const stored: StoredSecret = {
      name: fixture.name,
      region,
      arn: arnFor(fixture.name, region),
      versions,
      kmsDecryptFails: fixture.kmsDecryptFails ?? false,
      deleted: fixture.deleted ?? false,
    };
    if (fixture.readers !== undefined) stored.readers = fixture.readers;
    secrets.set(`${region}\n${fixture.name}`, stored);
    return stored.arn;
  };

  // SecretId is a name, a full ARN, or a partial ARN (without the 6-character suffix).
  const findSecret = (secretId: string, region: string): StoredSecret | undefined => {
    for (const secret of secrets.values()) {
      if (secret.region !== region) continue;
      if (secret.name === secretId || secret.arn === secretId) return secret;
      if (secretId.startsWith('arn:') && secret.arn === `${secretId}-${arnSuffix(secret.name, region)}`) return secret;
    }
    return undefined;
  };

  const getSecretValue = (request: VerifiedRequest, body: Record<string, unknown>): unknown => {
    const secretId = body.SecretId;
    if (typeof secretId !== 'string' || secretId === '') {
      throw new AwsServiceError('ValidationException', "1 validation error detected: Value null at 'secretId' failed to satisfy constraint: Member must not be null");
    }
    optionalString(body, 'SecretId', 1, 2048);
    const versionId = optionalString(body, 'VersionId', 32, 64);
    const versionStage = optionalString(body, 'VersionStage', 1, 256);
    const secret = findSecret(secretId, request.region);
    if (secret === undefined) {
      throw new AwsServiceError('ResourceNotFoundException', "Secrets Manager can't find the specified secret.");
    }
    if (secret.readers !== undefined && !secret.readers.includes(request.key.accessKeyId)) {
      const principal = request.key.principalArn ?? `arn:aws:iam::${accountId}:user/${request.key.accessKeyId}`;
      throw new AwsServiceError(
        'AccessDeniedException',
        `User: ${principal} is not authorized to perform: secretsmanager:GetSecretValue on resource: ${secretId} because no identity-based policy allows the secretsmanager:GetSecretValue action`,
      );
    }
    if (secret.deleted) {
      throw new AwsServiceError('InvalidRequestException', "You can't perform this operation on the secret because it was marked for deletion.");
    }
    const stage = versionStage ?? (versionId === undefined ? 'AWSCURRENT' : undefined);
    const version = secret.versions.find(
      (candidate) => (versionId === undefined || candidate.versionId === versionId) && (stage === undefined || candidate.stages.includes(stage)),
    );
    if (version === undefined) {
      const what = [versionId === undefined ? undefined : `VersionId: ${versionId}`, stage === undefined ? undefined : `staging label: ${stage}`].filter(Boolean).join(' and ');
      throw new AwsServiceError('ResourceNotFoundException', `Secrets Manager can't find the specified secret value for ${what}`);
    }
    if (secret.kmsDecryptFails) {
      throw new AwsServiceError('DecryptionFailure', "Secrets Manager can't decrypt the protected secret text using the provided KMS key.");
    }
    const response: Record<string, unknown> = { ARN: secret.arn, Name: secret.name, VersionId: version.versionId };
    if (version.secretString !== undefined) response.SecretString = version.secretString;
    if (version.secretBinary !== undefined) response.SecretBinary = Buffer.from(version.secretBinary).toString('base64');
    response.VersionStages = [...version.stages];
    // JSON 1.1 timestamps are epoch seconds (fractional), as the service sends them.
    response.CreatedDate = version.createdDate.getTime() / 1000;
    return response;
  };

  for (const fixture of options.secrets ?? []) putSecret(fixture);

  return {
    signingName: 'secretsmanager',
    claims(request: IncomingRequest): boolean {
      return (request.headers['x-amz-target'] ?? '').startsWith(TARGET_PREFIX);
    },
    operationOf(request: IncomingRequest): string | undefined {
      return request.headers['x-amz-target']?.slice(TARGET_PREFIX.length);
    },
    handle(request: VerifiedRequest): ServiceResponse {
      const requestId = randomUUID();
      if (request.method !== 'POST' || request.path !== '/') {
        throw new AwsServiceError('UnknownOperationException', 'Operations are POSTed to /.', 404);
      }
      const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim();
      if (contentType !== AMZ_JSON_1_1) {
        throw new AwsServiceError('SerializationException', `Expected Content-Type ${AMZ_JSON_1_1}.`);
      }
      const operation = request.headers['x-amz-target']?.slice(TARGET_PREFIX.length);
      const body = parseJsonBody(request.body);
      switch (operation) {
        case 'GetSecretValue':
          return jsonResponse(getSecretValue(request, body), requestId);
        default:
          throw new AwsServiceError('UnknownOperationException', `The test server does not implement ${operation ?? 'this operation'}.`);
      }
    },
    signatureError,
    renderError(error: AwsServiceError, requestId: string): ServiceResponse {
      return jsonErrorResponse(error, requestId, MODELLED_ERRORS.has(error.type) ? 'Message' : 'message');
    },
    putSecret,
    arnOf(name: string, region: string = defaultRegion): string {
      return arnFor(name, region);
    },
  };
}

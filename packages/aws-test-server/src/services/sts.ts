import { randomBytes, randomUUID } from 'node:crypto';
import { AwsServiceError, type IncomingRequest, type ServiceHandler, type ServiceResponse, type SignatureFailureReason, type TestKeyPair, type VerifiedRequest } from '../types.js';
import { queryErrorResponse, queryParameters, queryResponse, STS_VERSION } from './sts-protocol.js';
import { matchingStep, type MfaDeviceFixture } from './sts-totp.js';

/** A role the fake STS lets callers assume. */
export interface RoleFixture {
  /** `arn:aws:iam::<account>:role/<name>`. */
  arn: string;
  /** Access key ids of the IAM users its trust policy allows (their sessions count too). */
  trustedKeyIds: string[];
  /** `sts:ExternalId` condition: AssumeRole must send exactly this. */
  externalId?: string;
  /** `aws:MultiFactorAuthPresent` condition: an MFA code in the call, or a caller session made with MFA. @default false */
  requireMfa?: boolean;
  /** The role's MaxSessionDuration. @default 3600 */
  maxSessionDuration?: number;
}

/** Options for {@link createSts}. */
export interface StsServiceOptions {
  /**
   * The very array given to `startAwsTestServer({ keys })`: credentials the
   * service issues are appended to it, so the server accepts them on later
   * requests (to STS itself or any other hosted service), as AWS would.
   */
  keys: TestKeyPair[];
  roles?: RoleFixture[];
  mfaDevices?: MfaDeviceFixture[];
  /** Access key ids whose GetSessionToken must carry a valid MFA code (an IAM policy demanding MFA). @default [] */
  requireMfaForSession?: string[];
  /** Accepted TOTP steps either side of the current one. @default 1 */
  mfaWindow?: number;
  /** Each code is accepted once per device, as RFC 6238 §5.2 requires. @default true */
  rejectReusedCodes?: boolean;
  /** Account id in user ARNs. @default '123456789012' */
  accountId?: string;
  /** Clock for MFA checks and Expiration (SigV4 dates are checked by the server's own clock). @default () => new Date() */
  now?: () => Date;
  /**
   * Test hook, not AWS behaviour: rewrites the `Credentials` element of every
   * GetSessionToken/AssumeRole answer (after the keys were issued), to play a
   * broken or hostile STS endpoint, e.g. an AccessKeyId holding a newline
   * (sent as `&#10;`) or an Expiration in the past. @default none
   */
  tamperCredentials?: (credentials: Readonly<StsCredentialsElement>) => StsCredentialsElement;
}

/** The `Credentials` element of an STS answer, as sent. */
export interface StsCredentialsElement {
  AccessKeyId: string;
  SecretAccessKey: string;
  SessionToken: string;
  Expiration: string;
}

/** Credentials the fake STS issued, for assertions. */
export interface IssuedCredentials {
  action: 'GetSessionToken' | 'AssumeRole';
  accessKeyId: string;
  /** The long-term key id of the IAM user behind the call. */
  userKeyId: string;
  roleArn?: string;
  roleSessionName?: string;
  externalId?: string;
  sourceIdentity?: string;
  durationSeconds: number;
  expiration: Date;
  /** True when an MFA code was checked for this call or its caller session. */
  mfaAuthenticated: boolean;
  /** Region from the request's credential scope. */
  region: string;
}

/** The STS service of the test server. */
export interface StsService extends ServiceHandler {
  /** Every set of credentials issued, in order. */
  readonly issued: IssuedCredentials[];
  /** Verified requests per action (`GetSessionToken`, `AssumeRole`, `GetCallerIdentity`), counted before any service error. */
  readonly counts: Record<string, number>;
  /** Sum of {@link counts}. */
  requestCount(): number;
}

const ACTIONS: ReadonlySet<string> = new Set(['GetSessionToken', 'AssumeRole', 'GetCallerIdentity']);
const MFA_INVALID = 'MultiFactorAuthentication failed with invalid MFA one time pass code.';
const MFA_UNKNOWN = 'MultiFactorAuthentication failed, unable to validate MFA code. Please verify your MFA serial number is valid and associated with this user.';
const NAME_PATTERN = /^[\w+=,.@-]*$/u;

function signatureError(reason: SignatureFailureReason, detail: string): AwsServiceError {
  switch (reason) {
    case 'missing':
      return new AwsServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    case 'incomplete':
      return new AwsServiceError('IncompleteSignature', detail, 403);
    case 'unknown-key':
    case 'bad-token':
      return new AwsServiceError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    case 'expired-token':
      return new AwsServiceError('ExpiredToken', 'The security token included in the request is expired', 400);
    case 'bad-signature':
    case 'stale-date':
    case 'wrong-scope':
      return new AwsServiceError('SignatureDoesNotMatch', detail, 403);
  }
}

function validation(member: string, constraint: string, value: string | undefined): AwsServiceError {
  const shown = value === undefined ? 'null' : `'${value}'`;
  return new AwsServiceError('ValidationError', `1 validation error detected: Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`, 400);
}

function checkLength(member: string, value: string | undefined, min: number, max: number, pattern?: RegExp): void {
  if (value === undefined) return;
  if (value.length < min || value.length > max) throw validation(member, `Member must have length between ${min} and ${max}`, value);
  if (pattern && !pattern.test(value)) throw validation(member, `Member must satisfy regular expression pattern: ${pattern.source}`, value);
}

function parseDuration(text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isInteger(seconds)) throw new AwsServiceError('MalformedInput', `Invalid value for DurationSeconds: ${text}`, 400);
  if (seconds < min) throw validation('durationSeconds', `Member must have value greater than or equal to ${min}`, text);
  if (seconds > max) throw validation('durationSeconds', `Member must have value less than or equal to ${max}`, text);
  return seconds;
}

function randomId(prefix: string, length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return prefix + Array.from(randomBytes(length), (byte) => alphabet[byte % alphabet.length]).join('');
}

/** AWS writes Expiration with milliseconds and a Z. */
function isoTime(date: Date): string {
  return date.toISOString();
}

/**
 * A fake AWS STS speaking the query protocol (form POST `Action=…&Version=2011-06-15`,
 * XML answers) for GetSessionToken, AssumeRole and GetCallerIdentity. It
 * checks which keys signed (through the server's SigV4 check), MFA codes
 * against device seeds (±1 step, each code once), role trust, external ids
 * and durations, and issues credentials the server then accepts. Not AWS.
 */
export function createSts(options: StsServiceOptions): StsService {
  const now = options.now ?? (() => new Date());
  const accountId = options.accountId ?? '123456789012';
  const roles = options.roles ?? [];
  const devices = options.mfaDevices ?? [];
  const window = options.mfaWindow ?? 1;
  const rejectReused = options.rejectReusedCodes ?? true;
  const usedSteps = new Map<string, Set<number>>();
  const issued: IssuedCredentials[] = [];
  const counts: Record<string, number> = {};

  /** The long-term user key behind a key (itself, or the user a session was issued to), and whether MFA was used. */
  const identityOf = (key: TestKeyPair): { userKeyId: string; mfa: boolean; roleArn?: string } => {
    const grant = issued.find((entry) => entry.accessKeyId === key.accessKeyId);
    if (!grant) return { userKeyId: key.accessKeyId, mfa: false };
    return { userKeyId: grant.userKeyId, mfa: grant.mfaAuthenticated, ...(grant.roleArn !== undefined ? { roleArn: grant.roleArn } : {}) };
  };

  const principalArn = (key: TestKeyPair, identity: { userKeyId: string; roleArn?: string }): string => {
    if (key.principalArn) return key.principalArn;
    const grant = issued.find((entry) => entry.accessKeyId === key.accessKeyId);
    if (grant?.roleArn) {
      const [prefix, name] = grant.roleArn.split(':role/');
      return `${prefix?.replace(':iam:', ':sts:')}:assumed-role/${name}/${grant.roleSessionName}`;
    }
    return `arn:aws:iam::${accountId}:user/user-${identity.userKeyId.slice(-6).toLowerCase()}`;
  };

  /** Checks SerialNumber/TokenCode; returns true when a valid code was given. */
  const checkMfa = (params: Record<string, string>, userKeyId: string): boolean => {
    const serial = params.SerialNumber;
    const code = params.TokenCode;
    if (serial === undefined && code === undefined) return false;
    checkLength('serialNumber', serial, 9, 256, /^[\w+=/:,.@-]*$/u);
    if (code !== undefined && !/^\d{6}$/u.test(code)) throw validation('tokenCode', 'Member must satisfy regular expression pattern: [\\d]*', code);
    if (serial === undefined || code === undefined) throw new AwsServiceError('AccessDenied', MFA_INVALID, 403);
    const device = devices.find((candidate) => candidate.serial === serial);
    if (!device || !device.ownerKeyIds.includes(userKeyId)) throw new AwsServiceError('AccessDenied', MFA_UNKNOWN, 403);
    const step = matchingStep(device.seed, code, now(), device.period ?? 30, window);
    if (step === undefined) throw new AwsServiceError('AccessDenied', MFA_INVALID, 403);
    const used = usedSteps.get(serial) ?? new Set<number>();
    if (rejectReused && used.has(step)) throw new AwsServiceError('AccessDenied', MFA_INVALID, 403);
    used.add(step);
    usedSteps.set(serial, used);
    return true;
  };

  const issue = (grant: Omit<IssuedCredentials, 'accessKeyId' | 'expiration'>): { credentials: StsCredentialsElement; entry: IssuedCredentials } => {
    const expiration = new Date(now().getTime() + grant.durationSeconds * 1000);
    const key: TestKeyPair = {
      accessKeyId: randomId('ASIA', 16),
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: `FwoGZXIvYXdzE${randomBytes(96).toString('base64')}`,
    };
    options.keys.push(key);
    const entry: IssuedCredentials = { ...grant, accessKeyId: key.accessKeyId, expiration };
    issued.push(entry);
    const credentials: StsCredentialsElement = {
      AccessKeyId: key.accessKeyId,
      SecretAccessKey: key.secretAccessKey,
      SessionToken: key.sessionToken!,
      Expiration: isoTime(expiration),
    };
    return { credentials: options.tamperCredentials ? options.tamperCredentials(credentials) : credentials, entry };
  };

  const getSessionToken = (request: VerifiedRequest, params: Record<string, string>, requestId: string): ServiceResponse => {
    if (request.key.sessionToken !== undefined) {
      throw new AwsServiceError('AccessDenied', 'Cannot call GetSessionToken with session credentials', 403);
    }
    const duration = parseDuration(params.DurationSeconds, 900, 129_600) ?? 43_200;
    const userKeyId = request.key.accessKeyId;
    const mfa = checkMfa(params, userKeyId);
    if (!mfa && (options.requireMfaForSession ?? []).includes(userKeyId)) {
      throw new AwsServiceError(
        'AccessDenied',
        `User: ${principalArn(request.key, { userKeyId })} is not authorized to perform: sts:GetSessionToken with an explicit deny in an identity-based policy`,
        403,
      );
    }
    const { credentials } = issue({ action: 'GetSessionToken', userKeyId, durationSeconds: duration, mfaAuthenticated: mfa, region: request.region });
    return queryResponse('GetSessionToken', { Credentials: credentials }, requestId);
  };

  const assumeRole = (request: VerifiedRequest, params: Record<string, string>, requestId: string): ServiceResponse => {
    const roleArn = params.RoleArn;
    const sessionName = params.RoleSessionName;
    if (roleArn === undefined) throw validation('roleArn', 'Member must not be null', undefined);
    if (sessionName === undefined) throw validation('roleSessionName', 'Member must not be null', undefined);
    checkLength('roleArn', roleArn, 20, 2048);
    checkLength('roleSessionName', sessionName, 2, 64, NAME_PATTERN);
    checkLength('externalId', params.ExternalId, 2, 1224, /^[\w+=,.@:/-]*$/u);
    checkLength('sourceIdentity', params.SourceIdentity, 2, 64, NAME_PATTERN);
    const duration = parseDuration(params.DurationSeconds, 900, 43_200);
    const identity = identityOf(request.key);
    const denied = (): AwsServiceError =>
      new AwsServiceError('AccessDenied', `User: ${principalArn(request.key, identity)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`, 403);
    const role = roles.find((candidate) => candidate.arn === roleArn);
    // AWS answers an unknown role, an untrusted caller and an unmet condition alike.
    if (!role || identity.roleArn !== undefined || !role.trustedKeyIds.includes(identity.userKeyId)) throw denied();
    if (role.externalId !== undefined && params.ExternalId !== role.externalId) throw denied();
    const mfa = checkMfa(params, identity.userKeyId) || identity.mfa;
    if (role.requireMfa === true && !mfa) throw denied();
    const maxDuration = role.maxSessionDuration ?? 3600;
    if (duration !== undefined && duration > maxDuration) {
      throw new AwsServiceError('ValidationError', 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.', 400);
    }
    const { credentials, entry } = issue({
      action: 'AssumeRole',
      userKeyId: identity.userKeyId,
      roleArn,
      roleSessionName: sessionName,
      ...(params.ExternalId !== undefined ? { externalId: params.ExternalId } : {}),
      ...(params.SourceIdentity !== undefined ? { sourceIdentity: params.SourceIdentity } : {}),
      durationSeconds: duration ?? 3600,
      mfaAuthenticated: mfa,
      region: request.region,
    });
    const [prefix, roleName] = roleArn.split(':role/');
    const roleId = randomId('AROA', 16);
    return queryResponse(
      'AssumeRole',
      {
        SourceIdentity: entry.sourceIdentity,
        AssumedRoleUser: {
          AssumedRoleId: `${roleId}:${sessionName}`,
          Arn: `${prefix?.replace(':iam:', ':sts:')}:assumed-role/${roleName}/${sessionName}`,
        },
        Credentials: credentials,
      },
      requestId,
    );
  };

  const getCallerIdentity = (request: VerifiedRequest, requestId: string): ServiceResponse => {
    const identity = identityOf(request.key);
    const arn = principalArn(request.key, identity);
    return queryResponse('GetCallerIdentity', { Arn: arn, UserId: identity.userKeyId, Account: arn.split(':')[4] ?? accountId }, requestId);
  };

  return {
    signingName: 'sts',
    issued,
    counts,
    requestCount: () => Object.values(counts).reduce((total, count) => total + count, 0),
    claims(request: IncomingRequest): boolean {
      if (request.headers['x-amz-target'] !== undefined) return false;
      const params = queryParameters(request);
      return params.Version === STS_VERSION || (params.Action !== undefined && ACTIONS.has(params.Action));
    },
    operationOf(request: IncomingRequest): string | undefined {
      return queryParameters(request).Action;
    },
    signatureError,
    renderError(error: AwsServiceError, requestId: string): ServiceResponse {
      return queryErrorResponse(error, requestId);
    },
    handle(request: VerifiedRequest): ServiceResponse {
      const params = queryParameters(request);
      const action = params.Action ?? '';
      const requestId = randomUUID();
      if (params.Version !== STS_VERSION)
        throw new AwsServiceError('InvalidAction', `Could not find operation ${action} for version ${params.Version ?? 'NO_VERSION_SPECIFIED'}`, 400);
      if (!ACTIONS.has(action)) throw new AwsServiceError('InvalidAction', `Could not find operation ${action} for version ${STS_VERSION}`, 400);
      counts[action] = (counts[action] ?? 0) + 1;
      if (action === 'GetSessionToken') return getSessionToken(request, params, requestId);
      if (action === 'AssumeRole') return assumeRole(request, params, requestId);
      return getCallerIdentity(request, requestId);
    },
  };
}

import { parseArguments, type ParseArgsInput } from '@cred-launch/core';
import { parseArn, type ParsedArn } from './arn.js';
import { PLUGIN_NAME, rolesAnywhereError } from './errors.js';

/** What `cred-launch roles-anywhere …` was asked to do, validated, before any I/O. */
export interface RolesAnywhereOptions {
  /** `--certificate`: the end-entity certificate file (PEM or DER); its serial number names the request. */
  certificate: string;
  /** `--private-key`: the certificate's private key (PEM: PKCS#1, SEC1 or PKCS#8, optionally encrypted). */
  privateKey: string;
  /** `--private-key-passphrase-file`: first line = passphrase of an encrypted key; mode 600 and yours. @default none: an encrypted key is refused */
  privateKeyPassphraseFile?: string;
  /** `--intermediates`: PEM bundle of intermediate CA certificates, sent as `X-Amz-X509-Chain`. @default none */
  intermediates?: string;
  /** `--trust-anchor-arn`. */
  trustAnchorArn: string;
  /** `--profile-arn`. */
  profileArn: string;
  /** `--role-arn`: the role to assume; it must be one of the profile's roles. */
  roleArn: string;
  /** `--session-duration`, seconds, 900–43200, as `aws_signing_helper`. @default 3600 */
  sessionDurationSeconds: number;
  /** `--region`. @default the trust anchor ARN's region, else AWS_REGION, else AWS_DEFAULT_REGION */
  region?: string;
  /** `--endpoint`: CreateSession endpoint URL. @default AWS_ENDPOINT_URL_ROLESANYWHERE, AWS_ENDPOINT_URL, else https://rolesanywhere.REGION.amazonaws.com */
  endpoint?: string;
  /** `--role-session-name`. @default none: the service names the session after the certificate's serial number */
  roleSessionName?: string;
  /** The trust anchor ARN, parsed (its region is a fallback for `region`). */
  trustAnchor: ParsedArn;
}

/** Default session length of `aws_signing_helper credential-process`. */
export const DEFAULT_SESSION_SECONDS = 3600;
/** Range CreateSession accepts for `durationSeconds`. */
export const MIN_SESSION_SECONDS = 900;
export const MAX_SESSION_SECONDS = 43_200;

const OPTIONS = {
  certificate: { type: 'string' },
  'private-key': { type: 'string' },
  'private-key-passphrase-file': { type: 'string' },
  intermediates: { type: 'string' },
  'trust-anchor-arn': { type: 'string' },
  'profile-arn': { type: 'string' },
  'role-arn': { type: 'string' },
  'session-duration': { type: 'string' },
  region: { type: 'string' },
  endpoint: { type: 'string' },
  'role-session-name': { type: 'string' },
  // aws_signing_helper flags a converted line may carry:
  debug: { type: 'boolean' },
  'pkcs8-password': { type: 'string' },
  'no-verify-ssl': { type: 'boolean' },
  'with-proxy': { type: 'boolean' },
  'cert-selector': { type: 'string' },
  'system-store-name': { type: 'string' },
  'use-latest-expiring-certificate': { type: 'boolean' },
  'pkcs11-lib': { type: 'string' },
  'reuse-pin': { type: 'boolean' },
  'tpm-key-password': { type: 'string' },
  'no-tpm-key-password': { type: 'boolean' },
} as const;

/** aws_signing_helper flags for key stores this plugin does not read, with what to do instead. */
const UNSUPPORTED: ReadonlyArray<readonly [keyof typeof OPTIONS, string]> = [
  ['cert-selector', 'certificate stores are not supported: export the certificate and key to files and use --certificate and --private-key'],
  ['system-store-name', 'certificate stores are not supported: export the certificate and key to files and use --certificate and --private-key'],
  ['use-latest-expiring-certificate', 'certificate stores are not supported: use --certificate and --private-key'],
  ['pkcs11-lib', 'PKCS#11 tokens are not supported: keep using aws_signing_helper for them'],
  ['reuse-pin', 'PKCS#11 tokens are not supported: keep using aws_signing_helper for them'],
  ['tpm-key-password', 'TPM keys are not supported: keep using aws_signing_helper for them'],
  ['no-tpm-key-password', 'TPM keys are not supported: keep using aws_signing_helper for them'],
  ['pkcs8-password', 'a password in argv is visible to every user in `ps`: put it on the first line of a mode-600 file and pass --private-key-passphrase-file'],
  ['no-verify-ssl', 'TLS verification cannot be switched off; for a private CA set NODE_EXTRA_CA_CERTS to its PEM file'],
  ['with-proxy', 'proxies are not supported yet: reach the endpoint directly or through --endpoint'],
];

const ROLE_SESSION_NAME = /^[\w+=,.@-]{2,64}$/u;

function usage(message: string, hint?: string): Error {
  return rolesAnywhereError('USAGE', message, hint ?? `see 'cred-launch ${PLUGIN_NAME} --help'`);
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value.trim() === '') throw usage(`${flag} is required`);
  return value;
}

function sessionSeconds(text: string | undefined): number {
  if (text === undefined) return DEFAULT_SESSION_SECONDS;
  if (!/^\d+$/u.test(text.trim())) throw usage(`--session-duration must be a whole number of seconds (got "${text}")`);
  const seconds = Number(text.trim());
  if (seconds < MIN_SESSION_SECONDS || seconds > MAX_SESSION_SECONDS) {
    throw usage(
      `--session-duration must be between ${MIN_SESSION_SECONDS} and ${MAX_SESSION_SECONDS} seconds (got ${seconds})`,
      'the profile may allow less: see its durationSeconds',
    );
  }
  return seconds;
}

function endpointUrl(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw usage(`--endpoint is not a URL: "${text}"`, 'e.g. --endpoint https://rolesanywhere.eu-west-1.amazonaws.com');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw usage(`--endpoint must be an http(s) URL (got "${text}")`);
  return text;
}

/**
 * Parses the flags of `aws_signing_helper credential-process` (file-based
 * keys), so an existing credential_process line converts by changing the
 * program name. Flags for certificate stores, PKCS#11 and TPM are refused
 * with what to do instead, rather than silently ignored.
 */
export function parseRolesAnywhereArgs({ argv }: ParseArgsInput): RolesAnywhereOptions {
  const { values } = parseArguments(argv, { name: PLUGIN_NAME, options: OPTIONS });
  for (const [flag, why] of UNSUPPORTED) {
    if (values[flag] !== undefined && values[flag] !== false) throw usage(`--${flag} is not supported`, why);
  }
  const certificate = required(values.certificate, '--certificate');
  const privateKey = required(values['private-key'], '--private-key');
  const trustAnchorArn = required(values['trust-anchor-arn'], '--trust-anchor-arn');
  const profileArn = required(values['profile-arn'], '--profile-arn');
  const roleArn = required(values['role-arn'], '--role-arn');
  const trustAnchor = parseArn(trustAnchorArn, '--trust-anchor-arn', 'rolesanywhere', 'trust-anchor/');
  const profile = parseArn(profileArn, '--profile-arn', 'rolesanywhere', 'profile/');
  parseArn(roleArn, '--role-arn', 'iam', 'role/');
  if (trustAnchor.region !== profile.region) {
    throw usage(
      `the trust anchor (${trustAnchor.region || 'no region'}) and the profile (${profile.region || 'no region'}) are in different regions`,
      'use the trust anchor and profile of one region',
    );
  }
  const roleSessionName = values['role-session-name'];
  if (roleSessionName !== undefined && !ROLE_SESSION_NAME.test(roleSessionName)) {
    throw usage(`--role-session-name must be 2-64 characters of letters, digits and +=,.@_- (got "${roleSessionName}")`);
  }
  const region = values.region;
  if (region !== undefined && !/^[a-z]{2}(-[a-z0-9]+)+-\d+$/u.test(region)) throw usage(`--region is not a region name: "${region}"`, 'e.g. --region eu-west-1');
  const passphraseFile = values['private-key-passphrase-file'];
  const intermediates = values.intermediates;
  const endpoint = endpointUrl(values.endpoint);
  return {
    certificate,
    privateKey,
    ...(passphraseFile === undefined ? {} : { privateKeyPassphraseFile: required(passphraseFile, '--private-key-passphrase-file') }),
    ...(intermediates === undefined ? {} : { intermediates: required(intermediates, '--intermediates') }),
    trustAnchorArn,
    profileArn,
    roleArn,
    sessionDurationSeconds: sessionSeconds(values['session-duration']),
    ...(region === undefined ? {} : { region }),
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(roleSessionName === undefined ? {} : { roleSessionName }),
    trustAnchor,
  };
}

import { CredentialError, parseArguments, type ParseArgsInput, type SourceEnv } from '@cred-launch/core';
import { fieldReference, referenceAttribute, referenceSyntaxProblem } from './references.js';

/** The credential fields this plugin can fill, in the order they are resolved. */
export type OnePasswordField = 'accessKeyId' | 'secretAccessKey' | 'sessionToken' | 'mfaSerial' | 'mfaTotpSeed';

/** One secret reference to resolve and the credential field it fills. */
export interface FieldRequest {
  readonly field: OnePasswordField;
  /** The full `op://…` reference (never a value). */
  readonly reference: string;
  /**
   * Whether a missing field fails the call. The access key id and secret are
   * always required; the others are required only when the user named them.
   */
  readonly required: boolean;
}

/** How to authenticate to 1Password, decided from flags and environment. */
export type AuthPlan =
  | { readonly kind: 'token-file'; readonly path: string }
  | { readonly kind: 'desktop'; readonly account: string; readonly from: '--account' | 'OP_ACCOUNT' }
  | { readonly kind: 'token-env' }
  | { readonly kind: 'none' };

/** What parseArgs returns: everything getCredentials needs, already checked. */
export interface OnePasswordArgs {
  /** The item reference (`op://vault/item`), when one was given. */
  readonly item: string | undefined;
  readonly fields: readonly FieldRequest[];
  readonly auth: AuthPlan;
}

interface FieldSpec {
  readonly field: OnePasswordField;
  /** Flag stem: `--<stem>-field` and `--<stem>-ref`. */
  readonly stem: string;
  readonly defaultLabel: string;
  readonly required: boolean;
}

/** Default field labels, as the README tells users to name them in the item. */
export const DEFAULT_LABELS: Readonly<Record<OnePasswordField, string>> = {
  accessKeyId: 'access key id',
  secretAccessKey: 'secret access key',
  sessionToken: 'session token',
  mfaSerial: 'mfa serial',
  mfaTotpSeed: 'one-time password',
};

const FIELD_SPECS: readonly FieldSpec[] = [
  { field: 'accessKeyId', stem: 'access-key', defaultLabel: DEFAULT_LABELS.accessKeyId, required: true },
  { field: 'secretAccessKey', stem: 'secret-key', defaultLabel: DEFAULT_LABELS.secretAccessKey, required: true },
  { field: 'sessionToken', stem: 'session-token', defaultLabel: DEFAULT_LABELS.sessionToken, required: false },
  { field: 'mfaSerial', stem: 'mfa-serial', defaultLabel: DEFAULT_LABELS.mfaSerial, required: false },
  { field: 'mfaTotpSeed', stem: 'totp', defaultLabel: DEFAULT_LABELS.mfaTotpSeed, required: false },
];

const OPTIONS = {
  'access-key-field': { type: 'string' },
  'secret-key-field': { type: 'string' },
  'session-token-field': { type: 'string' },
  'mfa-serial-field': { type: 'string' },
  'totp-field': { type: 'string' },
  'access-key-ref': { type: 'string' },
  'secret-key-ref': { type: 'string' },
  'session-token-ref': { type: 'string' },
  'mfa-serial-ref': { type: 'string' },
  'totp-ref': { type: 'string' },
  'token-file': { type: 'string' },
  account: { type: 'string' },
} as const;

const HINT = "see 'cred-launch 1password --help'";

function usage(message: string, hint = HINT): CredentialError {
  return new CredentialError('USAGE', `1password: ${message}`, { hint });
}

function checkReference(reference: string, kind: 'item' | 'field', what: string): void {
  const problem = referenceSyntaxProblem(reference, kind);
  if (problem !== undefined) {
    throw usage(`${what} "${reference}" is not a valid secret reference: ${problem}`, 'references look like op://VAULT/ITEM or op://VAULT/ITEM/[SECTION/]FIELD');
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value.trim();
}

/**
 * Picks the authentication: flags first (`--token-file`, `--account`), then
 * the environment. A service account token in the environment wins over
 * OP_ACCOUNT, as it does for the `op` CLI.
 */
function planAuth(tokenFile: string | undefined, account: string | undefined, env: SourceEnv): AuthPlan {
  if (tokenFile !== undefined && account !== undefined) {
    throw usage('--token-file and --account exclude each other: use a service account token or the desktop app, not both');
  }
  if (tokenFile !== undefined) {
    if (tokenFile.trim() === '') throw usage('--token-file needs a file name');
    return { kind: 'token-file', path: tokenFile };
  }
  if (account !== undefined) {
    if (account.trim() === '') throw usage('--account needs the account name shown in the 1Password app, or its UUID');
    return { kind: 'desktop', account: account.trim(), from: '--account' };
  }
  if (nonEmpty(env.OP_SERVICE_ACCOUNT_TOKEN) !== undefined) return { kind: 'token-env' };
  const envAccount = nonEmpty(env.OP_ACCOUNT);
  if (envAccount !== undefined) return { kind: 'desktop', account: envAccount, from: 'OP_ACCOUNT' };
  return { kind: 'none' };
}

function planField(spec: FieldSpec, item: string | undefined, values: Record<string, string | undefined>): FieldRequest | undefined {
  const label = values[`${spec.stem}-field`];
  const reference = values[`${spec.stem}-ref`];
  if (label !== undefined && reference !== undefined) {
    throw usage(`--${spec.stem}-field and --${spec.stem}-ref exclude each other`);
  }
  if (reference !== undefined) {
    checkReference(reference, 'field', `--${spec.stem}-ref`);
    return { field: spec.field, reference, required: true };
  }
  if (label !== undefined && label.trim() === '') throw usage(`--${spec.stem}-field needs a field label`);
  if (item === undefined) {
    if (label !== undefined) throw usage(`--${spec.stem}-field needs an item reference (op://VAULT/ITEM) before it`);
    if (spec.required) {
      throw usage(`give an item reference (op://VAULT/ITEM), or --${spec.stem}-ref op://VAULT/ITEM/FIELD`);
    }
    return undefined;
  }
  const built = fieldReference(item, label ?? spec.defaultLabel);
  checkReference(built, 'field', label === undefined ? `the ${spec.stem.replace('-', ' ')} reference` : `--${spec.stem}-field`);
  return { field: spec.field, reference: built, required: spec.required || label !== undefined };
}

/**
 * Parses `cred-launch 1password [op://VAULT/ITEM] [options]`. Throws USAGE for
 * anything wrong before any I/O; the SDK is not loaded here.
 */
export function parseOnePasswordArgs({ argv, env }: ParseArgsInput): OnePasswordArgs {
  const { values, positionals } = parseArguments(argv, { name: '1password', options: OPTIONS, positionals: { min: 0, max: 1 } });
  const item = positionals[0];
  if (item !== undefined) checkReference(item, 'item', 'the item');
  const fields: FieldRequest[] = [];
  for (const spec of FIELD_SPECS) {
    const request = planField(spec, item, values);
    if (request !== undefined) fields.push(request);
  }
  const totp = fields.find((request) => request.field === 'mfaTotpSeed');
  const attribute = totp === undefined ? undefined : referenceAttribute(totp.reference);
  if (attribute === 'otp' || attribute === 'totp') {
    throw usage(
      `the TOTP field must be read without ?attribute=${attribute}`,
      'cred-launch needs the seed stored in the field (it computes fresh codes itself), not a code that expires in 30 seconds',
    );
  }
  return { item, fields, auth: planAuth(values['token-file'], values.account, env) };
}

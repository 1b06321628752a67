import { CredentialError, type DebugLogger, type SecretSink, type SourceCredentials } from '@cred-launch/core';
import type { FieldRequest } from './args.js';
import type { ResolveAllEntry, ResolveAllResult } from './sdk.js';
import { totpSeedFrom } from './totp.js';

// Per-reference errors that mean "this field is not in the item": tolerated
// for optional fields. Anything else (no such vault or item, ambiguity) is
// an error even for them, because it would be one for the required ones too.
const ABSENT = new Set(['fieldNotFound', 'noMatchingSections']);

const NAMES: Readonly<Record<FieldRequest['field'], string>> = {
  accessKeyId: 'access key id',
  secretAccessKey: 'secret access key',
  sessionToken: 'session token',
  mfaSerial: 'MFA serial',
  mfaTotpSeed: 'one-time password',
};

const ID_HINT = 'names must match one vault, item and field exactly (case-insensitive); use IDs where names repeat';

function entryError(reference: string, error: NonNullable<ResolveAllEntry['error']>): CredentialError {
  const quoted = `"${reference}"`;
  switch (error.type) {
    case 'vaultNotFound':
      return new CredentialError('NOT_FOUND', `1password: no vault matches ${quoted}`, {
        hint: 'check the vault name, and that the service account or your account can read that vault',
      });
    case 'itemNotFound':
      return new CredentialError('NOT_FOUND', `1password: no item matches ${quoted}`, { hint: ID_HINT });
    case 'fieldNotFound':
    case 'noMatchingSections':
      return new CredentialError('NOT_FOUND', `1password: the item has no field matching ${quoted}`, {
        hint: 'name the field label with --access-key-field etc., or give its reference with --access-key-ref etc.',
      });
    case 'tooManyVaults':
    case 'tooManyItems':
    case 'tooManyMatchingFields': {
      const what = { tooManyVaults: 'vault', tooManyItems: 'item', tooManyMatchingFields: 'field' }[error.type];
      return new CredentialError('NOT_FOUND', `1password: more than one ${what} matches ${quoted}`, { hint: ID_HINT });
    }
    case 'parsing':
      return new CredentialError('USAGE', `1password: ${quoted} is not a valid secret reference`, {
        hint: 'references look like op://VAULT/ITEM/[SECTION/]FIELD',
      });
    case 'incompatibleTOTPQueryParameterField':
    case 'unableToGenerateTotpCode':
    case 'unsupportedFileFormat':
    case 'sSHKeyMetadataNotFound':
    case 'incompatibleSshKeyQueryParameterField':
    case 'unableToParsePrivateKey':
    case 'unableToFormatPrivateKeyToOpenSsh':
      return new CredentialError('INVALID_SECRET', `1password: ${quoted} cannot be read as text (${error.type})`, {
        hint: 'point the reference at a text or password field',
      });
    default:
      return new CredentialError('BACKEND', `1password: resolving ${quoted} failed (${error.type})`, {
        hint: 'retry; run with --verbose for details',
      });
  }
}

const SECRET_FIELDS: ReadonlySet<FieldRequest['field']> = new Set(['secretAccessKey', 'sessionToken', 'mfaTotpSeed']);

/**
 * The answer for `reference`. The SDK keys answers by the reference exactly as
 * asked; a key differing only in case or surrounding space is accepted too,
 * should a later SDK normalise them.
 */
function lookup(responses: ResolveAllResult['individualResponses'], reference: string): ResolveAllEntry | undefined {
  if (Object.hasOwn(responses, reference)) return responses[reference];
  const wanted = reference.trim().toLowerCase();
  const matches = Object.keys(responses).filter((key) => key.trim().toLowerCase() === wanted);
  return matches.length === 1 ? responses[matches[0] as string] : undefined;
}

/** Options for {@link credentialsFromResolved}. */
export interface CredentialsFromResolvedOptions {
  readonly secrets: SecretSink;
  readonly log: DebugLogger;
}

/**
 * Maps resolveAll's per-reference answers onto credential fields: required
 * fields must resolve to a non-empty value; optional ones may be absent.
 * Messages name references, never values.
 */
export function credentialsFromResolved(requests: readonly FieldRequest[], result: ResolveAllResult, { secrets, log }: CredentialsFromResolvedOptions): SourceCredentials {
  const responses = result?.individualResponses ?? {};
  // Register secret values before any check below can throw. The access key
  // id and the MFA device ARN are identifiers, left readable in messages.
  for (const request of requests) {
    if (SECRET_FIELDS.has(request.field)) secrets.add(lookup(responses, request.reference)?.content?.secret);
  }
  const values: Partial<Record<FieldRequest['field'], string>> = {};
  // Required fields first, so a wrong vault or item is reported for them.
  const ordered = [...requests].sort((a, b) => Number(b.required) - Number(a.required));
  for (const request of ordered) {
    const entry = lookup(responses, request.reference);
    if (entry === undefined || entry === null) {
      throw new CredentialError('BACKEND', `1password: no answer for "${request.reference}"`, { hint: 'retry; run with --verbose for details' });
    }
    if (entry.error !== undefined && entry.error !== null) {
      if (!request.required && ABSENT.has(entry.error.type)) {
        log(`1password: optional field ${NAMES[request.field]} not in the item (${request.reference})`);
        continue;
      }
      throw entryError(request.reference, entry.error);
    }
    // A content without a string secret is a reply of the wrong shape (BACKEND), not an empty field.
    if (typeof entry.content?.secret !== 'string') {
      throw new CredentialError('BACKEND', `1password: the answer for "${request.reference}" holds no secret text (unexpected reply shape)`, {
        hint: 'retry; if it persists, update @1password/sdk (npm i -g @cred-launch/plugin-1password) and run with --verbose',
      });
    }
    const raw = entry.content.secret.trim();
    if (raw === '') {
      if (!request.required) continue;
      throw new CredentialError('INVALID_SECRET', `1password: the ${NAMES[request.field]} field "${request.reference}" is empty`, {
        hint: 'fill the field in 1Password, or point at another field',
      });
    }
    if (request.field === 'mfaTotpSeed') {
      const seed = totpSeedFrom(raw);
      if (seed === undefined) {
        if (!request.required) {
          log(`1password: ignoring ${request.reference}: it holds no TOTP seed`);
          continue;
        }
        throw new CredentialError('INVALID_SECRET', `1password: "${request.reference}" holds no TOTP seed`, {
          hint: 'use a one-time password field (or a text field holding the base32 seed or an otpauth://totp/ URI)',
        });
      }
      secrets.add(seed);
      values.mfaTotpSeed = seed;
      continue;
    }
    values[request.field] = raw;
  }
  const credentials: SourceCredentials = { accessKeyId: values.accessKeyId ?? '', secretAccessKey: values.secretAccessKey ?? '' };
  if (values.sessionToken !== undefined) credentials.sessionToken = values.sessionToken;
  if (values.mfaSerial !== undefined) credentials.mfaSerial = values.mfaSerial;
  if (values.mfaTotpSeed !== undefined) credentials.mfaTotpSeed = values.mfaTotpSeed;
  return credentials;
}

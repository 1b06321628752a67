import { credentialsFromRecord, CredentialError, isCredentialError, type FieldOverrides, type SourceCredentials } from '@cred-launch/core';

/**
 * Maps a secret's fields to credentials with core's helper (common spellings,
 * explicit overrides first). A field that is not there is NOT_FOUND naming
 * the path and the field (never a value); a present but unusable value stays
 * INVALID_SECRET.
 */
export function credentialsFrom(record: Readonly<Record<string, unknown>>, display: string, fields: FieldOverrides): SourceCredentials {
  const source = `vault secret ${display}`;
  for (const [field, name] of Object.entries(fields)) {
    if (name !== undefined && !(name in record)) {
      throw new CredentialError('NOT_FOUND', `vault: ${display} has no field "${name}" (asked for as ${field})`, {
        hint: `fields present: ${Object.keys(record).join(', ') || 'none'}`,
      });
    }
  }
  try {
    return credentialsFromRecord(record, { source, overrides: fields });
  } catch (error) {
    // Core words a missing field as "<source> has no …"; that is a field not found at this path.
    if (isCredentialError(error, 'INVALID_SECRET') && error.message.startsWith(`${source} has no `)) {
      throw new CredentialError('NOT_FOUND', `vault: ${display} ${error.message.slice(source.length + 1)}`, { cause: error, hint: error.hint });
    }
    throw error;
  }
}

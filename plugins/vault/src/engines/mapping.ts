import { credentialsFromRecord, type FieldOverrides, type SourceCredentials } from '@cred-launch/core';

/**
 * Maps a secret's fields to credentials with core's helper (common spellings,
 * explicit overrides first). A secret that was read but lacks a key field,
 * names a field it does not have, or holds an unusable value is
 * INVALID_SECRET (65), naming the path and the field — never a value —
 * as every plugin does (docs/writing-a-plugin.md, "One meaning per exit code").
 */
export function credentialsFrom(record: Readonly<Record<string, unknown>>, display: string, fields: FieldOverrides): SourceCredentials {
  return credentialsFromRecord(record, { source: `vault: ${display}`, overrides: fields });
}

/**
 * 1Password secret references (`op://vault/item/[section/]field[?attribute=…]`),
 * checked the cheap way: structure and the documented character set, with no
 * SDK. The SDK's own `Secrets.validateSecretReference` re-checks every
 * reference in getCredentials before any network use (it needs the 14 MB WASM
 * core, so it cannot run in parseArgs).
 * Syntax: https://developer.1password.com/docs/cli/secrets-reference-syntax
 */

import { dotSegmentIn } from '@cred-launch/core';

/** The scheme every reference starts with (case-sensitive, as the SDK checks it). */
export const REFERENCE_PREFIX = 'op://';

// Documented: alphanumerics, `-`, `_`, `.` and the space. Anything else must be
// written as the vault's, item's or field's ID.
const NAME = /^[A-Za-z0-9_.\- ]+$/u;
const QUERY = /^(attribute|ssh-format)=[^=&?]+$/u;

/** What a reference must point at: a whole item, or one field of an item. */
export type ReferenceKind = 'item' | 'field';

/**
 * Describes what is wrong with `reference`, or returns undefined when its
 * shape is right. Never throws.
 */
export function referenceSyntaxProblem(reference: string, kind: ReferenceKind): string | undefined {
  if (!reference.startsWith(REFERENCE_PREFIX)) return `it does not start with "${REFERENCE_PREFIX}"`;
  const rest = reference.slice(REFERENCE_PREFIX.length);
  const queryAt = rest.indexOf('?');
  const path = queryAt === -1 ? rest : rest.slice(0, queryAt);
  const query = queryAt === -1 ? undefined : rest.slice(queryAt + 1);
  const segments = path.split('/');
  if (kind === 'item') {
    if (query !== undefined) return 'an item reference takes no "?" query';
    if (segments.length !== 2) return 'an item reference has exactly two parts, op://VAULT/ITEM';
  } else if (segments.length < 3 || segments.length > 4) {
    return 'a field reference has the form op://VAULT/ITEM/[SECTION/]FIELD';
  }
  // "." and ".." would read as path steps, not names (no path escape in any plugin, see docs/writing-a-plugin.md).
  const dots = dotSegmentIn(path);
  if (dots !== undefined) return `"${dots}" is not a name: "." and ".." parts are refused; use the ID of a vault, item or field with such a name`;
  for (const segment of segments) {
    if (segment.trim() === '') return 'it has an empty part';
    if (!NAME.test(segment)) {
      return `"${segment}" has characters references cannot hold (only letters, digits, space, "-", "_", "."): use the ID instead`;
    }
  }
  if (query !== undefined && !QUERY.test(query)) return 'its query must be ?attribute=VALUE or ?ssh-format=VALUE';
  return undefined;
}

/** The value of the `attribute` query parameter of a field reference, lower-cased, if any. */
export function referenceAttribute(reference: string): string | undefined {
  const match = /\?attribute=([^&]*)$/u.exec(reference);
  return match?.[1]?.toLowerCase();
}

/** `op://vault/item` plus a field label (which may be `section/field`). */
export function fieldReference(item: string, label: string): string {
  return `${item.replace(/\/+$/u, '')}/${label.replace(/^\/+/u, '')}`;
}

/** The JSON envelope of a Vault answer, as far as cred-launch reads it. */
export interface VaultEnvelope {
  request_id?: string;
  lease_id?: string;
  lease_duration?: number;
  renewable?: boolean;
  data?: unknown;
  auth?: VaultAuth | null;
  warnings?: string[] | null;
  errors?: unknown[];
}

/** The `auth` block of a login answer. */
export interface VaultAuth {
  client_token?: string;
  accessor?: string;
  policies?: string[];
  lease_duration?: number;
  renewable?: boolean;
}

/** A decoded answer: status plus the envelope (undefined for an empty or non-JSON body). */
export interface VaultResponse {
  status: number;
  body: VaultEnvelope | undefined;
}

/** Parses a body as a Vault envelope; anything else (an HTML proxy page) gives undefined. */
export function parseEnvelope(text: string): VaultEnvelope | undefined {
  if (text.trim() === '') return undefined;
  try {
    const parsed: unknown = JSON.parse(text);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as VaultEnvelope) : undefined;
  } catch {
    return undefined;
  }
}

/** The `errors` strings of an answer (Vault sends `{"errors":[...]}` on failure). */
export function errorStrings(body: VaultEnvelope | undefined): string[] {
  return Array.isArray(body?.errors) ? body.errors.filter((item): item is string => typeof item === 'string') : [];
}

/** A plain object from `value`, or undefined. */
export function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

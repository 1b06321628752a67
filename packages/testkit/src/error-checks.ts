import { strict as assert } from 'node:assert';
import { isCredentialError, type CredentialErrorCode, type SecretRedactor } from '@cred-launch/core';

/** What a secret-free error is checked against. */
export interface SecretProbe {
  /** The caller's canary value, if any. */
  canary?: string | undefined;
  /** Every secret registered during the run (core's redactor). */
  redactor?: SecretRedactor;
}

/** Every piece of text of an error a user can see: message and hint. */
export function visibleTextOf(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [String(error)];
  const record = error as { message?: unknown; hint?: unknown };
  const parts = [String(record.message ?? '')];
  if (typeof record.hint === 'string') parts.push(record.hint);
  return parts;
}

/** Fails if `text` contains the canary or any registered secret. `where` names it in the failure. */
export function assertNoSecret(text: string, probe: SecretProbe, where: string): void {
  if (probe.canary !== undefined && probe.canary !== '') {
    assert.ok(!text.includes(probe.canary), `${where} contains the canary secret: ${JSON.stringify(text.split(probe.canary).join('<CANARY>'))}`);
  }
  if (probe.redactor !== undefined) {
    const redacted = probe.redactor.redact(text);
    assert.equal(redacted, text, `${where} contains a secret value the plugin registered: ${JSON.stringify(redacted)}`);
  }
}

/**
 * Fails unless `error` is a CredentialError with `code`, a short message
 * (one or two lines) and no secret in its message or hint.
 */
export function assertCredentialError(error: unknown, code: CredentialErrorCode, probe: SecretProbe, scenario: string): void {
  const seen = isCredentialError(error) ? `${error.code}: ${error.message}` : error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  assert.ok(isCredentialError(error), `${scenario}: expected a CredentialError with code ${code}, got ${seen}`);
  assert.equal(error.code, code, `${scenario}: expected code ${code}, got ${seen}`);
  assertCleanMessage(error, probe, scenario);
}

/** Fails if a CredentialError's message is empty, longer than two lines, or carries a secret. */
export function assertCleanMessage(error: unknown, probe: SecretProbe, scenario: string): void {
  const [message = '', hint] = visibleTextOf(error);
  assert.ok(message.trim() !== '', `${scenario}: the error message is empty`);
  assert.ok(message.split('\n').length <= 2, `${scenario}: the error message has more than two lines: ${JSON.stringify(message)}`);
  if (hint !== undefined) assert.ok(!hint.includes('\n'), `${scenario}: the hint has more than one line`);
  assertNoSecret(message, probe, `${scenario}: the error message`);
  if (hint !== undefined) assertNoSecret(hint, probe, `${scenario}: the hint`);
}

/** Whether one consumer would use a credential_process output, and why not. */
export interface Verdict {
  accepted: boolean;
  reason?: string;
}

/** The consumers' verdicts on one output, and the fields doctor may show. */
export interface OutputCheck {
  botocore: Verdict;
  jsSdk: Verdict;
  /** Present when the output parsed as a JSON object. Holds secrets: never print it. */
  document: Record<string, unknown> | undefined;
}

// What botocore's dateutil parse accepts AND can compare with an aware "now":
// an ISO-8601 date-time with a zone. Without one, botocore fails with
// "can't subtract offset-naive and offset-aware datetimes".
const ZONED_ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?\s*(?:Z|z|[+-]\d{2}(?::?\d{2})?)$/u;
const UNZONED_ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/u;

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

function keysProblem(document: Record<string, unknown>): string | undefined {
  for (const field of ['AccessKeyId', 'SecretAccessKey']) {
    if (!(field in document) || document[field] === undefined) return `${field} is missing`;
    // Both SDKs take any value here; an empty or non-string key fails at the first signed request.
    if (!isNonEmptyString(document[field])) return `${field} is not a non-empty string (requests could not be signed)`;
  }
  return undefined;
}

/**
 * botocore's ProcessProvider: `json.loads(stdout)`, `Version == 1` (Python
 * equality, so `1.0` and `true` pass), both keys present, and an Expiration
 * dateutil can parse into an aware datetime that has not passed (an expired
 * one is refreshed, and a refresh that is still expired raises).
 */
export function botocoreVerdict(stdout: string, now: Date): Verdict {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    return { accepted: false, reason: 'stdout is not exactly one JSON document' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { accepted: false, reason: 'the JSON is not an object' };
  const document = parsed as Record<string, unknown>;
  if (!(document.Version === 1 || document.Version === true)) return { accepted: false, reason: `unsupported Version ${JSON.stringify(document.Version ?? null)} (must be 1)` };
  const keys = keysProblem(document);
  if (keys) return { accepted: false, reason: keys };
  const expiration = document.Expiration;
  if (expiration === undefined || expiration === null) return { accepted: true };
  if (typeof expiration !== 'string') return { accepted: false, reason: 'Expiration is not a string' };
  if (!ZONED_ISO.test(expiration.trim())) {
    return UNZONED_ISO.test(expiration.trim())
      ? { accepted: false, reason: 'Expiration has no time zone (botocore cannot compare it with the current time)' }
      : { accepted: false, reason: 'Expiration is not an ISO-8601 date-time' };
  }
  const time = Date.parse(expiration.trim().replace(' ', 'T'));
  if (Number.isNaN(time)) return { accepted: false, reason: 'Expiration is not a valid date' };
  if (time <= now.getTime()) return { accepted: false, reason: 'the credentials have already expired' };
  return { accepted: true };
}

/**
 * The JS SDK v3's fromProcess: `JSON.parse(stdout.trim())`, `Version === 1`,
 * both keys defined, and an Expiration (when truthy) not in the past. A date
 * `new Date()` cannot parse passes its check but is never refreshed, so it
 * is reported as not accepted.
 */
export function jsSdkVerdict(stdout: string, now: Date): Verdict {
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout.trim());
  } catch {
    return { accepted: false, reason: 'stdout is not exactly one JSON document' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { accepted: false, reason: 'the JSON is not an object' };
  const document = parsed as Record<string, unknown>;
  if (document.Version !== 1) return { accepted: false, reason: `Version is ${JSON.stringify(document.Version ?? null)}, not the number 1` };
  const keys = keysProblem(document);
  if (keys) return { accepted: false, reason: keys };
  if (document.Expiration) {
    const time = new Date(document.Expiration as string).getTime();
    if (Number.isNaN(time)) return { accepted: false, reason: 'Expiration is not a date (the SDK would never refresh these credentials)' };
    if (time < now.getTime()) return { accepted: false, reason: 'the credentials have already expired' };
  }
  return { accepted: true };
}

/** Both verdicts, and the parsed document when there is one. */
export function checkOutput(stdout: string, now: Date): OutputCheck {
  let document: Record<string, unknown> | undefined;
  try {
    const parsed: unknown = JSON.parse(stdout.trim());
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) document = parsed as Record<string, unknown>;
  } catch {
    document = undefined;
  }
  return { botocore: botocoreVerdict(stdout, now), jsSdk: jsSdkVerdict(stdout, now), document };
}

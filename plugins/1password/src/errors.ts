/**
 * Turns what @1password/sdk throws into cred-launch errors. The SDK throws
 * plain Errors whose message is the core's text (only rate limits and expired
 * sessions get their own classes), and `validateSecretReference` throws a JSON
 * string. Our messages are our own words; SDK text is shown only after
 * {@link sanitizeSdkText} and only where it helps, because a message from the
 * core may echo what it was given — the token included.
 */
import { CredentialError } from '@cred-launch/core';

/** Which step failed, for the wording. */
export type SdkPhase = 'load' | 'validate' | 'client' | 'resolve';

/** Context for {@link toCredentialErrorFromSdk}. */
export interface SdkErrorContext {
  readonly phase: SdkPhase;
  /** How the client authenticated. */
  readonly auth: 'token' | 'desktop';
  /** Values to scrub from any SDK text (the token). */
  readonly secrets: readonly string[];
  /** The reference being checked, for the validate phase. */
  readonly reference?: string;
  /** The desktop app account as given (--account / OP_ACCOUNT), for hints. */
  readonly account?: string;
}

const MAX_DETAIL = 160;

/**
 * SDK text made safe to show: known secrets, service-account-token-shaped
 * strings (`ops_…`), JWT/base64 runs of 24+ characters removed; one line,
 * at most 160 characters.
 */
export function sanitizeSdkText(text: string, secrets: readonly string[] = []): string {
  let result = text;
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret.length >= 4) result = result.split(secret).join('[redacted]');
  }
  result = result
    .replace(/ops_[A-Za-z0-9+/=_.-]*/gu, '[redacted]')
    .replace(/eyJ[A-Za-z0-9+/=_.-]*/gu, '[redacted]')
    .replace(/[A-Za-z0-9+/=_-]{24,}/gu, '[redacted]')
    .replace(/\s+/gu, ' ')
    .trim();
  return result.length > MAX_DETAIL ? `${result.slice(0, MAX_DETAIL - 1)}…` : result;
}

/** The SDK error's kind (class name or the core's `name`) and message, whatever shape it came in. */
export function describeSdkError(error: unknown): { kind: string; message: string } {
  if (typeof error === 'string') {
    try {
      const parsed = JSON.parse(error) as { name?: unknown; message?: unknown };
      if (parsed !== null && typeof parsed === 'object') {
        return { kind: typeof parsed.name === 'string' ? parsed.name : 'Error', message: typeof parsed.message === 'string' ? parsed.message : '' };
      }
    } catch {
      // Not JSON: the string is the message.
    }
    return { kind: 'Error', message: error };
  }
  if (error instanceof Error) {
    const kind = error.constructor?.name && error.constructor.name !== 'Error' ? error.constructor.name : error.name;
    return { kind, message: typeof error.message === 'string' ? error.message : '' };
  }
  return { kind: typeof error, message: '' };
}

/**
 * A sign-in address as the `op` CLI takes it in OP_ACCOUNT / --account
 * (`my.1password.com`, `https://acme.1password.eu`). The SDK's DesktopAuth
 * takes the account *name* shown in the app's sidebar, or the account UUID.
 */
export function looksLikeSignInAddress(account: string): boolean {
  return /^(?:https?:\/\/)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.1password\.(?:com|ca|eu)\/?$/iu.test(account.trim());
}

const ACCOUNT_HINT =
  "--account / OP_ACCOUNT must be the account name shown at the top of the 1Password app's sidebar, or the account UUID (account_uuid in `op account list --format json`); the op CLI's sign-in addresses (my.1password.com) and shorthands do not work with the SDK";

function accountHint(account: string | undefined): string {
  if (account !== undefined && looksLikeSignInAddress(account)) return `"${account}" is a sign-in address: ${ACCOUNT_HINT}`;
  return ACCOUNT_HINT;
}

const NOT_FOUND_HINTS = {
  client:
    'the service account or account was not found: it may have been deleted — create a new service account token (1Password > Developer > Service Accounts), or check --account',
  resolve:
    "a vault or item in the references is not there for this identity (deleted, moved, or not shared with the service account): check the references, and the vault's access",
} as const;

const REGISTER_HINT =
  '1Password refused to register this machine as a device for the sign-in: check the service account is active (1Password > Developer > Service Accounts) and not at its device limit, or in the app that the account is signed in, then retry';

const TOKEN_HINT = 'check OP_SERVICE_ACCOUNT_TOKEN or --token-file holds the whole token (it starts with "ops_"), or create a new one in 1Password > Developer > Service Accounts';
const DESKTOP_HINT = 'unlock the 1Password app, check Settings > Developer > "Integrate with other apps" is on, and that --account / OP_ACCOUNT names the account shown in the app';

function auth(message: string, hint: string, cause: unknown): CredentialError {
  return new CredentialError('AUTH', `1password: ${message}`, { hint, cause });
}

/** Maps anything the SDK threw to a CredentialError whose message holds no secret. */
export function toCredentialErrorFromSdk(error: unknown, context: SdkErrorContext): CredentialError {
  const { kind, message } = describeSdkError(error);
  const text = message.toLowerCase();
  const detail = sanitizeSdkText(message, context.secrets);

  if (context.phase === 'load') {
    return new CredentialError('INTERNAL', `1password: could not load @1password/sdk (${kind})`, {
      hint: 'reinstall the plugin: npm i -g @cred-launch/plugin-1password',
      cause: error,
    });
  }
  if (context.phase === 'validate' || kind === 'ParsingSecretReference') {
    const reference = context.reference === undefined ? 'a secret reference' : `"${context.reference}"`;
    const reason = detail.replace(/^the secret reference could not be parsed:\s*/iu, '').replace(/\}$/u, '');
    return new CredentialError('USAGE', `1password: ${reference} is not a valid secret reference${reason === '' ? '' : ` (${reason})`}`, {
      hint: 'references look like op://VAULT/ITEM/[SECTION/]FIELD; use IDs for names with other characters',
      cause: error,
    });
  }
  if (kind === 'RateLimitExceededError' || kind === 'RateLimitExceeded' || text.includes('rate limit')) {
    return new CredentialError('BACKEND', '1password: rate limit exceeded', {
      hint: 'wait and retry; cred-launch caches credentials that carry an expiry, so avoid --no-cache in loops',
      cause: error,
    });
  }
  if (kind === 'AuthExpiredError' || kind === 'AuthExpired' || text.includes('session expired') || text.includes('not authenticated')) {
    return context.auth === 'token'
      ? auth('the service account token was refused (expired, revoked or deleted)', TOKEN_HINT, error)
      : auth('the 1Password app session expired or was not approved', DESKTOP_HINT, error);
  }
  if (kind === 'DesktopSessionExpiredError' || kind === 'DesktopSessionExpired') {
    return auth('the 1Password app session expired', DESKTOP_HINT, error);
  }
  if (text.includes('failed to authenticate') && context.auth === 'desktop') {
    // The core's generic sign-in failure; under the desktop app no token is involved.
    return auth('the 1Password app did not authenticate this request (locked, prompt denied or dismissed, or integration off)', DESKTOP_HINT, error);
  }
  if (text.includes('service account token') || text.includes('throttle token') || text.includes('failed to authenticate')) {
    return auth('the service account token is not valid', TOKEN_HINT, error);
  }
  if (text.includes('could not register this device') || text.includes('cannot reauthorize this device')) {
    return auth('1Password could not register this device for the sign-in', REGISTER_HINT, error);
  }
  if (text.includes('resource not found')) {
    const phase = context.phase === 'client' ? 'client' : 'resolve';
    return new CredentialError('NOT_FOUND', `1password: 1Password answered "resource not found" while ${phase === 'client' ? 'signing in' : 'resolving secrets'}`, {
      hint: NOT_FOUND_HINTS[phase],
      cause: error,
    });
  }
  if (text.includes('native library') || text.includes('desktop application not found')) {
    return auth('the 1Password desktop app integration is not available', DESKTOP_HINT, error);
  }
  if (text.includes("account couldn't be found") || text.includes('account could not be found') || text.includes('account not found')) {
    return auth(`1Password does not know that account${context.account === undefined ? '' : ` ("${context.account}")`}`, `${DESKTOP_HINT}; ${accountHint(context.account)}`, error);
  }
  if (text.includes('right permissions')) {
    return auth('1Password refused access', context.auth === 'token' ? 'give the service account read access to the vault' : DESKTOP_HINT, error);
  }
  if (context.phase === 'client' && context.auth === 'desktop') {
    // Denied prompts, a locked app and IPC failures all surface here with
    // varying text; each is fixed in the app.
    return auth(`could not sign in through the 1Password app${detail === '' ? '' : ` (${detail})`}`, DESKTOP_HINT, error);
  }
  return new CredentialError('BACKEND', `1password: ${context.phase === 'client' ? 'signing in' : 'resolving secrets'} failed${detail === '' ? ` (${kind})` : `: ${detail}`}`, {
    hint: 'check the network can reach 1Password.com, then retry; run with --verbose for details',
    cause: error,
  });
}

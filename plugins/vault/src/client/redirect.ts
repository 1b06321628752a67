/** What to do with an answer that may be a redirect. */
export type RedirectDecision =
  /** Not a redirect the client follows: the answer is Vault's. */
  | { kind: 'answer' }
  /** Send the same request (method, headers, token, body) to `url`. */
  | { kind: 'follow'; url: URL }
  /** A redirect that must not be followed; `reason` is for the message. */
  | { kind: 'refuse'; url: URL | undefined; reason: string };

/** The statuses Vault's api client follows (api/client.go `RawRequestWithContext`): 301, 302, 307. */
const FOLLOWED = new Set([301, 302, 307]);

/**
 * Decides on a redirect as Vault's api client does (api/client.go
 * `RawRequestWithContext`): 301, 302 and 307 are followed with the same
 * method, body and `X-Vault-Token`, never from https to http ("redirect would
 * cause protocol downgrade"). One rule is stricter than Vault's: a redirect
 * to plain http on another host is refused, because the token (or a login's
 * secret_id/JWT) would cross the network in clear text to a host the user
 * never named. The caller follows at most one redirect, as Vault's does.
 */
export function decideRedirect(status: number, location: string | undefined, from: URL): RedirectDecision {
  if (!FOLLOWED.has(status) || location === undefined || location.trim() === '') return { kind: 'answer' };
  let url: URL;
  try {
    url = new URL(location, from);
  } catch {
    return { kind: 'refuse', url: undefined, reason: 'to an address that is not a URL' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { kind: 'refuse', url, reason: `to a ${url.protocol}// address` };
  if (from.protocol === 'https:' && url.protocol !== 'https:') return { kind: 'refuse', url, reason: 'from https to plain http (a protocol downgrade)' };
  if (url.protocol === 'http:' && url.hostname !== from.hostname) return { kind: 'refuse', url, reason: 'to another host over plain http' };
  return { kind: 'follow', url };
}

/**
 * Backend paths that could address something other than what they read as.
 * URL parsers (WHATWG `new URL`), HTTP servers and routers resolve `.` and
 * `..` segments — also percent-encoded ones — so `secret/../../sys/seal`
 * would be a request for `sys/seal`. Plugins refuse such segments in every
 * path-like argument they send to a backend (see docs/writing-a-plugin.md).
 */

/** How many rounds of `%25` → `%` are undone: `%252e` is `%2e` once a proxy has decoded it. */
const DECODE_ROUNDS = 3;

/**
 * Undoes the encodings a server or proxy might undo before routing: `%25`
 * (repeatedly), `%2e` (`.`), `%2f` and `%5c` (`/`, `\`), and reads `\` as a
 * separator, as WHATWG URL parsing does for http(s).
 */
function decodedSegments(path: string): string[] {
  let text = path;
  for (let round = 0; round < DECODE_ROUNDS && /%25/iu.test(text); round += 1) text = text.replace(/%25/giu, '%');
  text = text.replace(/%2e/giu, '.').replace(/%2f|%5c|\\/giu, '/');
  return text.split('/');
}

/**
 * The first `.` or `..` segment of a slash-separated path, as written by the
 * user (so a message can quote it), or undefined when there is none. Encoded
 * forms count: `%2e%2e`, `%2E.`, `%252e%252e`, `..%2f`.
 */
export function dotSegmentIn(path: string): string | undefined {
  const raw = path.split('/');
  const decoded = decodedSegments(path);
  if (!decoded.some((segment) => segment === '.' || segment === '..')) return undefined;
  // Quote the raw segment that decodes to a dot segment (a decoded slash can split one raw segment into several).
  const offender = raw.find((segment) => decodedSegments(segment).some((part) => part === '.' || part === '..'));
  return offender ?? '..';
}

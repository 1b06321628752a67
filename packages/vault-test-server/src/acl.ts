/**
 * A tiny subset of Vault's ACL path matching: exact paths, a trailing `*`
 * for a prefix, and `+` for exactly one path segment. Capabilities are not
 * modelled: a token either may use a path or may not.
 */
export function pathAllowed(patterns: readonly string[], path: string): boolean {
  return patterns.some((pattern) => matches(pattern, path));
}

function matches(pattern: string, path: string): boolean {
  const prefix = pattern.endsWith('*');
  const body = prefix ? pattern.slice(0, -1) : pattern;
  const patternParts = body.split('/');
  const pathParts = path.split('/');
  for (let index = 0; index < patternParts.length; index += 1) {
    const want = patternParts[index] ?? '';
    const have = pathParts[index];
    const last = index === patternParts.length - 1;
    if (have === undefined) return prefix && last && want === '';
    if (want === '+') continue;
    if (last && prefix) return have.startsWith(want);
    if (want !== have) return false;
  }
  return prefix || pathParts.length === patternParts.length;
}

/** True when some pattern could grant access somewhere under `mountPath` (for the mounts preflight). */
export function anyPathUnder(patterns: readonly string[], mountPath: string): boolean {
  return patterns.some((pattern) => {
    if (pattern === '*' || pattern.startsWith(mountPath)) return true;
    // A pattern shorter than the mount ("sec*") still covers it.
    return pattern.endsWith('*') && mountPath.startsWith(pattern.slice(0, -1));
  });
}

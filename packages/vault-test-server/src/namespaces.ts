import type { VaultTestState } from './state.js';

/** A request path split into the namespace it addresses and the path inside that namespace. */
export interface NamespacedPath {
  /** Full namespace path without slashes at either end ('' for root). */
  readonly namespace: string;
  /** The rest of the path, relative to {@link NamespacedPath.namespace}. */
  readonly path: string;
}

/**
 * Vault Enterprise (and OpenBao) accept a child namespace written at the start
 * of the path, below the one in `X-Vault-Namespace`: with the header `admin`,
 * `team1/secret/data/x` is `secret/data/x` in namespace `admin/team1`. The
 * longest leading run of segments that names an existing namespace wins.
 */
export function resolveNamespacedPath(state: VaultTestState, headerNamespace: string, path: string): NamespacedPath {
  const segments = path.split('/');
  let best: NamespacedPath = { namespace: headerNamespace, path };
  let candidate = headerNamespace;
  // The last segment is never a namespace: something must be addressed inside it.
  for (let index = 0; index < segments.length - 1; index += 1) {
    const segment = segments[index] as string;
    if (segment === '') break;
    candidate = candidate === '' ? segment : `${candidate}/${segment}`;
    if (state.hasNamespace(candidate)) best = { namespace: candidate, path: segments.slice(index + 1).join('/') };
  }
  return best;
}

/** `child` relative to `parent` ('admin/team1' under 'admin' is 'team1'), or undefined when it is not below it. */
export function namespaceBelow(parent: string, child: string): string | undefined {
  if (parent === child) return '';
  if (parent === '') return child;
  return child.startsWith(`${parent}/`) ? child.slice(parent.length + 1) : undefined;
}

import type { TokenRecord, VaultTestState } from '../state.js';

/** One parsed request as the handlers see it. */
export interface HandlerContext {
  readonly state: VaultTestState;
  /** Upper-case HTTP method (`LIST` included). */
  readonly method: string;
  /** API path without `/v1/` and without a leading slash. */
  readonly path: string;
  /** The namespace from X-Vault-Namespace ('' for root). */
  readonly namespace: string;
  /** The caller's live token, when it sent a valid one. */
  readonly token: TokenRecord | undefined;
  /** Query parameters merged with the JSON body (body wins), as Vault's field data does. */
  readonly params: Readonly<Record<string, unknown>>;
  /** When the request arrived. */
  readonly now: Date;
}

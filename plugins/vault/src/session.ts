import type { DebugLogger, SourceEnv, SourceStateStore } from '@cred-launch/core';
import type { VaultClient } from './client/vault-client.js';
import type { SecretKeeper } from './secrets.js';

/** What every step of a run shares: the client, the secret registry and the context's pieces. */
export interface Session {
  readonly client: VaultClient;
  readonly secrets: SecretKeeper;
  readonly env: SourceEnv;
  readonly dirs: { readonly cwd: string; readonly homedir: string };
  readonly log: DebugLogger;
  readonly now: () => Date;
  /** The launcher's time limit (ends a token helper child too). */
  readonly signal: AbortSignal;
  /** Values kept between calls (the launcher's store), for login-token reuse. */
  readonly state: SourceStateStore | undefined;
  /** The Vault this session talks to (address and namespace), part of every state key. */
  readonly scope: string;
  /**
   * True when the address is Vault Agent's or Vault Proxy's (VAULT_AGENT_ADDR):
   * with no token anywhere, requests go without one and the agent adds its own.
   */
  readonly agent: boolean;
}

/** A token ready to use, and where it came from (for messages; never the token itself). */
export interface Authenticated {
  /** Undefined only through Vault Agent/Proxy auto-auth: no `X-Vault-Token` is sent and the agent adds its own. */
  readonly token: string | undefined;
  /** e.g. "VAULT_TOKEN", "~/.vault-token", "AppRole login at auth/approle". */
  readonly source: string;
  /** True when the token was just issued by a login (so it cannot be stale). */
  readonly loggedIn: boolean;
  /** Policies reported by the login, when known. */
  readonly policies?: readonly string[];
  /** Lease of a token a login just issued, in seconds (0: no expiry). */
  readonly leaseSeconds?: number;
  /** The state key a reused login token came from, so a refused one can be forgotten. */
  readonly reusedStateKey?: string;
}

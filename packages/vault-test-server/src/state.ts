import { newId } from './ids.js';

/** Options for a token the server accepts. */
export interface TokenOptions {
  /** Policy names reported by lookup-self and login answers. @default ['default'] */
  policies?: string[];
  /**
   * API paths the token may use (without `/v1/`, without the namespace):
   * exact, `prefix*`, or with `+` for one segment, as in Vault policies.
   * @default ['*'] (everything, like a root token)
   */
  paths?: string[];
  /** Lifetime in seconds; 0 never expires. @default 0 */
  ttlSeconds?: number;
  /** Namespace the token lives in; it works there and in child namespaces. @default '' (root) */
  namespace?: string;
  /** @default 'token' */
  displayName?: string;
}

/** A token as the server stores it. */
export interface TokenRecord {
  readonly token: string;
  readonly accessor: string;
  readonly policies: string[];
  readonly paths: string[];
  readonly namespace: string;
  readonly displayName: string;
  readonly issuedAt: Date;
  /** Undefined for tokens that never expire. */
  expiresAt: Date | undefined;
  readonly ttlSeconds: number;
  readonly meta: Record<string, string> | null;
}

/** A secrets engine to mount. Types other than kv and aws behave as a plain store read at its paths. */
export type SecretEngine = { type: 'kv'; version: 1 | 2 } | { type: 'aws' } | { type: string };

/** One stored version of a KV v2 secret. */
export interface KvVersion {
  data: Record<string, unknown>;
  createdTime: string;
  /** '' when not deleted. */
  deletionTime: string;
  destroyed: boolean;
}

/** A KV v2 key: its versions by number. */
export interface KvV2Entry {
  currentVersion: number;
  versions: Map<number, KvVersion>;
}

/** A Vault role in the AWS secrets engine. */
export interface AwsRoleOptions {
  credentialType: 'iam_user' | 'assumed_role' | 'federation_token' | 'session_token';
  /** Allowed role ARNs (assumed_role). */
  roleArns?: string[];
  /** Default TTL of STS credentials in seconds. @default 3600 */
  defaultStsTtl?: number;
  /** Cap on STS TTLs in seconds. @default 43200 */
  maxStsTtl?: number;
  /** Lease of iam_user credentials in seconds. @default 2764800 (768h, Vault's default max lease) */
  leaseSeconds?: number;
  /** Vault's `no_lease` role flag (assumed_role): answer `data.ttl` and no lease. @default false */
  noLease?: boolean;
  /** session_token: the role's `mfa_serial_number`; requests must then send `mfa_code`. */
  mfaSerialNumber?: string;
  /**
   * session_token with an MFA serial: the one code this stand-in for STS
   * accepts (real STS checks the device's current TOTP code).
   */
  mfaCode?: string;
}

/** A static role's current keys, as `<aws>/static-creds/<name>` answers them. */
export interface AwsStaticCredentials {
  accessKey: string;
  secretKey: string;
  /** When Vault will rotate the keys next; null is answered as `"expiration": null`. */
  expiration: Date | null;
}

/** A mounted secrets engine. */
export interface SecretMount {
  readonly path: string;
  readonly type: string;
  readonly options: Record<string, string> | null;
  readonly accessor: string;
  readonly uuid: string;
  readonly description: string;
  /** KV v1 and generic engines: key → data. */
  readonly plain: Map<string, Record<string, unknown>>;
  /** KV v2: key → versions. */
  readonly versioned: Map<string, KvV2Entry>;
  /** AWS engine: role name → role. */
  readonly awsRoles: Map<string, AwsRoleOptions>;
  /** AWS engine: role name → how many credentials were issued. */
  readonly awsIssued: Map<string, number>;
  /** AWS engine: static role name → its current keys. */
  readonly awsStaticRoles: Map<string, AwsStaticCredentials>;
}

/** A login role of AppRole, Kubernetes or JWT auth. */
export interface LoginRole {
  readonly name: string;
  /** AppRole: role_id and secret_id. Kubernetes/JWT: the exact JWT accepted. */
  readonly roleId?: string;
  readonly secretId?: string;
  readonly jwt?: string;
  /** The token issued on login. */
  readonly token: TokenOptions;
}

/** An enabled auth method. */
export interface AuthMount {
  readonly path: string;
  readonly type: 'token' | 'approle' | 'kubernetes' | 'jwt';
  readonly accessor: string;
  readonly roles: Map<string, LoginRole>;
  /** JWT auth: role used when the login names none. */
  defaultRole: string | undefined;
  logins: number;
}

/** Everything that lives in one namespace. */
export interface NamespaceState {
  readonly name: string;
  readonly mounts: Map<string, SecretMount>;
  readonly authMounts: Map<string, AuthMount>;
}

/** A failure the server gives instead of the next answers (for retry tests). */
export type InjectedFailure =
  | { status: number; errors?: string[]; headers?: Record<string, string> }
  /** Close the connection without answering. */
  | { reset: true }
  /** Vault's rate limit quota answer: 429 with Retry-After (see handlers/interruptions.ts). */
  | { rateLimited: true; retryAfterSeconds?: number }
  /** A redirect to the same path and query on another base address (see handlers/interruptions.ts). */
  | { redirect: 301 | 302 | 307 | 308; to: string };

/** What the server saw of one request. */
export interface RecordedRequest {
  method: string;
  /** API path without `/v1/`. */
  path: string;
  query: Record<string, string>;
  /** X-Vault-Namespace, normalised ('' when absent). */
  namespace: string;
  /** X-Vault-Token (this is a test server: tests compare it). */
  token: string | undefined;
  /** Value of the X-Vault-Request header. */
  vaultRequestHeader: string | undefined;
  body: Record<string, unknown> | undefined;
  /** Common name of the client certificate, when one was presented. */
  clientCertificate: string | undefined;
}

/** Standby behaviour: redirect to the active node, or answer 503 when there is none. */
export interface StandbyOptions {
  /** Base URL of the active node; requests are redirected there with 307. */
  activeAddress?: string;
}

/** Normalises a mount or namespace path: no leading slash, one trailing slash. */
export function mountPath(path: string): string {
  const trimmed = path.replace(/^\/+|\/+$/gu, '');
  return `${trimmed}/`;
}

/** Normalises a namespace name: no leading or trailing slashes. */
export function namespaceName(name: string | undefined): string {
  return (name ?? '').replace(/^\/+|\/+$/gu, '');
}

interface Scoped {
  /** @default '' (root namespace) */
  namespace?: string;
}

/**
 * The server's whole state, changed directly by tests (there is no write API
 * over HTTP: tests arrange data here and the plugin only reads).
 */
export class VaultTestState {
  /** Every answer except sys/health and sys/seal-status is 503 "Vault is sealed". */
  sealed = false;
  /** When set, the node acts as a standby. */
  standby: StandbyOptions | undefined = undefined;
  /** Accept requests and never answer them. */
  hang = false;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[] = [];
  readonly #tokens = new Map<string, TokenRecord>();
  readonly #namespaces = new Map<string, NamespaceState>();
  readonly #failures: InjectedFailure[] = [];

  /** The namespace's state, created on first use. */
  namespace(name = ''): NamespaceState {
    const key = namespaceName(name);
    let state = this.#namespaces.get(key);
    if (!state) {
      state = { name: key, mounts: new Map(), authMounts: new Map() };
      state.authMounts.set('token/', { path: 'token/', type: 'token', accessor: `auth_token_${newId().slice(0, 8)}`, roles: new Map(), defaultRole: undefined, logins: 0 });
      this.#namespaces.set(key, state);
    }
    return state;
  }

  /** True when the namespace has been used (tests and the router). */
  hasNamespace(name: string): boolean {
    return this.#namespaces.has(namespaceName(name));
  }

  /** Accept `token`. */
  addToken(token: string, options: TokenOptions = {}, meta: Record<string, string> | null = null): TokenRecord {
    const issuedAt = new Date();
    const ttlSeconds = options.ttlSeconds ?? 0;
    const record: TokenRecord = {
      token,
      accessor: newId(),
      policies: options.policies ?? ['default'],
      paths: options.paths ?? ['*'],
      namespace: namespaceName(options.namespace),
      displayName: options.displayName ?? 'token',
      issuedAt,
      expiresAt: ttlSeconds > 0 ? new Date(issuedAt.getTime() + ttlSeconds * 1000) : undefined,
      ttlSeconds,
      meta,
    };
    this.#tokens.set(token, record);
    return record;
  }

  /** Make a token expired (as if its TTL ran out). */
  expireToken(token: string): void {
    const record = this.#tokens.get(token);
    if (record) record.expiresAt = new Date(Date.now() - 1000);
  }

  /** The live token, or undefined when unknown or expired. */
  lookupToken(token: string | undefined): TokenRecord | undefined {
    if (token === undefined) return undefined;
    const record = this.#tokens.get(token);
    if (!record) return undefined;
    if (record.expiresAt !== undefined && record.expiresAt.getTime() <= Date.now()) return undefined;
    return record;
  }

  /** Mount a secrets engine at `path`. */
  enableSecrets(path: string, engine: SecretEngine, options: Scoped & { description?: string } = {}): SecretMount {
    const normalised = mountPath(path);
    const version = 'version' in engine ? String(engine.version) : undefined;
    const mount: SecretMount = {
      path: normalised,
      type: engine.type,
      options: engine.type === 'kv' ? { version: version ?? '1' } : null,
      accessor: `${engine.type}_${newId().slice(0, 8)}`,
      uuid: newId(),
      description: options.description ?? '',
      plain: new Map(),
      versioned: new Map(),
      awsRoles: new Map(),
      awsIssued: new Map(),
      awsStaticRoles: new Map(),
    };
    this.namespace(options.namespace).mounts.set(normalised, mount);
    return mount;
  }

  /** The mount whose path is the longest prefix of `apiPath`. */
  findMount(namespace: string, apiPath: string): SecretMount | undefined {
    const withSlash = apiPath.endsWith('/') ? apiPath : `${apiPath}/`;
    let best: SecretMount | undefined;
    for (const mount of this.namespace(namespace).mounts.values()) {
      if (withSlash.startsWith(mount.path) && (!best || mount.path.length > best.path.length)) best = mount;
    }
    return best;
  }

  #mountFor(path: string, namespace: string | undefined): { mount: SecretMount; key: string } {
    const mount = this.findMount(namespaceName(namespace), path);
    if (!mount) throw new Error(`vault-test-server: no secrets engine mounted for "${path}"`);
    return { mount, key: path.slice(mount.path.length).replace(/^\/+/u, '') };
  }

  /**
   * Writes a secret the way `vault kv put` would (KV v2: a new version,
   * returned), or stores data for a generic engine. `path` includes the mount.
   */
  putSecret(path: string, data: Record<string, unknown>, options: Scoped = {}): number {
    const { mount, key } = this.#mountFor(path, options.namespace);
    if (mount.type === 'kv' && mount.options?.version === '2') {
      const entry = mount.versioned.get(key) ?? { currentVersion: 0, versions: new Map<number, KvVersion>() };
      entry.currentVersion += 1;
      entry.versions.set(entry.currentVersion, { data: { ...data }, createdTime: new Date().toISOString(), deletionTime: '', destroyed: false });
      mount.versioned.set(key, entry);
      return entry.currentVersion;
    }
    mount.plain.set(key, { ...data });
    return 1;
  }

  /** Soft-deletes KV v2 versions (as `vault kv delete -versions`): reads answer 404 with metadata. */
  deleteVersions(path: string, versions: number[], options: Scoped = {}): void {
    for (const version of this.#versions(path, versions, options)) version.deletionTime = new Date().toISOString();
  }

  /** Destroys KV v2 versions (as `vault kv destroy`). */
  destroyVersions(path: string, versions: number[], options: Scoped = {}): void {
    for (const version of this.#versions(path, versions, options)) {
      version.destroyed = true;
      version.data = {};
    }
  }

  #versions(path: string, versions: number[], options: Scoped): KvVersion[] {
    const { mount, key } = this.#mountFor(path, options.namespace);
    const entry = mount.versioned.get(key);
    if (!entry) throw new Error(`vault-test-server: no KV v2 secret at "${path}"`);
    return versions.map((number) => {
      const version = entry.versions.get(number);
      if (!version) throw new Error(`vault-test-server: "${path}" has no version ${number}`);
      return version;
    });
  }

  /** Creates a role in the AWS engine mounted at `mount`. */
  addAwsRole(mount: string, name: string, role: AwsRoleOptions, options: Scoped = {}): void {
    const entry = this.namespace(options.namespace).mounts.get(mountPath(mount));
    if (!entry || entry.type !== 'aws') throw new Error(`vault-test-server: no AWS engine at "${mount}"`);
    entry.awsRoles.set(name, role);
  }

  /** Creates (or rotates) a static role in the AWS engine mounted at `mount`. */
  addAwsStaticRole(mount: string, name: string, credentials: AwsStaticCredentials, options: Scoped = {}): void {
    const entry = this.namespace(options.namespace).mounts.get(mountPath(mount));
    if (!entry || entry.type !== 'aws') throw new Error(`vault-test-server: no AWS engine at "${mount}"`);
    entry.awsStaticRoles.set(name, { ...credentials });
  }

  /** How many credentials the AWS engine issued for a role. */
  awsIssued(mount: string, role: string, options: Scoped = {}): number {
    return this.namespace(options.namespace).mounts.get(mountPath(mount))?.awsIssued.get(role) ?? 0;
  }

  /** Enables an auth method at `auth/<path>`. */
  enableAuth(path: string, type: AuthMount['type'], options: Scoped = {}): AuthMount {
    const normalised = mountPath(path);
    const mount: AuthMount = { path: normalised, type, accessor: `auth_${type}_${newId().slice(0, 8)}`, roles: new Map(), defaultRole: undefined, logins: 0 };
    this.namespace(options.namespace).authMounts.set(normalised, mount);
    return mount;
  }

  #authMount(path: string, type: AuthMount['type'], namespace: string | undefined): AuthMount {
    const mount = this.namespace(namespace).authMounts.get(mountPath(path));
    if (!mount || mount.type !== type) throw new Error(`vault-test-server: no ${type} auth at "auth/${mountPath(path)}"`);
    return mount;
  }

  /** AppRole: a role whose login takes exactly this role_id and secret_id. */
  addAppRole(mount: string, role: { roleName: string; roleId: string; secretId: string; token?: TokenOptions }, options: Scoped = {}): void {
    this.#authMount(mount, 'approle', options.namespace).roles.set(role.roleName, {
      name: role.roleName,
      roleId: role.roleId,
      secretId: role.secretId,
      token: { ...role.token, namespace: options.namespace },
    });
  }

  /** Kubernetes or JWT auth: a role whose login takes exactly this JWT. */
  addJwtRole(mount: string, type: 'kubernetes' | 'jwt', role: { role: string; jwt: string; default?: boolean; token?: TokenOptions }, options: Scoped = {}): void {
    const auth = this.#authMount(mount, type, options.namespace);
    auth.roles.set(role.role, { name: role.role, jwt: role.jwt, token: { ...role.token, namespace: options.namespace } });
    if (role.default) auth.defaultRole = role.role;
  }

  /** How many successful logins an auth mount has seen. */
  loginCount(mount: string, options: Scoped = {}): number {
    return this.namespace(options.namespace).authMounts.get(mountPath(mount))?.logins ?? 0;
  }

  /** The next `count` requests get `failure` instead of an answer. */
  failNext(failure: InjectedFailure, count = 1): void {
    for (let index = 0; index < count; index += 1) this.#failures.push(failure);
  }

  /** Takes the next injected failure, if any (the router calls this). */
  takeFailure(): InjectedFailure | undefined {
    return this.#failures.shift();
  }
}

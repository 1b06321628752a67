import type { SourceEnv } from '@cred-launch/core';
import { DEFAULT_KUBERNETES_JWT, type AuthOptions } from '../options.js';
import { refuseDotSegments } from './path-escape.js';
import { usage } from './errors.js';

/** Authentication flags. No flag takes a token or secret_id value: argv is visible in `ps` and in ~/.aws/config. */
export const AUTH_FLAGS = {
  auth: { type: 'string' },
  'auth-mount': { type: 'string' },
  'token-file': { type: 'string' },
  'role-id': { type: 'string' },
  'role-id-file': { type: 'string' },
  'secret-id-file': { type: 'string' },
  role: { type: 'string' },
  'jwt-file': { type: 'string' },
} as const;

/** The parsed values of {@link AUTH_FLAGS}. */
export interface AuthFlagValues {
  auth?: string;
  'auth-mount'?: string;
  'token-file'?: string;
  'role-id'?: string;
  'role-id-file'?: string;
  'secret-id-file'?: string;
  role?: string;
  'jwt-file'?: string;
}

const METHODS = ['token', 'approle', 'kubernetes', 'jwt'] as const;

function set(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** Refuses flags that belong to another auth method, so a typo never silently falls back to the token. */
function onlyFor(values: AuthFlagValues, method: string, allowed: readonly (keyof AuthFlagValues)[]): void {
  const owners: Record<string, string> = {
    'auth-mount': 'approle, kubernetes or jwt',
    'token-file': 'token',
    'role-id': 'approle',
    'role-id-file': 'approle',
    'secret-id-file': 'approle',
    role: 'kubernetes or jwt',
    'jwt-file': 'kubernetes or jwt',
  };
  for (const [flag, owner] of Object.entries(owners)) {
    if (values[flag as keyof AuthFlagValues] !== undefined && !allowed.includes(flag as keyof AuthFlagValues)) {
      throw usage(`--${flag} needs --auth ${owner} (the auth method is ${method})`);
    }
  }
}

/** The auth method and where its inputs come from. Secret values themselves are read later, in getCredentials. */
export function parseAuth(values: AuthFlagValues, env: SourceEnv): AuthOptions {
  const method = values.auth ?? 'token';
  if (!(METHODS as readonly string[]).includes(method)) {
    throw usage(`--auth must be one of ${METHODS.join(', ')} (got "${method}")`);
  }
  const mount = (values['auth-mount'] ?? method).replace(/^\/+|\/+$/gu, '').replace(/^auth\//u, '');
  if (mount === '') throw usage('--auth-mount is empty');
  refuseDotSegments(mount, '--auth-mount');
  switch (method) {
    case 'approle': {
      onlyFor(values, method, ['auth-mount', 'role-id', 'role-id-file', 'secret-id-file']);
      if (set(values['role-id']) && set(values['role-id-file'])) throw usage('give --role-id or --role-id-file, not both');
      if (!set(values['role-id']) && !set(values['role-id-file']) && !set(env.VAULT_ROLE_ID)) {
        throw usage('AppRole login needs a role_id', 'pass --role-id or --role-id-file, or set VAULT_ROLE_ID');
      }
      const options: AuthOptions = { method, mount };
      if (set(values['role-id'])) options.roleId = values['role-id'].trim();
      if (set(values['role-id-file'])) options.roleIdFile = values['role-id-file'];
      if (set(values['secret-id-file'])) options.secretIdFile = values['secret-id-file'];
      return options;
    }
    case 'kubernetes': {
      onlyFor(values, method, ['auth-mount', 'role', 'jwt-file']);
      if (!set(values.role)) throw usage('Kubernetes login needs --role (the Vault role bound to the service account)');
      return { method, mount, role: values.role.trim(), jwtFile: values['jwt-file'] ?? DEFAULT_KUBERNETES_JWT };
    }
    case 'jwt': {
      onlyFor(values, method, ['auth-mount', 'role', 'jwt-file']);
      if (!set(values['jwt-file'])) throw usage('JWT login needs --jwt-file (a file holding the JWT)');
      const options: AuthOptions = { method, mount, jwtFile: values['jwt-file'] };
      if (set(values.role)) options.role = values.role.trim();
      return options;
    }
    default: {
      onlyFor(values, 'token', ['token-file']);
      return set(values['token-file']) ? { method: 'token', tokenFile: values['token-file'] } : { method: 'token' };
    }
  }
}

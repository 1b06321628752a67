import { describe, expect, test } from 'vitest';
import { isCredentialError } from '@cred-launch/core';
import source from '../src/index.js';
import { parseVaultArgs } from '../src/args/index.js';

const parse = (argv: string[], env: Record<string, string> = {}) => source.parseArgs({ argv, env });
function parseError(argv: string[], env: Record<string, string> = {}) {
  try {
    parse(argv, env);
  } catch (error) {
    if (isCredentialError(error)) return error;
    throw error;
  }
  throw new Error('expected parseArgs to throw');
}

describe('connection settings', () => {
  test('default to the vault CLI defaults', () => {
    const { connection, auth, secret } = parse(['secret/aws/dev']);
    expect(connection).toEqual({ address: 'https://127.0.0.1:8200', skipVerify: false, maxRetries: 2 });
    expect(auth).toEqual({ method: 'token' });
    expect(secret).toMatchObject({ path: 'secret/aws/dev', engine: 'auto', fields: {}, aws: {} });
  });

  test('come from the VAULT_* environment, and flags override it', () => {
    const env = {
      VAULT_ADDR: 'https://vault.example.com:8200/v1/',
      VAULT_NAMESPACE: '/team-a/',
      VAULT_CACERT: '/etc/ca.pem',
      VAULT_CAPATH: '/etc/cas',
      VAULT_CLIENT_CERT: '/c.pem',
      VAULT_CLIENT_KEY: '/c.key',
      VAULT_TLS_SERVER_NAME: 'vault.internal',
      VAULT_SKIP_VERIFY: 'true',
      VAULT_MAX_RETRIES: '5',
    };
    expect(parse(['x/y'], env).connection).toEqual({
      address: 'https://vault.example.com:8200',
      namespace: 'team-a',
      caCert: '/etc/ca.pem',
      caPath: '/etc/cas',
      clientCert: '/c.pem',
      clientKey: '/c.key',
      tlsServerName: 'vault.internal',
      skipVerify: true,
      maxRetries: 5,
    });
    const flagged = parse(['x/y', '--address', 'http://other:8200', '--namespace', 'b', '--ca-cert', 'ca2.pem', '--max-retries', '0'], env).connection;
    expect(flagged).toMatchObject({ address: 'http://other:8200', namespace: 'b', caCert: 'ca2.pem', maxRetries: 0 });
  });

  test('VAULT_AGENT_ADDR wins over VAULT_ADDR, as in the vault CLI', () => {
    expect(parse(['x/y'], { VAULT_ADDR: 'https://vault:8200', VAULT_AGENT_ADDR: 'http://127.0.0.1:8100' }).connection.address).toBe('http://127.0.0.1:8100');
  });

  test('VAULT_SKIP_VERIFY is parsed like Go strconv.ParseBool', () => {
    expect(parse(['x/y'], { VAULT_SKIP_VERIFY: '1' }).connection.skipVerify).toBe(true);
    expect(parse(['x/y'], { VAULT_SKIP_VERIFY: 'False' }).connection.skipVerify).toBe(false);
    expect(parseError(['x/y'], { VAULT_SKIP_VERIFY: 'yes' })).toMatchObject({ code: 'CONFIG' });
  });

  test('bad addresses: USAGE for a flag, CONFIG for the environment', () => {
    expect(parseError(['x/y', '--address', 'vault:8200'])).toMatchObject({ code: 'USAGE' });
    expect(parseError(['x/y'], { VAULT_ADDR: 'not a url' })).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('VAULT_ADDR') });
    expect(parseError(['x/y'], { VAULT_ADDR: 'ftp://vault' }).message).toContain('http:// or https://');
    expect(parseError(['x/y', '--address', 'https://user:pw@vault'])).toMatchObject({ code: 'USAGE' });
  });

  test('a client certificate needs its key', () => {
    expect(parseError(['x/y'], { VAULT_CLIENT_CERT: '/c.pem' })).toMatchObject({ code: 'USAGE' });
    expect(parseError(['x/y', '--client-key', '/c.key'])).toMatchObject({ code: 'USAGE' });
  });
});

describe('secret arguments', () => {
  test('--mount joins the path like `vault kv get -mount`', () => {
    expect(parse(['aws/dev', '--mount', 'secret/']).secret).toMatchObject({ path: 'secret/aws/dev', mount: 'secret/' });
  });

  test('field overrides, version and AWS parameters', () => {
    const { secret } = parse(['aws/sts/deploy', '--ttl', '15m', '--role-arn', 'arn:aws:iam::111122223333:role/Dev', '--role-session-name', 'me']);
    expect(secret.aws).toEqual({ ttlSeconds: 900, roleArn: 'arn:aws:iam::111122223333:role/Dev', roleSessionName: 'me' });
    const kv = parse(['secret/x', '--version', '3', '--access-key-field', 'id', '--secret-key-field', 'key', '--session-token-field', 'tok', '--expiration-field', 'exp']).secret;
    expect(kv.version).toBe(3);
    expect(kv.fields).toEqual({ accessKeyId: 'id', secretAccessKey: 'key', sessionToken: 'tok', expiration: 'exp' });
  });

  test('--engine aws takes the mount from the path; kv2 needs --mount', () => {
    expect(parse(['cloud/aws/sts/deploy', '--engine', 'aws']).secret).toMatchObject({ engine: 'aws', mount: 'cloud/aws/' });
    expect(parseError(['secret/x', '--engine', 'kv2'])).toMatchObject({ code: 'USAGE', message: expect.stringContaining('--mount') });
    expect(parse(['x', '--engine', 'kv2', '--mount', 'secret']).secret).toMatchObject({ engine: 'kv2', mount: 'secret/', path: 'secret/x' });
    expect(parseError(['secret/x', '--engine', 'aws'])).toMatchObject({ code: 'USAGE' });
  });

  test.each([
    [[]],
    [['a', 'b']],
    [['x', '--engine', 'kv3']],
    [['x', '--version', '0']],
    [['x', '--version', 'latest']],
    [['x', '--engine', 'kv1', '--version', '2']],
    [['x', '--engine', 'kv1', '--ttl', '1h']],
    [['x', '--ttl', 'forever']],
    [['x', '--role-arn', 'deploy']],
    [['x', '--role-session-name', 'has space']],
    [['x', '--unknown']],
    [['/']],
    [['x', '--access-key-field', '']],
  ])('rejects %j with USAGE', (argv) => {
    expect(parseError(argv as string[]).code).toBe('USAGE');
  });
});

describe('authentication arguments', () => {
  test('AppRole: role_id from a flag, a file or VAULT_ROLE_ID; secret values never land in args', () => {
    expect(parse(['x', '--auth', 'approle', '--role-id', 'r1', '--secret-id-file', '/s']).auth).toEqual({ method: 'approle', mount: 'approle', roleId: 'r1', secretIdFile: '/s' });
    const fromEnv = parse(['x', '--auth', 'approle', '--auth-mount', 'auth/ci/'], { VAULT_ROLE_ID: 'r2', VAULT_SECRET_ID: 'top-secret-id' });
    expect(fromEnv.auth).toEqual({ method: 'approle', mount: 'ci' });
    expect(JSON.stringify(fromEnv)).not.toContain('top-secret-id');
    expect(parseError(['x', '--auth', 'approle'])).toMatchObject({ code: 'USAGE', message: expect.stringContaining('role_id') });
  });

  test('Kubernetes needs a role and defaults the JWT file; JWT needs a file', () => {
    expect(parse(['x', '--auth', 'kubernetes', '--role', 'app']).auth).toEqual({
      method: 'kubernetes',
      mount: 'kubernetes',
      role: 'app',
      jwtFile: '/var/run/secrets/kubernetes.io/serviceaccount/token',
    });
    expect(parseError(['x', '--auth', 'kubernetes'])).toMatchObject({ code: 'USAGE' });
    expect(parse(['x', '--auth', 'jwt', '--jwt-file', 'ci.jwt']).auth).toEqual({ method: 'jwt', mount: 'jwt', jwtFile: 'ci.jwt' });
    expect(parseError(['x', '--auth', 'jwt', '--role', 'r'])).toMatchObject({ code: 'USAGE' });
  });

  test("refuses another method's flags instead of silently using the token", () => {
    expect(parseError(['x', '--role', 'app'])).toMatchObject({ code: 'USAGE', message: expect.stringContaining('--auth kubernetes or jwt') });
    expect(parseError(['x', '--auth', 'approle', '--role-id', 'r', '--jwt-file', 'f'])).toMatchObject({ code: 'USAGE' });
    expect(parseError(['x', '--auth', 'ldap'])).toMatchObject({ code: 'USAGE' });
    expect(parseError(['x', '--auth', 'approle', '--role-id', 'a', '--role-id-file', 'b'])).toMatchObject({ code: 'USAGE' });
  });

  test('no flag takes a token: it would be visible in ps and ~/.aws/config', () => {
    expect(parseError(['x', '--token', 's.abc'])).toMatchObject({ code: 'USAGE' });
  });
});

describe('--kv-version (the KV v2 version; --version is its old spelling)', () => {
  test('--kv-version and --version both read the version; both at once is a usage error', () => {
    expect(parseVaultArgs({ argv: ['secret/x', '--kv-version', '4'], env: {} }).secret.version).toBe(4);
    expect(parseVaultArgs({ argv: ['secret/x', '--version', '4'], env: {} }).secret.version).toBe(4);
    expect(() => parseVaultArgs({ argv: ['secret/x', '--kv-version', '4', '--version', '4'], env: {} })).toThrow(/give --kv-version once/u);
    expect(() => parseVaultArgs({ argv: ['secret/x', '--kv-version', '0'], env: {} })).toThrow(/--kv-version must be a positive whole number/u);
  });
});

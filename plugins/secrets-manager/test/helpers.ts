import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createSecretsManager,
  createSts,
  startAwsTestServer,
  type TestKeyPair,
  type AwsTestServer,
  type SecretFixture,
  type SecretsManagerService,
} from '@cred-launch/aws-test-server';
import { runCredentialSource, SecretRedactor, type SourceCredentials, type SourceEnv } from '@cred-launch/core';
import source from '../src/index.js';

/** The key pair the environment (default chain) calls with. */
export const ALICE = { accessKeyId: 'AKIAALICE00000000001', secretAccessKey: 'alice-calling-secret-0000000000000000001' };
/** The key pair of the `bob` profile in the temp credentials file. */
export const BOB = { accessKeyId: 'AKIABOB0000000000002', secretAccessKey: 'bob-calling-secret-00000000000000000002' };

/** Temporary keys the server knows but treats as expired. */
export const EXPIRED = {
  accessKeyId: 'ASIAEXPIRED000000009',
  secretAccessKey: 'expired-calling-secret-0000000000000009',
  sessionToken: 'expired-session-token-0000000000000009',
};

/** A role Bob may assume (served by the test server's STS). */
export const READER_ROLE = 'arn:aws:iam::123456789012:role/secret-reader';

/** A value stored in the backend that must never show up in a message. */
export const CANARY = 'canary-SECRET-ACCESS-KEY-d41d8cd98f00b204';

/** The credentials stored in the secrets. */
export const STORED = { accessKeyId: 'AKIASTORED0000000003', secretAccessKey: CANARY };

export const VERSION_CURRENT = '11111111-2222-4333-8444-555555555555';
export const VERSION_PENDING = '66666666-7777-4888-8999-aaaaaaaaaaaa';

/** The secrets every plugin test can read. */
export function fixtures(): SecretFixture[] {
  const json = JSON.stringify({ AccessKeyId: STORED.accessKeyId, SecretAccessKey: STORED.secretAccessKey });
  return [
    { name: 'ci/pascal', secretString: json },
    { name: 'ci/snake', secretString: JSON.stringify({ aws_access_key_id: STORED.accessKeyId, aws_secret_access_key: CANARY, aws_session_token: 'stored-session-token-0001' }) },
    { name: 'ci/camel', secretString: JSON.stringify({ accessKeyId: STORED.accessKeyId, secretAccessKey: CANARY, expiration: '2099-01-01T00:00:00Z' }) },
    { name: 'ci/custom', secretString: JSON.stringify({ deploy_key: STORED.accessKeyId, deploy_secret: CANARY, note: 'hello' }) },
    {
      name: 'ci/nested',
      secretString: JSON.stringify({
        team: 'ci',
        aws: { ci: { AccessKeyId: STORED.accessKeyId, SecretAccessKey: CANARY } },
        'dotted.key': { AccessKeyId: 'AKIADOTTED0000000004', SecretAccessKey: CANARY },
      }),
    },
    {
      name: 'ci/ini',
      secretString: `[default]\naws_access_key_id = ${STORED.accessKeyId}\naws_secret_access_key = ${CANARY}\n\n[profile deploy]\naws_access_key_id = AKIADEPLOY0000000005\naws_secret_access_key = ${CANARY}\n`,
    },
    { name: 'ci/binary-json', secretBinary: new TextEncoder().encode(json) },
    { name: 'ci/binary-ini', secretBinary: new TextEncoder().encode(`[default]\naws_access_key_id = ${STORED.accessKeyId}\naws_secret_access_key = ${CANARY}\n`) },
    { name: 'ci/binary-garbage', secretBinary: new Uint8Array([0xff, 0xfe, 0x00, 0x80, 0xc3]) },
    {
      name: 'ci/rotating',
      versions: [
        { versionId: VERSION_CURRENT, stages: ['AWSCURRENT'], secretString: JSON.stringify({ AccessKeyId: 'AKIACURRENT000000006', SecretAccessKey: CANARY }) },
        { versionId: VERSION_PENDING, stages: ['AWSPENDING'], secretString: JSON.stringify({ AccessKeyId: 'AKIAPENDING000000007', SecretAccessKey: CANARY }) },
      ],
    },
    { name: 'ci/eu', region: 'eu-west-1', secretString: JSON.stringify({ AccessKeyId: 'AKIAEUWEST0000000008', SecretAccessKey: CANARY }) },
    { name: 'ci/bob-only', readers: [BOB.accessKeyId], secretString: json },
    { name: 'ci/kms', kmsDecryptFails: true, secretString: json },
    { name: 'ci/deleted', deleted: true, secretString: json },
    { name: 'ci/not-json', secretString: `this is not json but it contains ${CANARY}` },
    { name: 'ci/broken-json', secretString: `{"AccessKeyId": "${STORED.accessKeyId}", "SecretAccessKey": "${CANARY}"` },
    { name: 'ci/array', secretString: JSON.stringify([STORED.accessKeyId, CANARY]) },
    { name: 'ci/missing-secret', secretString: JSON.stringify({ AccessKeyId: STORED.accessKeyId, password: CANARY }) },
  ];
}

/** A running test server with the fixtures, accepting ALICE and BOB. */
export interface Backend {
  server: AwsTestServer;
  secretsManager: SecretsManagerService;
  /** Temp dir with `config` and `credentials` (profile `bob` holds BOB's keys). */
  dir: string;
  configFile: string;
  credentialsFile: string;
  /** context.env: the server as endpoint, ALICE's keys, us-east-1, the temp files. */
  env(extra?: Record<string, string | undefined>): SourceEnv;
  close(): Promise<void>;
}

export async function startBackend(): Promise<Backend> {
  const secretsManager = createSecretsManager({ secrets: fixtures() });
  // Shared with STS, which appends the keys it issues so they work here too.
  const keys: TestKeyPair[] = [ALICE, BOB, { ...EXPIRED, expired: true }];
  const sts = createSts({ keys, roles: [{ arn: READER_ROLE, trustedKeyIds: [BOB.accessKeyId] }] });
  const server = await startAwsTestServer({ keys, services: [secretsManager, sts] });
  const dir = mkdtempSync(join(tmpdir(), 'cred-launch-sm-test-'));
  const configFile = join(dir, 'config');
  const credentialsFile = join(dir, 'credentials');
  writeFileSync(configFile, '[profile bob]\nregion = us-east-1\n', { mode: 0o600 });
  writeFileSync(credentialsFile, `[bob]\naws_access_key_id = ${BOB.accessKeyId}\naws_secret_access_key = ${BOB.secretAccessKey}\n`, { mode: 0o600 });
  return {
    server,
    secretsManager,
    dir,
    configFile,
    credentialsFile,
    env(extra = {}): SourceEnv {
      const env: Record<string, string | undefined> = {
        AWS_ENDPOINT_URL_SECRETS_MANAGER: server.url,
        AWS_ENDPOINT_URL_STS: server.url,
        AWS_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: ALICE.accessKeyId,
        AWS_SECRET_ACCESS_KEY: ALICE.secretAccessKey,
        AWS_CONFIG_FILE: configFile,
        AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
        AWS_MAX_ATTEMPTS: '1',
        ...extra,
      };
      for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
      return env;
    },
    async close(): Promise<void> {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** What one run produced. */
export interface Run {
  credentials?: SourceCredentials;
  error?: { code?: string; message: string; hint?: string };
  logs: string[];
  redactor: SecretRedactor;
}

/** Runs the plugin through core exactly as the launcher does. */
export async function run(argv: string[], env: SourceEnv, options: { signal?: AbortSignal; homedir?: string } = {}): Promise<Run> {
  const redactor = new SecretRedactor();
  const logs: string[] = [];
  try {
    const credentials = await runCredentialSource(source, argv, {
      env,
      redactor,
      log: (line) => logs.push(line),
      cwd: process.cwd(),
      homedir: options.homedir ?? '/nonexistent-home',
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    return { credentials, logs, redactor };
  } catch (error) {
    const { code, message, hint } = error as { code?: string; message: string; hint?: string };
    return { error: { code, message, hint }, logs, redactor };
  }
}

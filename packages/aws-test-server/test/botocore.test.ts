import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createSecretsManager, startAwsTestServer, type AwsTestServer } from '../src/index.js';
import { ALICE, BOB } from './helpers.js';

// A second, independent client: the AWS CLI (botocore) signs and parses the
// JSON 1.1 protocol its own way, so the server is not only tested against the
// signer it verifies with.
const run = promisify(execFile);
const hasAwsCli = await run('aws', ['--version']).then(
  () => true,
  () => false,
);

describe.skipIf(!hasAwsCli)('AWS CLI (botocore) against the server', () => {
  let server: AwsTestServer;
  beforeAll(async () => {
    server = await startAwsTestServer({
      keys: [ALICE, BOB],
      services: [
        createSecretsManager({
          defaultRegion: 'eu-central-1',
          secrets: [
            { name: 'cli/string', secretString: 'hello' },
            { name: 'cli/binary', secretBinary: new Uint8Array([104, 105]) },
            { name: 'cli/in-us', region: 'us-east-1', secretString: 'elsewhere' },
          ],
        }),
      ],
    });
  });
  afterAll(async () => {
    await server.close();
  });

  const aws = (secretId: string, key: { accessKeyId: string; secretAccessKey: string }) =>
    run('aws', ['secretsmanager', 'get-secret-value', '--endpoint-url', server.url, '--region', 'eu-central-1', '--output', 'json', '--secret-id', secretId], {
      timeout: 20_000,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        AWS_ACCESS_KEY_ID: key.accessKeyId,
        AWS_SECRET_ACCESS_KEY: key.secretAccessKey,
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_MAX_ATTEMPTS: '1',
      },
    });
  const stderrOf = (call: Promise<unknown>): Promise<string> =>
    call.then(
      () => '',
      (error: { stderr: string }) => error.stderr,
    );

  test('reads SecretString and SecretBinary; the signature verifies', async () => {
    const before = server.requests.length;
    const text = JSON.parse((await aws('cli/string', BOB)).stdout) as Record<string, unknown>;
    expect(text).toMatchObject({ Name: 'cli/string', SecretString: 'hello', VersionStages: ['AWSCURRENT'] });
    const binary = JSON.parse((await aws('cli/binary', BOB)).stdout) as Record<string, unknown>;
    expect(binary.SecretBinary).toBe(Buffer.from('hi').toString('base64'));
    expect(server.requests.slice(before).map((request) => [request.accessKeyId, request.region, request.verified])).toEqual([
      [BOB.accessKeyId, 'eu-central-1', true],
      [BOB.accessKeyId, 'eu-central-1', true],
    ]);
  }, 30_000);

  test('botocore parses the error bodies into the documented codes', async () => {
    expect(await stderrOf(aws('cli/in-us', ALICE))).toMatch(/ResourceNotFoundException.*GetSecretValue.*can't find the specified secret/u);
    expect(await stderrOf(aws('cli/string', { accessKeyId: ALICE.accessKeyId, secretAccessKey: 'not-alices-secret' }))).toMatch(/InvalidSignatureException/u);
    expect(await stderrOf(aws('cli/string', { accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'x' }))).toMatch(/UnrecognizedClientException/u);
  }, 30_000);
});

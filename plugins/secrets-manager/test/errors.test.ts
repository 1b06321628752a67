import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { CANARY, EXPIRED, STORED, startBackend, run, type Backend, type Run } from './helpers.js';

let backend: Backend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(async () => {
  await backend.close();
});

/** Every failure must be a clean one: a code, one or two lines, a hint, and never the stored secret. */
function expectClean(result: Run): void {
  expect(result.credentials).toBeUndefined();
  const text = [result.error?.message ?? '', result.error?.hint ?? '', ...result.logs].join('\n');
  expect(text).not.toContain(CANARY);
  expect(result.error?.message.split('\n').length).toBeLessThanOrEqual(2);
  expect(result.error?.hint ?? '').not.toBe('');
}

describe('service errors map to core codes', () => {
  test('ResourceNotFoundException → NOT_FOUND naming the secret id and region', async () => {
    const result = await run(['no/such/secret'], backend.env());
    expectClean(result);
    expect(result.error).toMatchObject({ code: 'NOT_FOUND', message: 'secrets-manager: secret "no/such/secret" not found in us-east-1' });
    expect(result.error?.hint).toContain('region (AWS_REGION)');
  });

  test('AccessDeniedException → AUTH', async () => {
    const result = await run(['ci/bob-only'], backend.env());
    expectClean(result);
    expect(result.error?.code).toBe('AUTH');
  });

  test('DecryptionFailure → AUTH with a KMS hint', async () => {
    const result = await run(['ci/kms'], backend.env());
    expectClean(result);
    expect(result.error).toMatchObject({ code: 'AUTH', message: 'secrets-manager: Secrets Manager could not decrypt secret "ci/kms" with its KMS key' });
    expect(result.error?.hint).toContain('kms:Decrypt');
  });

  test('InvalidRequestException (scheduled for deletion) → NOT_FOUND with the reason', async () => {
    const result = await run(['ci/deleted'], backend.env());
    expectClean(result);
    expect(result.error?.code).toBe('NOT_FOUND');
    expect(result.error?.message).toContain('marked for deletion');
    expect(result.error?.hint).toContain('restore-secret');
  });

  test('an unknown access key (UnrecognizedClientException) → AUTH', async () => {
    const result = await run(['ci/pascal'], backend.env({ AWS_ACCESS_KEY_ID: 'AKIANOBODY0000000000' }));
    expectClean(result);
    expect(result.error).toMatchObject({
      code: 'AUTH',
      message: 'secrets-manager: AWS does not recognise the access key used by AWS_ACCESS_KEY_ID from the environment (UnrecognizedClientException)',
    });
  });

  test('a wrong secret key (InvalidSignatureException) → AUTH', async () => {
    const result = await run(['ci/pascal'], backend.env({ AWS_SECRET_ACCESS_KEY: 'not-alices-secret-key' }));
    expectClean(result);
    expect(result.error).toMatchObject({ code: 'AUTH', message: expect.stringContaining('(InvalidSignatureException)') as string });
  });

  test('expired session credentials (ExpiredTokenException) → AUTH', async () => {
    const result = await run(
      ['ci/pascal'],
      backend.env({ AWS_ACCESS_KEY_ID: EXPIRED.accessKeyId, AWS_SECRET_ACCESS_KEY: EXPIRED.secretAccessKey, AWS_SESSION_TOKEN: EXPIRED.sessionToken }),
    );
    expectClean(result);
    expect(result.error).toMatchObject({ code: 'AUTH', message: expect.stringContaining('have expired (ExpiredTokenException)') as string });
    expect(backend.server.requests.at(-1)?.headers['x-amz-security-token']).toBe(EXPIRED.sessionToken);
  });
});

describe('retries', () => {
  test('throttling is retried by the SDK (default 3 attempts), then BACKEND', async () => {
    backend.server.addFault({ operation: 'GetSecretValue', times: 3, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    const before = backend.server.requests.length;
    const result = await run(['ci/pascal'], backend.env({ AWS_MAX_ATTEMPTS: undefined }));
    backend.server.clearFaults();
    expectClean(result);
    expect(backend.server.requests.length - before).toBe(3);
    expect(result.error).toMatchObject({
      code: 'BACKEND',
      message: 'secrets-manager: Secrets Manager at ' + backend.server.url + ' throttled the request for secret "ci/pascal" after 3 attempts',
    });
  });

  test('a throttled request that succeeds on retry returns credentials', async () => {
    backend.server.addFault({ operation: 'GetSecretValue', times: 1, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    const before = backend.server.requests.length;
    const result = await run(['ci/pascal'], backend.env({ AWS_MAX_ATTEMPTS: undefined }));
    backend.server.clearFaults();
    expect(result.credentials?.accessKeyId).toBe(STORED.accessKeyId);
    expect(backend.server.requests.length - before).toBe(2);
  });

  test('a server fault (InternalServiceError, 500) → BACKEND', async () => {
    backend.server.addFault({ error: { type: 'InternalServiceError', message: 'boom', status: 500 } });
    const result = await run(['ci/pascal'], backend.env());
    backend.server.clearFaults();
    expectClean(result);
    expect(result.error).toMatchObject({ code: 'BACKEND', message: expect.stringContaining('failed with InternalServiceError (HTTP 500)') as string });
  });

  test('AWS_MAX_ATTEMPTS that is not a number is CONFIG', async () => {
    const result = await run(['ci/pascal'], backend.env({ AWS_MAX_ATTEMPTS: 'many' }));
    expect(result.error?.code).toBe('CONFIG');
  });
});

describe('network', () => {
  test('a refused connection → BACKEND naming the endpoint', async () => {
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const endpoint = `http://127.0.0.1:${port}`;
    const result = await run(['ci/pascal'], backend.env({ AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint }));
    expectClean(result);
    expect(result.error).toMatchObject({ code: 'BACKEND', message: `secrets-manager: could not reach Secrets Manager at ${endpoint} (ECONNREFUSED)` });
  });

  test('a hanging server is abandoned when the signal aborts → TIMEOUT', async () => {
    backend.server.addFault({ hang: true });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('time limit')), 300);
    const result = await run(['ci/pascal'], backend.env(), { signal: controller.signal });
    backend.server.clearFaults();
    expect(result.error?.code).toBe('TIMEOUT');
    expect(result.error?.hint).toContain('--timeout');
    // Bounded: it gave up after the abort, not after some SDK timeout.
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('malformed secrets → INVALID_SECRET naming the expected fields, never values', () => {
  const cases: Array<[string, string]> = [
    ['ci/not-json', 'secrets-manager: secret "ci/not-json" is neither a JSON object nor an AWS credentials INI text'],
    ['ci/broken-json', 'secrets-manager: secret "ci/broken-json" is not valid JSON'],
    ['ci/array', 'secrets-manager: secret "ci/array" is JSON but not an object (an array)'],
    ['ci/missing-secret', 'secret "ci/missing-secret" has no secret access key'],
  ];
  for (const [secretId, message] of cases) {
    test(secretId, async () => {
      const result = await run([secretId], backend.env());
      expectClean(result);
      expect(result.error?.code).toBe('INVALID_SECRET');
      expect(result.error?.message).toBe(message);
      expect(result.error?.hint).toMatch(/SecretAccessKey|secret_access_key/u);
    });
  }

  test('the missing-field hint lists field names present, not their values', async () => {
    const result = await run(['ci/missing-secret'], backend.env());
    expect(result.error?.hint).toContain('fields present: AccessKeyId, password');
  });
});

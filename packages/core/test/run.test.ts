import { describe, expect, test, vi } from 'vitest';
import {
  CONTRACT_VERSION,
  CredentialError,
  defineCredentialSource,
  isCredentialError,
  parseArguments,
  runCredentialSource,
  SecretRedactor,
  toCredentialError,
  type CredentialSource,
  type RunSourceOptions,
  type SourceContext,
  type SourceCredentials,
} from '../src/index.js';

const KEY = 'AKIAIOSFODNN7EXAMPLE';
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const CANARY = 'CANARY-secret-7f3a9c';
const NOW = new Date('2030-01-01T00:00:00Z');

type Args = { path: string };

function source(getCredentials: (context: SourceContext<Args>) => Promise<SourceCredentials>): CredentialSource<Args> & {
  getCredentials: ReturnType<typeof vi.fn>;
} {
  return defineCredentialSource<Args>({
    contractVersion: CONTRACT_VERSION,
    name: 'fake',
    description: 'a test source',
    usage: 'cred-launch fake <path>',
    parseArgs: ({ argv }) => ({ path: parseArguments(argv, { name: 'fake', options: {}, positionals: { min: 1, max: 1 } }).positionals[0] ?? '' }),
    getCredentials: vi.fn(getCredentials),
  }) as CredentialSource<Args> & { getCredentials: ReturnType<typeof vi.fn> };
}

function options(extra: Partial<RunSourceOptions> = {}): RunSourceOptions {
  return { env: { HOME: '/home/u' }, cwd: '/work', homedir: '/home/u', now: () => NOW, ...extra };
}

async function rejection(promise: Promise<unknown>): Promise<CredentialError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (thrown: unknown) => thrown,
  );
  if (!isCredentialError(error)) throw error;
  return error;
}

describe('runCredentialSource', () => {
  test('parses, fetches and returns validated credentials; the context carries args, env, signal, now, cwd, homedir', async () => {
    const controller = new AbortController();
    let seen: SourceContext<Args> | undefined;
    const fake = source(async (context) => {
      seen = context;
      return { accessKeyId: KEY, secretAccessKey: SECRET, expiration: new Date('2030-01-01T01:00:00Z') };
    });
    const result = await runCredentialSource(fake, ['secret/aws/dev'], options({ signal: controller.signal }));
    expect(result).toEqual({ accessKeyId: KEY, secretAccessKey: SECRET, expiration: new Date('2030-01-01T01:00:00Z') });
    expect(seen?.args).toEqual({ path: 'secret/aws/dev' });
    expect(seen?.env).toEqual({ HOME: '/home/u' });
    expect(seen?.signal).toBe(controller.signal);
    expect(seen?.now()).toBe(NOW);
    expect(seen?.cwd).toBe('/work');
    expect(seen?.homedir).toBe('/home/u');
  });

  test('parseArgs receives argv and env', async () => {
    const parseArgs = vi.fn(() => ({ path: 'x' }));
    const fake = { ...source(async () => ({ accessKeyId: KEY, secretAccessKey: SECRET })), parseArgs };
    await runCredentialSource(fake, ['a', '--b'], options({ env: { X: '1' } }));
    expect(parseArgs).toHaveBeenCalledWith({ argv: ['a', '--b'], env: { X: '1' } });
  });

  test('a USAGE error is thrown before getCredentials is called', async () => {
    const fake = source(async () => ({ accessKeyId: KEY, secretAccessKey: SECRET }));
    const error = await rejection(runCredentialSource(fake, [], options()));
    expect(error.code).toBe('USAGE');
    expect(error.message).toBe('fake: missing argument (expected 1)');
    expect(fake.getCredentials).not.toHaveBeenCalled();
  });

  test('a plain error from parseArgs becomes INTERNAL and getCredentials is not called', async () => {
    const fake = {
      ...source(async () => ({ accessKeyId: KEY, secretAccessKey: SECRET })),
      parseArgs: () => {
        throw new RangeError(`bad ${CANARY}`);
      },
    };
    const error = await rejection(runCredentialSource(fake, [], options()));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).not.toContain(CANARY);
    expect(fake.getCredentials).not.toHaveBeenCalled();
  });

  test('a non-core error is wrapped as INTERNAL without its message, keeping it as the cause', async () => {
    const original = new TypeError(`cannot read token ${CANARY}`);
    const error = await rejection(
      runCredentialSource(
        source(() => Promise.reject(original)),
        ['p'],
        options(),
      ),
    );
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('plugin "fake" failed unexpectedly (TypeError)');
    expect(error.message).not.toContain(CANARY);
    expect(error.hint).not.toContain(CANARY);
    expect(error.cause).toBe(original);
  });

  test('a thrown non-Error value is INTERNAL too', async () => {
    const error = await rejection(
      runCredentialSource(
        source(() => Promise.reject(CANARY)),
        ['p'],
        options(),
      ),
    );
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('plugin "fake" failed unexpectedly (string)');
  });

  test('a core error from the plugin passes through unchanged', async () => {
    const thrown = new CredentialError('NOT_FOUND', 'fake: no secret at p', { hint: 'check the path' });
    const error = await rejection(
      runCredentialSource(
        source(() => Promise.reject(thrown)),
        ['p'],
        options(),
      ),
    );
    expect(error).toBe(thrown);
  });

  test('secrets are registered even when validation rejects the result', async () => {
    const redactor = new SecretRedactor();
    const fake = source(async () => ({
      accessKeyId: KEY,
      secretAccessKey: SECRET,
      sessionToken: 'session-token-canary',
      mfaTotpSeed: 'JBSWY3DPEHPK3PXP',
      expiration: new Date('2029-12-31T23:00:00Z'), // already expired at NOW
    }));
    const error = await rejection(runCredentialSource(fake, ['p'], options({ redactor })));
    expect(error.code).toBe('INVALID_SECRET');
    const printed = redactor.redact(`${SECRET} session-token-canary JBSWY3DPEHPK3PXP`);
    expect(printed).toBe('[REDACTED] [REDACTED] [REDACTED]');
  });

  test('secrets are registered when the result has a stray field', async () => {
    const redactor = new SecretRedactor();
    const fake = source(async () => ({ accessKeyId: KEY, secretAccessKey: SECRET, password: 'x' }) as SourceCredentials);
    const error = await rejection(runCredentialSource(fake, ['p'], options({ redactor })));
    expect(error.code).toBe('INVALID_SECRET');
    expect(error.message).toContain('unexpected field "password"');
    expect(redactor.redact(SECRET)).toBe('[REDACTED]');
  });

  test('a result that is not an object is INVALID_SECRET', async () => {
    const error = await rejection(
      runCredentialSource(
        source(async () => undefined as unknown as SourceCredentials),
        ['p'],
        options(),
      ),
    );
    expect(error.code).toBe('INVALID_SECRET');
  });

  test('the plugin can register secrets and its debug lines arrive redacted', async () => {
    const lines: string[] = [];
    const fake = source(async (context) => {
      context.secrets.add(CANARY);
      context.log(`using token ${CANARY} for p`);
      return { accessKeyId: KEY, secretAccessKey: SECRET };
    });
    await runCredentialSource(fake, ['p'], options({ log: (line) => lines.push(line) }));
    expect(lines).toEqual(['using token [REDACTED] for p']);
  });

  test('the returned credentials are a clean copy: no extra fields, a new Date', async () => {
    const expiration = new Date('2030-01-01T01:00:00Z');
    const result = await runCredentialSource(
      source(async () => ({ accessKeyId: KEY, secretAccessKey: SECRET, expiration })),
      ['p'],
      options(),
    );
    expect(result.expiration).not.toBe(expiration);
    expect(result.expiration?.getTime()).toBe(expiration.getTime());
  });

  describe('time limit', () => {
    test('an aborted signal turns the abort into TIMEOUT, with the cause kept', async () => {
      const controller = new AbortController();
      const fake = source(
        ({ signal }) =>
          new Promise((_resolve, reject) => {
            signal.addEventListener('abort', () => reject(signal.reason), { once: true });
          }),
      );
      const running = runCredentialSource(fake, ['p'], options({ signal: controller.signal }));
      await vi.waitFor(() => expect(fake.getCredentials).toHaveBeenCalled());
      controller.abort(new DOMException('The operation was aborted', 'AbortError'));
      const error = await rejection(running);
      expect(error.code).toBe('TIMEOUT');
      expect(error.message).toBe('plugin "fake" did not finish in time');
      expect(error.hint).toContain('--timeout');
      expect((error.cause as Error).name).toBe('AbortError');
    });

    test('after an abort, even a core error of another code is reported as TIMEOUT', async () => {
      const controller = new AbortController();
      controller.abort();
      const fake = source(() => Promise.reject(new CredentialError('BACKEND', 'connection reset')));
      expect((await rejection(runCredentialSource(fake, ['p'], options({ signal: controller.signal })))).code).toBe('TIMEOUT');
    });

    test("the plugin's own TIMEOUT error is kept as is", async () => {
      const controller = new AbortController();
      controller.abort();
      const thrown = new CredentialError('TIMEOUT', 'fake: backend took too long');
      const error = await rejection(
        runCredentialSource(
          source(() => Promise.reject(thrown)),
          ['p'],
          options({ signal: controller.signal }),
        ),
      );
      expect(error).toBe(thrown);
    });

    test('without a signal, the plugin gets one that is not aborted', async () => {
      let aborted: boolean | undefined;
      await runCredentialSource(
        source(async ({ signal }) => {
          aborted = signal.aborted;
          return { accessKeyId: KEY, secretAccessKey: SECRET };
        }),
        ['p'],
        options(),
      );
      expect(aborted).toBe(false);
    });
  });
});

describe('toCredentialError', () => {
  test('names the error class, never the message', () => {
    class VaultClientError extends Error {
      override name = 'VaultClientError';
    }
    const error = toCredentialError(new VaultClientError(`token ${CANARY} rejected`), 'vault');
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toBe('plugin "vault" failed unexpectedly (VaultClientError)');
    expect(error.hint).toContain('--verbose');
  });

  test('returns core errors unchanged', () => {
    const error = new CredentialError('AUTH', 'x');
    expect(toCredentialError(error, 'vault')).toBe(error);
  });
});

describe('state store', () => {
  test('a plugin gets a working store by default; values expire', async () => {
    const { MemoryStateStore } = await import('../src/index.js');
    let clock = new Date('2030-01-01T00:00:00Z');
    const store = new MemoryStateStore(() => clock);
    store.set('k', 'v', new Date('2030-01-01T00:01:00Z'));
    expect(store.get('k')).toBe('v');
    clock = new Date('2030-01-01T00:01:00Z');
    expect(store.get('k')).toBeUndefined();
    store.set('k', 'v2', new Date('2031-01-01T00:00:00Z'));
    store.delete('k');
    expect(store.get('k')).toBeUndefined();
  });
});

describe('abortable', () => {
  test('settles like the promise while the signal is quiet', async () => {
    const { abortable } = await import('../src/index.js');
    await expect(abortable(Promise.resolve(7), new AbortController().signal)).resolves.toBe(7);
    await expect(abortable(Promise.reject(new Error('boom')), new AbortController().signal)).rejects.toThrow('boom');
  });

  test("rejects at once on abort with onAbort's error or the signal reason, and swallows a late rejection", async () => {
    const { abortable } = await import('../src/index.js');
    const controller = new AbortController();
    let rejectLate: (error: Error) => void = () => undefined;
    const never = new Promise<number>((_, reject) => (rejectLate = reject));
    const waiting = abortable(never, controller.signal, () => new Error('timed out'));
    controller.abort(new Error('reason'));
    await expect(waiting).rejects.toThrow('timed out');
    rejectLate(new Error('late')); // must not become an unhandled rejection
    await expect(abortable(never, controller.signal)).rejects.toThrow('reason');
  });
});

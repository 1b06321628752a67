import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { isCredentialError, readRegularFile, readRegularFileSync, REGULAR_FILE_MAX_BYTES } from '../src/index.js';

const dir = mkdtempSync(join(tmpdir(), 'core-regular-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
const directory = join(dir, 'a-directory');
mkdirSync(directory);
const regular = join(dir, 'token');
writeFileSync(regular, 'hvs.abc\n', { mode: 0o600 });
const big = join(dir, 'big');
writeFileSync(big, Buffer.alloc(2048, 'x'));

const what = 'vault: --token-file';

/** Both forms, so the sync one (configure, doctor) is held to the same rules. */
const forms = [
  ['readRegularFile', (path: string, maxBytes?: number) => readRegularFile(path, { what, ...(maxBytes === undefined ? {} : { maxBytes }) })],
  ['readRegularFileSync', async (path: string, maxBytes?: number) => readRegularFileSync(path, { what, ...(maxBytes === undefined ? {} : { maxBytes }) })],
] as const;

async function refusal(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isCredentialError(error, 'CONFIG')).toBe(true);
  return error as { code: string; message: string };
}

describe.each(forms)('%s', (_name, readFile) => {
  test('a FIFO nobody writes to is refused at once, naming what and where', async () => {
    const started = Date.now();
    const error = await refusal(readFile(fifo));
    expect(error.message).toBe(`vault: --token-file ${fifo} is a FIFO (named pipe), not a regular file`);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test('/dev/zero (endless) is refused as a character device', async () => {
    expect((await refusal(readFile('/dev/zero'))).message).toContain('/dev/zero is a character device, not a regular file');
  });

  test('a directory is refused', async () => {
    expect((await refusal(readFile(directory))).message).toContain(`${directory} is a directory, not a regular file`);
  });

  test('a file over maxBytes is refused', async () => {
    expect((await refusal(readFile(big, 1024))).message).toBe(`vault: --token-file ${big} is larger than 1024 bytes`);
    expect((await readFile(big, 2048)).bytes.length).toBe(2048);
  });

  test('a regular file is read whole, with the stat of the descriptor', async () => {
    const { bytes, stat } = await readFile(regular);
    expect(bytes.toString('utf8')).toBe('hvs.abc\n');
    expect(stat.isFile()).toBe(true);
    expect(stat.mode & 0o777).toBe(0o600);
  });

  test('/dev/null (AWS_CONFIG_FILE=/dev/null) is read as empty, like the SDKs do', async () => {
    expect((await readFile('/dev/null')).bytes.length).toBe(0);
  });

  test('an empty file is read as zero bytes', async () => {
    const empty = join(dir, `empty-${_name}`);
    writeFileSync(empty, '');
    expect((await readFile(empty)).bytes.length).toBe(0);
  });

  test('open errors pass through unchanged, for the caller to map', async () => {
    await expect(readFile(join(dir, 'missing'))).rejects.toMatchObject({ code: 'ENOENT' });
    await expect(readFile(join(regular, 'below-a-file'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });
});

test('the default bound is 1 MiB', () => {
  expect(REGULAR_FILE_MAX_BYTES).toBe(1024 * 1024);
});

test('an aborted signal stops the async read with its reason', async () => {
  const controller = new AbortController();
  controller.abort(new Error('gave up'));
  await expect(readRegularFile(regular, { what, signal: controller.signal })).rejects.toThrow('gave up');
});

test('a custom hint is carried on a refusal', async () => {
  const error = await readRegularFile(fifo, { what, hint: 'point --token-file at the token' }).catch((e: unknown) => e);
  expect(error).toMatchObject({ code: 'CONFIG', hint: 'point --token-file at the token' });
});

describe('the async read settles only once its descriptor is closed', () => {
  // The launcher exits as soon as the credentials are written: a close() left
  // running was still a pending fs request then (and kept the exit waiting).
  // node:fs as core gets it (the same object require returns), its close slowed down.
  const nodeFs = createRequire(import.meta.url)('node:fs') as typeof import('node:fs');
  const realClose = nodeFs.close;

  function slowClose(events: string[], delayMs: number): void {
    vi.spyOn(nodeFs, 'close').mockImplementation(((fd: number, callback: (error: NodeJS.ErrnoException | null) => void) => {
      realClose(fd, (error) =>
        setTimeout(() => {
          events.push('closed');
          callback(error);
        }, delayMs),
      );
    }) as typeof nodeFs.close);
  }
  afterEach(() => vi.restoreAllMocks());

  test('after a whole read', async () => {
    const events: string[] = [];
    slowClose(events, 50);
    const { bytes } = await readRegularFile(regular, { what });
    events.push('settled');
    expect(bytes.toString('utf8')).toBe('hvs.abc\n');
    expect(events).toEqual(['closed', 'settled']);
  });

  test('after a refusal (FIFO, too large)', async () => {
    const events: string[] = [];
    slowClose(events, 50);
    await refusal(readRegularFile(fifo, { what }));
    events.push('settled');
    await refusal(readRegularFile(big, { what, maxBytes: 1024 }));
    events.push('settled');
    expect(events).toEqual(['closed', 'settled', 'closed', 'settled']);
  });

  test('a close that hangs (a hung network mount) gives way to the abort signal', async () => {
    const events: string[] = [];
    slowClose(events, 5_000);
    const controller = new AbortController();
    const started = Date.now();
    const reading = readRegularFile(regular, { what, signal: controller.signal });
    setTimeout(() => controller.abort(new Error('gave up')), 50);
    expect((await reading).bytes.toString('utf8')).toBe('hvs.abc\n');
    expect(events).toEqual([]);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

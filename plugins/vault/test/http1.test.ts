import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { AbortedError, MAX_RESPONSE_BYTES } from '../src/client/http1.js';
import { isRetryableError } from '../src/client/retry.js';
import { Transport, type TransportOptions } from '../src/client/transport.js';

/**
 * A SCRIPTED RAW TCP SERVER, not Vault and not an HTTP library: every request
 * it receives (read up to its blank line and declared body) is answered with
 * the next bytes of the script, written as they are — so the plugin's own
 * HTTP/1.1 client (src/client/http1.ts) is checked against framings a real
 * server may use: Content-Length (Go's net/http for small answers), chunked
 * (node:http, Go for large answers), the end of the connection, 1xx answers,
 * kept-alive and closed connections.
 */
type Reply = string | Buffer | ((socket: Socket) => void);

let script: Reply[] = [];
let received: string[] = [];
let connections = 0;
let server: Server;
/** The same script served on a unix socket (a `unix://` Vault Agent address). */
let unixServer: Server;
let tcpBase: string;
const socketPath = join(mkdtempSync(join(tmpdir(), 'vault-http1-')), 'agent.sock');

beforeAll(async () => {
  const onConnection = (socket: Socket): void => {
    connections += 1;
    let pending = Buffer.alloc(0);
    socket.on('error', () => undefined);
    socket.on('data', (chunk) => {
      pending = Buffer.concat([pending, chunk]);
      for (;;) {
        const end = pending.indexOf('\r\n\r\n');
        if (end < 0) return;
        const head = pending.subarray(0, end).toString('latin1');
        const length = Number(/\r\ncontent-length: (\d+)/iu.exec(head)?.[1] ?? 0);
        if (pending.length < end + 4 + length) return;
        received.push(pending.subarray(0, end + 4 + length).toString('utf8'));
        pending = pending.subarray(end + 4 + length);
        const reply = script.shift();
        if (reply === undefined) socket.destroy();
        else if (typeof reply === 'function') reply(socket);
        else socket.write(reply);
      }
    });
  };
  server = createServer(onConnection);
  unixServer = createServer(onConnection);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => unixServer.listen(socketPath, resolve));
  tcpBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => unixServer.close(() => resolve()));
});

let transport: Transport;
/** The address requests go to: 127.0.0.1, or `http://localhost` dialled on the unix socket. */
let base: string;
/** How the transport connects: through the tcp_wrap/pipe_wrap bindings (the default) or node:net. */
let transportOptions: TransportOptions;
afterEach(() => {
  transport?.close();
  script = [];
  received = [];
  connections = 0;
});

function send(path = '/v1/secret/data/x', options: { method?: string; body?: string; headers?: Record<string, string>; signal?: AbortSignal } = {}) {
  transport ??= new Transport({ rejectUnauthorized: true }, transportOptions);
  return transport.send(
    new URL(`${base}${path}`),
    options.method ?? 'GET',
    { 'x-vault-request': 'true', ...options.headers },
    options.body,
    options.signal ?? new AbortController().signal,
  );
}

function fresh(): void {
  transport?.close();
  transport = new Transport({ rejectUnauthorized: true }, transportOptions);
}

const ok = (body: string, extra = ''): string => `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

describe.each([
  { path: '127.0.0.1, a direct tcp_wrap connection', unix: false, directSockets: true },
  { path: '127.0.0.1, node:net', unix: false, directSockets: false },
  { path: 'a unix socket, a direct pipe_wrap connection', unix: true, directSockets: true },
  { path: 'a unix socket, node:net', unix: true, directSockets: false },
])("the vault plugin's HTTP/1.1 client (over a scripted server: $path)", ({ unix, directSockets }) => {
  beforeAll(() => {
    base = unix ? 'http://localhost' : tcpBase;
    transportOptions = unix ? { socketPath, directSockets } : { directSockets };
  });

  test('Content-Length answers; two requests share one kept-alive connection; the request is written as node:http wrote it', async () => {
    fresh();
    script = [ok('{"a":1}'), ok('{"b":"é"}')];
    expect(await send('/v1/sys/internal/ui/mounts/secret/x')).toMatchObject({ status: 200, text: '{"a":1}', headers: { 'content-type': 'application/json' } });
    expect((await send('/v1/secret/data/x?version=2', { method: 'POST', body: '{"ttl":"1h"}', headers: { 'content-type': 'application/json' } })).text).toBe('{"b":"é"}');
    expect(connections).toBe(1);
    const host = new URL(base).host;
    expect(received[0]).toBe(`GET /v1/sys/internal/ui/mounts/secret/x HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\nx-vault-request: true\r\n\r\n`);
    expect(received[1]).toBe(
      `POST /v1/secret/data/x?version=2 HTTP/1.1\r\nhost: ${host}\r\nconnection: keep-alive\r\nx-vault-request: true\r\ncontent-type: application/json\r\ncontent-length: 12\r\n\r\n{"ttl":"1h"}`,
    );
  });

  test('chunked answers with extensions and trailers, delivered one byte at a time', async () => {
    fresh();
    const raw = 'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\n{"a":\r\nA\r\n"0123456"}\r\n0\r\nx-trailer: t\r\n\r\n';
    script = [
      (socket) => {
        let index = 0;
        const drip = (): void => {
          if (index < raw.length) socket.write(raw[index++] ?? '', () => setImmediate(drip));
        };
        drip();
      },
      ok('{}'),
    ];
    expect((await send()).text).toBe('{"a":"0123456"}');
    expect((await send()).text).toBe('{}');
    expect(connections).toBe(1);
  });

  test('a body delimited by the end of the connection is read whole; the next request opens a new connection', async () => {
    fresh();
    script = [
      (socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\r\n{"closed":true}'),
      (socket) => socket.end('HTTP/1.0 200 OK\r\ncontent-length: 2\r\n\r\n{}'),
      ok('{}', 'connection: close\r\n'),
      ok('{"last":1}'),
    ];
    expect((await send()).text).toBe('{"closed":true}');
    expect((await send()).text).toBe('{}');
    expect((await send()).text).toBe('{}');
    expect((await send()).text).toBe('{"last":1}');
    // HTTP/1.0 without keep-alive and `connection: close` are not reused either.
    expect(connections).toBe(4);
  });

  test('1xx answers are skipped, a 204 has no body, repeated headers keep their first value', async () => {
    fresh();
    script = [
      'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nlink: </x>\r\n\r\n' + ok('{"after":"continue"}'),
      'HTTP/1.1 204 No Content\r\n\r\n',
      'HTTP/1.1 429 Too Many Requests\r\nretry-after: 1\r\nretry-after: 30\r\nlocation: http://a.example/\r\nlocation: http://b.example/\r\ncontent-length: 0\r\n\r\n',
    ];
    expect(await send()).toMatchObject({ status: 200, text: '{"after":"continue"}' });
    expect(await send()).toMatchObject({ status: 204, text: '' });
    expect((await send()).headers).toMatchObject({ 'retry-after': '1', location: 'http://a.example/' });
    expect(connections).toBe(1);
  });

  test('a connection closed before the answer, or in the middle of its body, is a retryable "socket hang up" (ECONNRESET)', async () => {
    fresh();
    script = [(socket) => socket.destroy()];
    const before = await send().catch((error: unknown) => error);
    expect(before).toMatchObject({ code: 'ECONNRESET', message: 'socket hang up' });
    expect(isRetryableError(before)).toBe(true);
    script = [(socket) => socket.end('HTTP/1.1 200 OK\r\ncontent-length: 100\r\n\r\n{"cut":')];
    await expect(send()).rejects.toMatchObject({ code: 'ECONNRESET' });
    script = [(socket) => socket.end('HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n10\r\n{"cut"')];
    await expect(send()).rejects.toMatchObject({ code: 'ECONNRESET' });
  });

  test('what is not HTTP is a parse error, not retried; an answer over the size limit is refused', async () => {
    fresh();
    script = ['SSH-2.0-OpenSSH_9.2\r\n\r\n'];
    const garbage = await send().catch((error: unknown) => error);
    expect(garbage).toMatchObject({ code: 'HPE_INVALID_CONSTANT' });
    expect(isRetryableError(garbage)).toBe(false);
    script = ['HTTP/1.1 200 OK\r\ncontent-length: 12x\r\n\r\n{}'];
    await expect(send()).rejects.toMatchObject({ code: 'HPE_INVALID_CONTENT_LENGTH' });
    script = ['HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\nzz\r\n'];
    await expect(send()).rejects.toMatchObject({ code: 'HPE_INVALID_CHUNK_SIZE' });
    script = [(socket) => socket.write(`HTTP/1.1 200 OK\r\ncontent-length: ${MAX_RESPONSE_BYTES + 1}\r\n\r\n${'x'.repeat(MAX_RESPONSE_BYTES + 1)}`)];
    await expect(send()).rejects.toThrow(`response larger than ${MAX_RESPONSE_BYTES} bytes`);
  });

  test('a header value with CR/LF is refused before anything is sent (no header injection)', async () => {
    fresh();
    script = [ok('{}')];
    await expect(send(undefined, { headers: { 'x-vault-namespace': 'admin\r\nx-evil: 1' } })).rejects.toMatchObject({ code: 'ERR_INVALID_CHAR' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(received).toEqual([]);
  });

  test('a kept connection the server closed while idle is dropped; the next request dials again', async () => {
    fresh();
    script = [(socket) => socket.write(ok('{"one":1}'), () => setTimeout(() => socket.destroy(), 20)), ok('{"two":2}')];
    expect((await send()).text).toBe('{"one":1}');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await send()).text).toBe('{"two":2}');
    expect(connections).toBe(2);
  });

  test('the signal ends a request in flight at once with AbortedError', async () => {
    fresh();
    script = [(socket) => socket.write('HTTP/1.1 200 OK\r\ncontent-length: 50\r\n\r\n{"slow":')];
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 100);
    await expect(send(undefined, { signal: controller.signal })).rejects.toBeInstanceOf(AbortedError);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

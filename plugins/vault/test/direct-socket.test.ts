import { lookup } from 'node:dns/promises';
import { mkdtempSync } from 'node:fs';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { connectDirectByName } from '../src/client/direct-lookup.js';
import { connectDirectTcp, connectDirectUnix } from '../src/client/direct-socket.js';
import type { Connection } from '../src/client/http1.js';

/**
 * The tcp_wrap and pipe_wrap connections (src/client/direct-socket.ts) beside
 * node:net, against real local TCP and unix-socket servers: what the HTTP
 * client sees of each must be the same (events, their order, error codes and
 * messages). The HTTP behaviour on both paths is in http1.test.ts;
 * whole-process runs in e2e-direct-socket.test.ts.
 */

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** Listens on 127.0.0.1 (or `host`, or a unix socket path); resolves the port (0 for a socket path). */
async function listen(onConnection: (socket: Socket) => void, host = '127.0.0.1'): Promise<number> {
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  servers.push(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (host.startsWith('/')) server.listen(host, resolve);
    else server.listen(0, host, resolve);
  });
  return host.startsWith('/') ? 0 : (server.address() as AddressInfo).port;
}

/** A port nothing listens on (a server's, closed). */
async function closedPort(): Promise<number> {
  const port = await listen(() => undefined);
  const server = servers.pop() as Server;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** The events a connection emitted until `close`, in order, with data joined and the error's fields. */
function record(socket: Connection): Promise<{ events: string[]; data: string; error?: Record<string, unknown> }> {
  return new Promise((resolve) => {
    const events: string[] = [];
    let data = '';
    let error: Record<string, unknown> | undefined;
    socket.on('data', (chunk: Buffer) => {
      if (events.at(-1) !== 'data') events.push('data');
      data += chunk.toString('latin1');
    });
    socket.on('end', () => events.push('end'));
    socket.on('error', (thrown: NodeJS.ErrnoException & { address?: string; port?: number }) => {
      events.push('error');
      const { message, code, errno, syscall, address, port } = thrown;
      error = { message, code, errno, syscall, address, port };
    });
    socket.on('close', () => {
      events.push('close');
      resolve({ events, data, ...(error ? { error } : {}) });
    });
  });
}

function direct(host: string, port: number): Connection {
  const socket = connectDirectTcp(host, port);
  if (socket === undefined) throw new Error('this Node does not offer the tcp_wrap binding the vault plugin expects');
  return socket;
}

function viaNet(host: string, port: number): Connection {
  return connect({ host: host.replace(/^\[|\]$/gu, ''), port });
}

function directUnix(path: string): Connection {
  const socket = connectDirectUnix(path);
  if (socket === undefined) throw new Error('this Node does not offer the pipe_wrap binding the vault plugin expects');
  return socket;
}

function socketPath(): string {
  return join(mkdtempSync(join(tmpdir(), 'vault-direct-socket-')), 'agent.sock');
}

describe('direct tcp_wrap and pipe_wrap connections (the vault plugin, http:// to a literal IP, unix://)', () => {
  test('this Node offers the binding: a literal IPv4 or IPv6 address is dialled directly, a host name is left to node:net', () => {
    const ipv4 = connectDirectTcp('127.0.0.1', 9);
    const ipv6 = connectDirectTcp('[::1]', 9);
    expect(ipv4).toBeDefined();
    expect(ipv6).toBeDefined();
    for (const socket of [ipv4, ipv6]) {
      socket?.on('error', () => undefined);
      socket?.destroy();
    }
    expect(connectDirectTcp('localhost', 9)).toBeUndefined();
    expect(connectDirectTcp('vault.example.com', 9)).toBeUndefined();
    expect(connectDirectTcp('127.0.0.1.example.com', 9)).toBeUndefined();
    expect(connectDirectTcp('256.0.0.1', 9)).toBeUndefined();
  });

  test('writes made before the connection is up are sent (latin1 and utf8 as asked); the answer and the end arrive as with node:net', async () => {
    const port = await listen((socket) => {
      let got = Buffer.alloc(0);
      socket.on('data', (chunk: Buffer) => {
        got = Buffer.concat([got, chunk]);
        if (got.toString('latin1').endsWith('\n\n')) socket.end(Buffer.concat([Buffer.from('echo:'), got]));
      });
    });
    const outcomes = [];
    for (const open of [direct, viaNet]) {
      const socket = open('127.0.0.1', port);
      socket.setNoDelay(true);
      const outcome = record(socket);
      socket.cork();
      socket.write('héllo\n', 'latin1');
      socket.write('wörld\n\n', 'utf8');
      socket.uncork();
      outcomes.push(await outcome);
    }
    expect(outcomes[0]).toEqual({ events: ['data', 'end', 'close'], data: 'echo:h\u00e9llo\nw\u00c3\u00b6rld\n\n' });
    expect(outcomes[0]).toEqual(outcomes[1]);
  });

  test('connection refused: the same error as node:net (connect ECONNREFUSED 127.0.0.1:port), then close', async () => {
    const port = await closedPort();
    const [directOutcome, netOutcome] = await Promise.all([record(direct('127.0.0.1', port)), record(viaNet('127.0.0.1', port))]);
    expect(directOutcome).toEqual({
      events: ['error', 'close'],
      data: '',
      error: { message: `connect ECONNREFUSED 127.0.0.1:${port}`, code: 'ECONNREFUSED', errno: expect.any(Number), syscall: 'connect', address: '127.0.0.1', port },
    });
    expect(directOutcome).toEqual(netOutcome);
  });

  test('a reset while reading: the same error as node:net (read ECONNRESET), after the data that came before it', async () => {
    const port = await listen((socket) => {
      socket.once('data', () => socket.write('partial', () => setTimeout(() => socket.resetAndDestroy(), 20)));
    });
    const outcomes = [];
    for (const open of [direct, viaNet]) {
      const socket = open('127.0.0.1', port);
      const outcome = record(socket);
      socket.write('GET\n', 'latin1');
      outcomes.push(await outcome);
    }
    expect(outcomes[0]).toEqual({
      events: ['data', 'error', 'close'],
      data: 'partial',
      error: { message: 'read ECONNRESET', code: 'ECONNRESET', errno: expect.any(Number), syscall: 'read', address: undefined, port: undefined },
    });
    expect(outcomes[0]).toEqual(outcomes[1]);
  });

  test('destroyed while connecting: only close, no error (the pending connect is cancelled)', async () => {
    const port = await listen(() => undefined);
    const socket = direct('127.0.0.1', port);
    const outcome = record(socket);
    socket.destroy();
    expect(socket.destroyed).toBe(true);
    expect(await outcome).toEqual({ events: ['close'], data: '' });
    expect(socket.write('late', 'latin1')).toBe(false);
  });

  test('a unix socket: the exchange as with node:net; a missing socket file is the same error (connect ENOENT <path>)', async () => {
    const path = socketPath();
    await listen((socket) => socket.once('data', (chunk: Buffer) => socket.end(`pong:${chunk.toString('latin1')}`)), path);
    const outcomes = [];
    for (const open of [directUnix, (at: string) => connect({ path: at })]) {
      const socket = open(path);
      socket.setNoDelay(true);
      const outcome = record(socket);
      socket.write('ping', 'latin1');
      outcomes.push(await outcome);
    }
    expect(outcomes[0]).toEqual({ events: ['data', 'end', 'close'], data: 'pong:ping' });
    expect(outcomes[0]).toEqual(outcomes[1]);
    const missing = `${path}.missing`;
    const [directOutcome, netOutcome] = await Promise.all([record(directUnix(missing)), record(connect({ path: missing }))]);
    expect(directOutcome).toEqual({
      events: ['error', 'close'],
      data: '',
      error: { message: `connect ENOENT ${missing}`, code: 'ENOENT', errno: expect.any(Number), syscall: 'connect', address: missing, port: undefined },
    });
    expect(directOutcome).toEqual(netOutcome);
  });

  test('a host name that resolves to one address is dialled directly; several, none or a failed lookup are left to node:net', async () => {
    const addresses = await lookup('localhost', { all: true });
    const distinct = new Set(addresses.map((entry) => entry.address));
    const only = addresses[0];
    const port = await listen((socket) => socket.end('by-name'), only?.address ?? '127.0.0.1');
    const socket = await connectDirectByName('localhost', port, new AbortController().signal);
    if (distinct.size === 1) {
      expect(socket).toBeDefined();
      expect(await record(socket as Connection)).toEqual({ events: ['data', 'end', 'close'], data: 'by-name' });
    } else {
      // This machine's localhost has several addresses: node:net tries them in turn.
      expect(socket).toBeUndefined();
    }
    expect(await connectDirectByName('no-such-host.invalid', port, new AbortController().signal)).toBeUndefined();
  });

  test('a name lookup stops at once when the signal fires (undefined: the transport then reports the abort)', async () => {
    const aborted = new AbortController();
    aborted.abort();
    expect(await connectDirectByName('localhost', 9, aborted.signal)).toBeUndefined();
    const later = new AbortController();
    const pending = connectDirectByName('localhost', 9, later.signal);
    later.abort();
    expect(await pending).toBeUndefined();
  });

  test('IPv6 loopback, when this machine has it', async (context) => {
    let port: number;
    try {
      port = await listen((socket) => socket.end('v6'), '::1');
    } catch {
      context.skip();
      return;
    }
    expect(await record(direct('[::1]', port))).toEqual({ events: ['data', 'end', 'close'], data: 'v6' });
  });

  test('falls back to node:net (undefined) when process.binding is missing, refuses the names or has another shape', async () => {
    const binding = Object.getOwnPropertyDescriptor(process, 'binding') as PropertyDescriptor;
    const cases: Array<(() => unknown) | undefined> = [
      undefined,
      () => {
        throw new Error('No such module');
      },
      () => ({}),
    ];
    try {
      for (const replacement of cases) {
        Object.defineProperty(process, 'binding', { ...binding, value: replacement });
        vi.resetModules();
        const fresh = await import('../src/client/direct-socket.js');
        expect(fresh.connectDirectTcp('127.0.0.1', 9)).toBeUndefined();
        expect(fresh.connectDirectUnix('/tmp/x.sock')).toBeUndefined();
        const byName = await import('../src/client/direct-lookup.js');
        expect(await byName.connectDirectByName('localhost', 9, new AbortController().signal)).toBeUndefined();
      }
    } finally {
      Object.defineProperty(process, 'binding', binding);
    }
  });

  test('falls back to node:net when Node would print a deprecation warning for process.binding (--pending-deprecation)', async () => {
    vi.stubEnv('NODE_PENDING_DEPRECATION', '1');
    vi.resetModules();
    const fresh = await import('../src/client/direct-socket.js');
    expect(fresh.connectDirectTcp('127.0.0.1', 9)).toBeUndefined();
    expect(fresh.connectDirectUnix('/tmp/x.sock')).toBeUndefined();
  });
});

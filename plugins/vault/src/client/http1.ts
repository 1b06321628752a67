/** Largest answer read from Vault. Real answers are a few kilobytes. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;
/** Largest status line and headers, as Node's own parser (16 KiB). */
const MAX_HEAD_BYTES = 16 * 1024;

/**
 * What the client needs of a connection: a node:net or node:tls socket, or
 * the tcp_wrap/pipe_wrap connection of `direct-socket.ts`. Events: `data` (a Buffer),
 * `end`, `error`, `close`.
 */
export interface Connection {
  on(event: string, listener: (...args: any[]) => void): unknown;
  once(event: string, listener: (...args: any[]) => void): unknown;
  off(event: string, listener: (...args: any[]) => void): unknown;
  cork(): void;
  uncork(): void;
  write(chunk: string, encoding: BufferEncoding): boolean;
  setNoDelay(enable: boolean): unknown;
  ref(): unknown;
  unref(): unknown;
  destroy(): unknown;
  readonly destroyed: boolean;
}

/** One HTTP exchange's result. */
export interface HttpResult {
  status: number;
  /** Header names in lower case (through a proxy, node:http's IncomingHttpHeaders). */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  text: string;
}

/** Raised when the signal aborted the exchange. */
export class AbortedError extends Error {
  constructor() {
    super('aborted');
    this.name = 'AbortedError';
  }
}

/** The request line and headers of one request, as written on the wire. */
export interface Http1Request {
  method: string;
  /** Origin form (`/v1/secret/data/x?version=2`), or absolute form through an http proxy. */
  target: string;
  /** The `Host` header: host, and port when not the scheme's default. */
  host: string;
  headers: Readonly<Record<string, string>>;
  body: string | undefined;
}

/** What one exchange left behind: the answer, and whether the connection can carry the next request. */
export interface Http1Exchange {
  result: HttpResult;
  reusable: boolean;
}

function protocolError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** What Node's client reports when the server closes the connection before the answer is complete. */
export function hangUp(): Error {
  return protocolError('ECONNRESET', 'socket hang up');
}

/** Node's header value rule: no control characters but tab (so no CR/LF injection), nothing above latin1. */
const INVALID_HEADER_VALUE = /[^\t\x20-\x7e\x80-\xff]/u;

function requestHead(request: Http1Request): string {
  let head = `${request.method} ${request.target} HTTP/1.1\r\nhost: ${request.host}\r\nconnection: keep-alive\r\n`;
  for (const [name, value] of Object.entries(request.headers)) {
    if (INVALID_HEADER_VALUE.test(value)) throw protocolError('ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
    head += `${name}: ${value}\r\n`;
  }
  if (request.body !== undefined || request.method === 'POST') head += `content-length: ${Buffer.byteLength(request.body ?? '')}\r\n`;
  return `${head}\r\n`;
}

/** A response's status line and headers, read. */
interface ResponseHead {
  status: number;
  headers: Record<string, string | undefined>;
  /** The connection may carry another request afterwards (HTTP/1.1 without `connection: close`). */
  keepAlive: boolean;
}

/**
 * Reads one HTTP/1.x response from the bytes pushed into it: status line and
 * headers (1xx answers skipped), then a body delimited by `content-length`,
 * by chunked transfer coding or by the end of the connection. Bodies are not
 * decoded further (no gzip), as with node:http.
 */
class ResponseReader {
  #buffer: Buffer = Buffer.alloc(0);
  #head: ResponseHead | undefined;
  #framing: 'length' | 'chunked' | 'close' = 'close';
  #remaining = 0;
  #body: Buffer[] = [];
  #bodyBytes = 0;
  readonly #noBody: boolean;

  constructor(method: string) {
    this.#noBody = method === 'HEAD';
  }

  /** Adds bytes; returns the exchange once the response is complete. */
  push(chunk: Buffer): Http1Exchange | undefined {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    while (this.#head === undefined) {
      if (!this.#readHead()) return undefined;
    }
    return this.#framing === 'chunked' ? this.#readChunks() : this.#readPlain();
  }

  /** The connection ended: completes a body delimited by the end, else fails. */
  end(): Http1Exchange {
    if (this.#head !== undefined && this.#framing === 'close') return this.#complete(false);
    throw hangUp();
  }

  #readHead(): boolean {
    const end = this.#buffer.indexOf('\r\n\r\n');
    if (end < 0) {
      if (this.#buffer.length > MAX_HEAD_BYTES) throw protocolError('HPE_HEADER_OVERFLOW', 'Parse Error: Header overflow');
      return false;
    }
    const lines = this.#buffer.subarray(0, end).toString('latin1').split('\r\n');
    this.#buffer = this.#buffer.subarray(end + 4);
    const statusLine = /^HTTP\/1\.([01]) (\d{3})(?: .*)?$/u.exec(lines[0] ?? '');
    if (statusLine === null) throw protocolError('HPE_INVALID_CONSTANT', 'Parse Error: Expected HTTP/');
    const status = Number(statusLine[2]);
    // Informational answers (100 Continue, 103 Early Hints) precede the real one.
    if (status >= 100 && status < 200) return true;
    const headers: Record<string, string | undefined> = {};
    for (const line of lines.slice(1)) {
      const colon = line.indexOf(':');
      if (colon <= 0) throw protocolError('HPE_INVALID_HEADER_TOKEN', 'Parse Error: Invalid header field');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      const previous = headers[name];
      // As node:http: list-valued framing headers are joined, any other repeated header keeps its first value.
      if (previous === undefined) headers[name] = value;
      else if (name === 'transfer-encoding' || name === 'connection') headers[name] = `${previous}, ${value}`;
    }
    const connection = (headers.connection ?? '').toLowerCase();
    const keepAlive = statusLine[1] === '1' ? !/\bclose\b/u.test(connection) : /\bkeep-alive\b/u.test(connection);
    this.#head = { status, headers, keepAlive };
    const transferEncoding = headers['transfer-encoding'];
    const contentLength = headers['content-length'];
    if (this.#noBody || status === 204 || status === 304) {
      this.#framing = 'length';
      this.#remaining = 0;
    } else if (transferEncoding !== undefined && /(?:^|,)\s*chunked\s*$/iu.test(transferEncoding)) {
      this.#framing = 'chunked';
    } else if (transferEncoding !== undefined) {
      this.#framing = 'close';
    } else if (contentLength !== undefined) {
      if (!/^\d+$/u.test(contentLength)) throw protocolError('HPE_INVALID_CONTENT_LENGTH', 'Parse Error: Invalid character in Content-Length');
      this.#framing = 'length';
      this.#remaining = Number(contentLength);
    } else {
      this.#framing = 'close';
    }
    return true;
  }

  #take(bytes: Buffer): void {
    this.#bodyBytes += bytes.length;
    if (this.#bodyBytes > MAX_RESPONSE_BYTES) throw new Error(`response larger than ${MAX_RESPONSE_BYTES} bytes`);
    this.#body.push(bytes);
  }

  #readPlain(): Http1Exchange | undefined {
    if (this.#framing === 'close') {
      this.#take(this.#buffer);
      this.#buffer = Buffer.alloc(0);
      return undefined;
    }
    const taken = this.#buffer.subarray(0, this.#remaining);
    this.#take(taken);
    this.#remaining -= taken.length;
    this.#buffer = this.#buffer.subarray(taken.length);
    return this.#remaining === 0 ? this.#complete(this.#buffer.length === 0) : undefined;
  }

  #readChunks(): Http1Exchange | undefined {
    for (;;) {
      if (this.#remaining > 0) {
        // Inside a chunk: its data, then the CRLF that ends it.
        if (this.#buffer.length < this.#remaining + 2) return undefined;
        if (this.#buffer[this.#remaining] !== 13 || this.#buffer[this.#remaining + 1] !== 10) throw protocolError('HPE_STRICT', 'Parse Error: Expected CRLF after chunk');
        this.#take(this.#buffer.subarray(0, this.#remaining));
        this.#buffer = this.#buffer.subarray(this.#remaining + 2);
        this.#remaining = 0;
      }
      const lineEnd = this.#buffer.indexOf('\r\n');
      if (lineEnd < 0) {
        if (this.#buffer.length > MAX_HEAD_BYTES) throw protocolError('HPE_INVALID_CHUNK_SIZE', 'Parse Error: Invalid chunk size');
        return undefined;
      }
      const sizeText = this.#buffer.subarray(0, lineEnd).toString('latin1').split(';')[0]?.trim() ?? '';
      if (!/^[0-9a-f]{1,8}$/iu.test(sizeText)) throw protocolError('HPE_INVALID_CHUNK_SIZE', 'Parse Error: Invalid chunk size');
      const size = Number.parseInt(sizeText, 16);
      if (size > 0) {
        this.#buffer = this.#buffer.subarray(lineEnd + 2);
        this.#remaining = size;
        continue;
      }
      // The last chunk: optional trailer lines, then an empty line.
      const rest = this.#buffer.subarray(lineEnd + 2);
      const trailerEnd = rest.subarray(0, 2).toString('latin1') === '\r\n' ? 0 : rest.indexOf('\r\n\r\n');
      if (trailerEnd < 0) return undefined;
      this.#buffer = rest.subarray(trailerEnd === 0 ? 2 : trailerEnd + 4);
      return this.#complete(this.#buffer.length === 0);
    }
  }

  #complete(clean: boolean): Http1Exchange {
    const head = this.#head as ResponseHead;
    return {
      result: { status: head.status, headers: head.headers, text: Buffer.concat(this.#body).toString('utf8') },
      reusable: clean && head.keepAlive && this.#framing !== 'close',
    };
  }
}

/**
 * Sends one request over a connected (or connecting) socket and reads its
 * answer: the whole body (bounded), or the first error, or the abort, which
 * destroys the socket at once so a hanging Vault cannot outlive the time
 * limit. The socket is left as it is for the caller to keep or destroy.
 */
export function exchange(socket: Connection, request: Http1Request, signal: AbortSignal): Promise<Http1Exchange> {
  return new Promise<Http1Exchange>((resolve, reject) => {
    const reader = new ResponseReader(request.method);
    let settled = false;
    function cleanup(): void {
      settled = true;
      signal.removeEventListener('abort', onAbort);
      socket.off('data', onData);
      socket.off('end', onEnd);
      socket.off('close', onClose);
      socket.off('error', fail);
    }
    function fail(error: Error): void {
      if (settled) return;
      cleanup();
      socket.destroy();
      reject(signal.aborted ? new AbortedError() : error);
    }
    function finish(done: Http1Exchange): void {
      if (settled) return;
      cleanup();
      resolve(done);
    }
    function onData(chunk: Buffer): void {
      try {
        const done = reader.push(chunk);
        if (done !== undefined) finish(done);
      } catch (error) {
        fail(error as Error);
      }
    }
    function onEnd(): void {
      try {
        finish(reader.end());
      } catch (error) {
        fail(error as Error);
      }
    }
    function onClose(): void {
      fail(hangUp());
    }
    function onAbort(): void {
      fail(new AbortedError());
    }
    let head: string;
    try {
      head = requestHead(request);
    } catch (error) {
      reject(error as Error);
      return;
    }
    signal.addEventListener('abort', onAbort, { once: true });
    socket.on('data', onData);
    socket.on('end', onEnd);
    socket.on('close', onClose);
    socket.on('error', fail);
    socket.cork();
    socket.write(head, 'latin1');
    if (request.body !== undefined) socket.write(request.body, 'utf8');
    socket.uncork();
  });
}

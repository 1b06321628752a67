import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { jsonErrorResponse } from './json-protocol.js';
import { verifySigV4 } from './sigv4.js';
import { AwsServiceError, type IncomingRequest, type RecordedRequest, type ServiceHandler, type ServiceResponse, type TestKeyPair } from './types.js';

/** A scripted failure, applied to verified requests before the service sees them. */
export interface Fault {
  /** Only requests for this operation, e.g. `GetSecretValue`. @default every operation */
  operation?: string;
  /** How many requests it applies to. @default every request until cleared */
  times?: number;
  /** Answer with this error in the service's protocol. */
  error?: { type: string; message?: string; status?: number };
  /** Never answer: the socket stays open until the client gives up or the server closes. */
  hang?: boolean;
}

/** Options for {@link startAwsTestServer}. */
export interface AwsTestServerOptions {
  /** Key pairs the server accepts. */
  keys: TestKeyPair[];
  /** The services it hosts, e.g. `[createSecretsManager({...})]`. */
  services: ServiceHandler[];
  /** Server clock, for signature-expiry tests. @default () => new Date() */
  now?: () => Date;
}

/** A running server. */
export interface AwsTestServer {
  /** `http://127.0.0.1:<port>`: use as `AWS_ENDPOINT_URL`. */
  readonly url: string;
  /** Every request received, in order. */
  readonly requests: RecordedRequest[];
  addFault(fault: Fault): void;
  clearFaults(): void;
  /** Stops listening and drops open connections, hanging ones included. */
  close(): Promise<void>;
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function toIncoming(request: IncomingMessage, body: string): IncomingRequest {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return { method: request.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body };
}

function send(response: ServerResponse, answer: ServiceResponse): void {
  response.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
  response.end(answer.body);
}

/**
 * Starts a local HTTP server on 127.0.0.1 (random port) that speaks the wire
 * protocols of the hosted services and checks every request's SigV4
 * signature against the known keys. It is a test double, not AWS.
 */
export async function startAwsTestServer(options: AwsTestServerOptions): Promise<AwsTestServer> {
  const requests: RecordedRequest[] = [];
  const faults: Array<Fault & { remaining: number }> = [];

  const takeFault = (operation: string | undefined): Fault | undefined => {
    const index = faults.findIndex((fault) => fault.remaining > 0 && (fault.operation === undefined || fault.operation === operation));
    if (index < 0) return undefined;
    const fault = faults[index]!;
    fault.remaining -= 1;
    return fault;
  };

  const handle = async (incoming: IncomingRequest): Promise<ServiceResponse | 'hang'> => {
    const requestId = randomUUID();
    const service = options.services.find((candidate) => candidate.claims(incoming));
    const record: RecordedRequest = {
      service: service?.signingName,
      operation: service?.operationOf(incoming),
      accessKeyId: undefined,
      region: undefined,
      verified: false,
      headers: incoming.headers,
      body: incoming.body,
    };
    requests.push(record);
    if (service === undefined) {
      return jsonErrorResponse(new AwsServiceError('UnknownOperationException', 'No service of the test server claims this request.', 404), requestId);
    }
    const check =
      service.authenticate !== undefined
        ? await service.authenticate(incoming, (options.now ?? (() => new Date()))())
        : await verifySigV4(incoming, {
            keys: options.keys,
            service: service.signingName,
            ...(options.now === undefined ? {} : { now: options.now }),
          });
    record.accessKeyId = check.authorization?.accessKeyId;
    record.region = check.authorization?.region;
    if (!check.ok) return service.renderError(service.signatureError(check.reason, check.detail), requestId);
    record.verified = true;
    const fault = takeFault(record.operation);
    if (fault?.hang === true) return 'hang';
    if (fault?.error !== undefined) {
      const { type, message = type, status = 400 } = fault.error;
      return service.renderError(new AwsServiceError(type, message, status), requestId);
    }
    try {
      return await service.handle({ ...incoming, key: check.key, region: check.region });
    } catch (error) {
      if (error instanceof AwsServiceError) return service.renderError(error, requestId);
      return service.renderError(new AwsServiceError('InternalFailure', 'The test server failed.', 500), requestId);
    }
  };

  const server = createServer((request, response) => {
    readBody(request)
      .then((body) => handle(toIncoming(request, body)))
      .then((answer) => {
        if (answer !== 'hang') send(response, answer);
      })
      .catch(() => {
        response.destroy();
      });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    addFault(fault: Fault): void {
      faults.push({ ...fault, remaining: fault.times ?? Number.POSITIVE_INFINITY });
    },
    clearFaults(): void {
      faults.length = 0;
    },
    close(): Promise<void> {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

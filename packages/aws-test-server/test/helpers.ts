import { Hash } from '@smithy/hash-node';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';

/** Key pairs used across the server tests. */
export const ALICE = { accessKeyId: 'AKIAALICEEXAMPLE0001', secretAccessKey: 'alice/secret/key/EXAMPLEKEY0000000000001' };
export const BOB = { accessKeyId: 'AKIABOBEXAMPLE000002', secretAccessKey: 'bob/secret/key/EXAMPLEKEY00000000000002' };

export interface SignedCall {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface CallOptions {
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
  region?: string;
  service?: string;
  target?: string;
  signingDate?: Date;
  /** Changes the body after signing. */
  tamper?: (body: string) => string;
  /** Drops the Authorization header. */
  unsigned?: boolean;
  contentType?: string;
}

/** Signs a JSON 1.1 call with `@smithy/signature-v4` and sends it with fetch. */
export async function callJson(url: string, payload: unknown, options: CallOptions = {}): Promise<SignedCall> {
  const target = new URL(url);
  const body = JSON.stringify(payload);
  const request = new HttpRequest({
    method: 'POST',
    protocol: 'http:',
    hostname: target.hostname,
    port: Number(target.port),
    path: '/',
    headers: {
      host: target.host,
      'content-type': options.contentType ?? 'application/x-amz-json-1.1',
      'x-amz-target': options.target ?? 'secretsmanager.GetSecretValue',
    },
    body,
  });
  const signer = new SignatureV4({
    credentials: options.credentials ?? ALICE,
    region: options.region ?? 'us-east-1',
    service: options.service ?? 'secretsmanager',
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(request, options.signingDate === undefined ? {} : { signingDate: options.signingDate });
  const headers = { ...(signed.headers as Record<string, string>) };
  delete headers.host;
  if (options.unsigned === true) delete headers.authorization;
  const response = await fetch(url, { method: 'POST', headers, body: options.tamper ? options.tamper(body) : body });
  const text = await response.text();
  return { status: response.status, body: text === '' ? {} : (JSON.parse(text) as Record<string, unknown>), headers: response.headers };
}

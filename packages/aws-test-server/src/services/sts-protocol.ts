import { AwsServiceError, type IncomingRequest, type ServiceResponse } from '../types.js';

/** The STS API version every query-protocol request names. */
export const STS_VERSION = '2011-06-15';
/** The XML namespace of STS responses. */
export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';

/**
 * Parameters of a query-protocol request: the form-encoded POST body (what
 * the SDKs send), merged over the URL query (what a GET would carry).
 */
export function queryParameters(request: IncomingRequest): Record<string, string> {
  const params: Record<string, string> = { ...request.query };
  const type = request.headers['content-type'] ?? '';
  if (request.method === 'POST' && (type === '' || type.startsWith('application/x-www-form-urlencoded'))) {
    for (const [name, value] of new URLSearchParams(request.body)) params[name] = value;
  }
  return params;
}

/**
 * Escapes text for an XML element. Control characters become character
 * references (`&#10;`): a raw CR would be normalised away by any XML parser,
 * and a reference is how a server really gets one into a value.
 */
export function xmlText(value: string): string {
  return value
    .replace(/&/gu, '&amp;')
    .replace(/</gu, '&lt;')
    .replace(/>/gu, '&gt;')
    .replace(/"/gu, '&quot;')
    .replace(/'/gu, '&apos;')
    .replace(/[\u0000-\u001f]/gu, (char) => `&#${char.charCodeAt(0)};`);
}

/** Renders `{ A: 'x', B: { C: 'y' } }` as `<A>x</A><B><C>y</C></B>`; undefined members are left out. */
export function xmlElements(members: Record<string, unknown>): string {
  let xml = '';
  for (const [name, value] of Object.entries(members)) {
    if (value === undefined) continue;
    const inner = typeof value === 'object' && value !== null ? xmlElements(value as Record<string, unknown>) : xmlText(String(value));
    xml += `<${name}>${inner}</${name}>`;
  }
  return xml;
}

/**
 * A successful query-protocol response as STS documents it:
 * `<{Action}Response xmlns=…><{Action}Result>…</{Action}Result><ResponseMetadata><RequestId>…`.
 */
export function queryResponse(action: string, result: Record<string, unknown>, requestId: string): ServiceResponse {
  const body =
    `<${action}Response xmlns="${STS_XMLNS}">\n` +
    `  <${action}Result>${xmlElements(result)}</${action}Result>\n` +
    `  <ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>\n` +
    `</${action}Response>\n`;
  return { status: 200, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

/**
 * A query-protocol error: `<ErrorResponse><Error><Type>Sender|Receiver</Type>
 * <Code>…</Code><Message>…</Message></Error><RequestId>…</RequestId></ErrorResponse>`.
 * The HTTP `Date` header (which the SDKs read to correct clock skew) is
 * Node's, i.e. the real clock the SigV4 check uses.
 */
export function queryErrorResponse(error: AwsServiceError, requestId: string): ServiceResponse {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  const body =
    `<ErrorResponse xmlns="${STS_XMLNS}">\n` +
    `  <Error><Type>${type}</Type><Code>${xmlText(error.type)}</Code><Message>${xmlText(error.message)}</Message></Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n` +
    `</ErrorResponse>\n`;
  return { status: error.status, headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId }, body };
}

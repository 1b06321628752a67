/**
 * HTTP proxies for the Vault client. Loaded with import() only when a proxy
 * variable is set (see args/proxy-env.ts), so runs without one pay nothing.
 *
 * Which proxy: as Vault's api client does (api/client.go `ReadEnvironment`):
 * `VAULT_PROXY_ADDR` (else `VAULT_HTTP_PROXY`) for every request, through
 * Go's `http.ProxyURL`; otherwise the default transport's
 * `http.ProxyFromEnvironment` (golang.org/x/net/http/httpproxy): `HTTPS_PROXY`
 * for https addresses, `HTTP_PROXY` for http ones, never for localhost or
 * loopback IPs, and not for hosts matched by `NO_PROXY`.
 *
 * How: https targets through a `CONNECT host:port` tunnel (TLS to Vault runs
 * inside it, verified as without a proxy); http targets as an absolute-form
 * request to the proxy, as Go's transport does.
 */
import { CredentialError } from '@cred-launch/core';
import { request as httpRequest } from 'node:http';
import { isIP, type Socket } from 'node:net';
import type { ProxySettings } from '../options.js';

/** The proxy a request goes through. */
export interface ProxyRoute {
  readonly url: URL;
  /** The variable it came from, for messages (e.g. "HTTPS_PROXY"). */
  readonly from: string;
  /** `Proxy-Authorization` when the proxy URL carries a user name and password. */
  readonly authorization?: string;
  /** The proxy as shown in messages: scheme, host and port, never credentials. */
  readonly display: string;
}

/** Go's parseProxy: a bare `host:port` means `http://host:port`. Only http:// proxies are supported here. */
function parseProxy(text: string, from: string): ProxyRoute {
  let url: URL | undefined;
  try {
    url = new URL(text);
    if (!['http:', 'https:', 'socks5:'].includes(url.protocol)) url = undefined;
  } catch {
    url = undefined;
  }
  if (url === undefined) {
    try {
      url = new URL(`http://${text}`);
    } catch {
      throw new CredentialError('CONFIG', `vault: ${from} is not a proxy address`, { hint: `set ${from} to e.g. http://proxy.example.com:3128` });
    }
  }
  if (url.protocol !== 'http:') {
    throw new CredentialError('CONFIG', `vault: ${from} uses ${url.protocol}// — only http:// proxies are supported`, {
      hint: `set ${from} to the proxy's http:// address (https to Vault still goes end to end through a CONNECT tunnel)`,
    });
  }
  const display = `http://${url.host}`;
  if (url.username === '') return { url, from, display };
  const credentials = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return { url, from, display, authorization: `Basic ${Buffer.from(credentials).toString('base64')}` };
}

function ipv4Number(ip: string): number {
  return ip.split('.').reduce((total, part) => total * 256 + Number(part), 0);
}

function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1' || host === '0:0:0:0:0:0:0:1';
}

/** One NO_PROXY entry matched against a host and port, as httpproxy's `config.init` and matchers do. */
function noProxyMatches(entry: string, host: string, port: string): boolean {
  const cidr = /^([\d.]+)\/(\d{1,2})$/u.exec(entry);
  if (cidr && isIP(cidr[1] as string) === 4 && isIP(host) === 4) {
    const bits = Number(cidr[2]);
    const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
    return (ipv4Number(host) & mask) >>> 0 === (ipv4Number(cidr[1] as string) & mask) >>> 0;
  }
  let entryHost = entry;
  let entryPort = '';
  const withPort = /^(\[[^\]]+\]|[^:]+):(\d+)$/u.exec(entry);
  if (withPort) {
    entryHost = (withPort[1] as string).replace(/^\[|\]$/gu, '');
    entryPort = withPort[2] as string;
  }
  if (entryHost === '') return false;
  const portMatches = entryPort === '' || entryPort === port;
  if (isIP(entryHost) !== 0) return entryHost === host && portMatches;
  // "foo.com" matches foo.com and its subdomains; ".foo.com" and "*.foo.com" only the subdomains.
  let suffix = entryHost.startsWith('*.') ? entryHost.slice(1) : entryHost;
  const matchHost = !suffix.startsWith('.');
  if (matchHost) suffix = `.${suffix}`;
  return (host.endsWith(suffix) || (matchHost && host === suffix.slice(1))) && portMatches;
}

/** The proxy for `target`, or undefined to connect directly. */
export function proxyFor(target: URL, settings: ProxySettings): ProxyRoute | undefined {
  if (settings.fixed !== undefined) return parseProxy(settings.fixed, settings.fixedFrom ?? 'VAULT_PROXY_ADDR');
  const https = target.protocol === 'https:';
  const text = https ? settings.httpsProxy : settings.httpProxy;
  if (text === undefined) return undefined;
  const host = target.hostname.replace(/^\[|\]$/gu, '').toLowerCase();
  const port = target.port || (https ? '443' : '80');
  if (isLoopback(host)) return undefined;
  const entries = (settings.noProxy ?? '')
    .split(',')
    .map((entry) => entry.trim().toLowerCase())
    .filter((entry) => entry !== '');
  if (entries.includes('*') || entries.some((entry) => noProxyMatches(entry, host, port))) return undefined;
  return parseProxy(text, https ? 'HTTPS_PROXY' : 'HTTP_PROXY');
}

/** A connection problem with the proxy itself, named as such (not as Vault's). */
export function proxyFailure(route: ProxyRoute, cause: unknown): CredentialError {
  const code = (cause as NodeJS.ErrnoException | undefined)?.code ?? (cause instanceof Error ? cause.name : 'error');
  return new CredentialError('BACKEND', `vault: cannot reach Vault through the proxy ${route.display} from ${route.from} (${code})`, {
    cause,
    hint: `check that the proxy is running, or fix or unset ${route.from} (NO_PROXY lists hosts reached directly)`,
  });
}

/**
 * Opens a `CONNECT host:port` tunnel through the proxy and resolves with the
 * raw socket, ready for TLS. Rejects with a CredentialError naming the proxy.
 */
export function connectTunnel(route: ProxyRoute, target: URL, signal: AbortSignal): Promise<Socket> {
  const authority = `${target.hostname}:${target.port || '443'}`;
  return new Promise<Socket>((resolve, reject) => {
    const headers: Record<string, string> = { host: authority };
    if (route.authorization) headers['proxy-authorization'] = route.authorization;
    const request = httpRequest({ host: route.url.hostname, port: route.url.port || 80, method: 'CONNECT', path: authority, headers, agent: false, signal });
    request.once('connect', (response, socket) => {
      if (response.statusCode === 200) {
        resolve(socket);
        return;
      }
      socket.destroy();
      const status = response.statusCode ?? 0;
      const code = status === 407 ? 'CONFIG' : 'BACKEND';
      const hint =
        status === 407
          ? `the proxy wants credentials: put them in ${route.from} (http://user:password@host:port)`
          : `the proxy could not reach ${authority}; check ${route.from} and NO_PROXY`;
      reject(new CredentialError(code, `vault: the proxy ${route.display} from ${route.from} refused CONNECT ${authority} (HTTP ${status})`, { hint }));
    });
    request.once('error', (error) => reject(signal.aborted ? error : proxyFailure(route, error)));
    request.end();
  });
}

/** Request options for an http:// target through the proxy: absolute-form path to the proxy's address. */
export function viaHttpProxy(
  route: ProxyRoute,
  target: URL,
  headers: Record<string, string>,
): { host: string; port: string | number; path: string; headers: Record<string, string> } {
  const sent: Record<string, string> = { ...headers, host: target.host };
  if (route.authorization) sent['proxy-authorization'] = route.authorization;
  return { host: route.url.hostname, port: route.url.port || 80, path: target.href, headers: sent };
}

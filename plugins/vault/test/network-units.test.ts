import { describe, expect, test } from 'vitest';
import { proxyFromEnv } from '../src/args/proxy-env.js';
import { proxyFor } from '../src/client/proxy.js';
import { decideRedirect } from '../src/client/redirect.js';
import { retryAfterMs } from '../src/client/retry.js';

describe('Retry-After (go-retryablehttp parseRetryAfterHeader)', () => {
  const now = Date.parse('2026-01-01T00:00:00Z');
  test('seconds or an HTTP date, for 429 and 503 only', () => {
    expect(retryAfterMs(429, '2', now)).toBe(2000);
    expect(retryAfterMs(503, ['0'], now)).toBe(0);
    expect(retryAfterMs(429, 'Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(retryAfterMs(429, 'Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(retryAfterMs(500, '2', now)).toBeUndefined();
    expect(retryAfterMs(429, '-1', now)).toBeUndefined();
    expect(retryAfterMs(429, 'soon', now)).toBeUndefined();
    expect(retryAfterMs(429, undefined, now)).toBeUndefined();
  });
});

describe('redirects (api/client.go RawRequestWithContext, plus the clear-text rule)', () => {
  const from = new URL('http://127.0.0.1:8200/v1/secret/data/x');
  const tls = new URL('https://vault.example.com:8200/v1/secret/data/x');
  test('301, 302 and 307 are followed; 308 and other statuses are answers', () => {
    for (const status of [301, 302, 307]) expect(decideRedirect(status, 'http://127.0.0.1:8201/v1/secret/data/x', from)).toMatchObject({ kind: 'follow' });
    expect(decideRedirect(308, 'http://127.0.0.1:8201/v1/x', from)).toEqual({ kind: 'answer' });
    expect(decideRedirect(307, undefined, from)).toEqual({ kind: 'answer' });
    expect(decideRedirect(200, 'http://elsewhere/', from)).toEqual({ kind: 'answer' });
  });
  test('a relative Location stays on the same host', () => {
    const decision = decideRedirect(302, '/v1/other', from);
    expect(decision.kind === 'follow' && decision.url.href).toBe('http://127.0.0.1:8200/v1/other');
  });
  test('never https → http; never plain http to another host; https to another host is fine', () => {
    expect(decideRedirect(307, 'http://vault.example.com:8200/v1/x', tls)).toMatchObject({ kind: 'refuse', reason: expect.stringContaining('downgrade') });
    expect(decideRedirect(307, 'http://127.0.0.2:8200/v1/x', from)).toMatchObject({ kind: 'refuse', reason: expect.stringContaining('another host') });
    expect(decideRedirect(301, 'https://vault-2.example.com/v1/x', tls)).toMatchObject({ kind: 'follow' });
    expect(decideRedirect(302, 'https://127.0.0.2:8200/v1/x', from)).toMatchObject({ kind: 'follow' });
    expect(decideRedirect(302, 'ftp://127.0.0.1/x', from)).toMatchObject({ kind: 'refuse' });
  });
});

describe('proxy choice (Go httpproxy FromEnvironment / ProxyFunc, Vault ReadEnvironment)', () => {
  const pick = (target: string, env: Record<string, string>): string | undefined => {
    const settings = proxyFromEnv(env);
    return settings ? proxyFor(new URL(target), settings)?.display : undefined;
  };
  test('no proxy variable: no settings at all (no proxy code is loaded)', () => {
    expect(proxyFromEnv({ NO_PROXY: '*' })).toBeUndefined();
    expect(proxyFromEnv({})).toBeUndefined();
  });
  test('HTTPS_PROXY for https, HTTP_PROXY for http; upper case wins; bare host:port is http://', () => {
    expect(pick('https://vault.example.com', { HTTPS_PROXY: 'http://p1:3128', https_proxy: 'http://p2:3128' })).toBe('http://p1:3128');
    expect(pick('https://vault.example.com', { https_proxy: 'p2:3128' })).toBe('http://p2:3128');
    expect(pick('http://vault.example.com', { HTTPS_PROXY: 'http://p1:3128' })).toBeUndefined();
    expect(pick('http://vault.example.com', { HTTP_PROXY: 'http://p3:8080' })).toBe('http://p3:8080');
    expect(pick('http://vault.example.com', { HTTP_PROXY: 'http://p3:8080', REQUEST_METHOD: 'GET' })).toBeUndefined();
  });
  test('localhost and loopback are never proxied by the environment variables', () => {
    expect(pick('https://localhost:8200', { HTTPS_PROXY: 'http://p:1' })).toBeUndefined();
    expect(pick('https://127.0.0.5:8200', { HTTPS_PROXY: 'http://p:1' })).toBeUndefined();
    expect(pick('https://[::1]:8200', { HTTPS_PROXY: 'http://p:1' })).toBeUndefined();
  });
  test('NO_PROXY: domains with subdomains, .domain and *.domain, host:port, IPs, CIDRs, *', () => {
    const env = (noProxy: string): Record<string, string> => ({ HTTPS_PROXY: 'http://p:1', NO_PROXY: noProxy });
    expect(pick('https://vault.example.com', env('example.com'))).toBeUndefined();
    expect(pick('https://example.com', env('example.com'))).toBeUndefined();
    expect(pick('https://example.com', env('.example.com'))).toBe('http://p:1');
    expect(pick('https://a.example.com', env('*.example.com'))).toBeUndefined();
    expect(pick('https://notexample.com', env('example.com'))).toBe('http://p:1');
    expect(pick('https://vault.example.com:8200', env('vault.example.com:8200'))).toBeUndefined();
    expect(pick('https://vault.example.com:8200', env('vault.example.com:443'))).toBe('http://p:1');
    expect(pick('https://10.1.2.3:8200', env('10.0.0.0/8'))).toBeUndefined();
    expect(pick('https://10.1.2.3:8200', env('10.1.2.3'))).toBeUndefined();
    expect(pick('https://11.1.2.3:8200', env('10.0.0.0/8, other.com'))).toBe('http://p:1');
    expect(pick('https://anything', env('*'))).toBeUndefined();
  });
  test('VAULT_PROXY_ADDR supersedes VAULT_HTTP_PROXY, and either applies to every address, loopback and NO_PROXY included', () => {
    expect(pick('https://127.0.0.1:8200', { VAULT_HTTP_PROXY: 'http://a:1', VAULT_PROXY_ADDR: 'http://b:2', NO_PROXY: '*' })).toBe('http://b:2');
    expect(pick('http://vault.example.com', { VAULT_HTTP_PROXY: 'http://a:1', HTTP_PROXY: 'http://c:3' })).toBe('http://a:1');
  });
  test('credentials in the proxy URL become Proxy-Authorization, never part of what messages show', () => {
    const route = proxyFor(new URL('https://vault.example.com'), { httpsProxy: 'http://me:p%40ss@proxy:3128' });
    expect(route?.display).toBe('http://proxy:3128');
    expect(route?.authorization).toBe(`Basic ${Buffer.from('me:p@ss').toString('base64')}`);
  });
  test('socks5:// and https:// proxies are refused with CONFIG', () => {
    expect(() => proxyFor(new URL('https://vault.example.com'), { httpsProxy: 'socks5://p:1080' })).toThrow(expect.objectContaining({ code: 'CONFIG' }));
  });
});

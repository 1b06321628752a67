import type { SourceEnv } from '@cred-launch/core';
import type { ProxySettings } from '../options.js';

function first(env: SourceEnv, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/**
 * The proxy variables Vault's client honours, collected as text (parsed only
 * when a request is made, by the lazily loaded client/proxy.ts). Undefined
 * when none is set, so a run without proxies never loads proxy code.
 *
 * As Vault's api client does (api/client.go `ReadEnvironment`):
 * `VAULT_PROXY_ADDR` supersedes `VAULT_HTTP_PROXY`, and either replaces the
 * environment proxies for every request. Otherwise Go's
 * `http.ProxyFromEnvironment` (golang.org/x/net/http/httpproxy
 * `FromEnvironment`): the upper-case name wins, and `HTTP_PROXY` is ignored
 * when `REQUEST_METHOD` is set (a CGI environment).
 */
export function proxyFromEnv(env: SourceEnv): ProxySettings | undefined {
  const vaultProxyAddr = first(env, 'VAULT_PROXY_ADDR');
  const vaultHttpProxy = first(env, 'VAULT_HTTP_PROXY');
  if (vaultProxyAddr) return { fixed: vaultProxyAddr, fixedFrom: 'VAULT_PROXY_ADDR' };
  if (vaultHttpProxy) return { fixed: vaultHttpProxy, fixedFrom: 'VAULT_HTTP_PROXY' };
  const cgi = (env.REQUEST_METHOD ?? '') !== '';
  const httpProxy = cgi ? undefined : first(env, 'HTTP_PROXY', 'http_proxy');
  const httpsProxy = first(env, 'HTTPS_PROXY', 'https_proxy');
  if (!httpProxy && !httpsProxy) return undefined;
  const settings: ProxySettings = {};
  if (httpProxy) settings.httpProxy = httpProxy;
  if (httpsProxy) settings.httpsProxy = httpsProxy;
  const noProxy = first(env, 'NO_PROXY', 'no_proxy');
  if (noProxy) settings.noProxy = noProxy;
  return settings;
}

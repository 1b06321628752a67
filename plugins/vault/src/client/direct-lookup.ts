import type * as Dns from 'node:dns';
import { requireBuiltin } from '../builtin.js';
import { canConnectDirectly, connectDirectAddress } from './direct-socket.js';
import type { Connection } from './http1.js';

/**
 * For an `http://` address with a host name (`http://localhost:8200`): looks
 * the name up as node:net does (dns.lookup, every address, ADDRCONFIG hints
 * off Windows) and, when it resolves to exactly one address, connects to that
 * address through the tcp_wrap binding — which is what net itself does with a
 * single address. Resolves undefined, for the caller to use node:net, when
 * the name resolves to several addresses (net then tries them in turn) or to
 * none, when the lookup fails (net looks it up again and reports the error
 * as before), when the signal fires first, or when this Node does not offer
 * the bindings (no lookup is made then). Node 20's `dns.lookup` (getaddrinfo)
 * costs what it costs either way; node:net's own ≈24 M instructions are saved
 * (plugins/vault/README.md, "Start-up cost").
 */
export function connectDirectByName(hostname: string, port: number, signal: AbortSignal): Promise<Connection | undefined> {
  if (!canConnectDirectly() || signal.aborted) return Promise.resolve(undefined);
  const dns = requireBuiltin('node:dns') as typeof Dns;
  return new Promise((resolve) => {
    let settled = false;
    const settle = (connection: Connection | undefined): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      resolve(connection);
    };
    const onAbort = (): void => settle(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      dns.lookup(hostname, { all: true, hints: process.platform === 'win32' ? 0 : dns.ADDRCONFIG }, (error, addresses) => {
        if (settled || error) {
          settle(undefined);
          return;
        }
        // As net: IPv4 and IPv6 addresses only, each once.
        const usable = addresses.filter((entry, index) => (entry.family === 4 || entry.family === 6) && addresses.findIndex((other) => other.address === entry.address) === index);
        const only = usable.length === 1 ? usable[0] : undefined;
        settle(only === undefined ? undefined : connectDirectAddress(only.address, only.family as 4 | 6, port));
      });
    } catch {
      settle(undefined);
    }
  });
}

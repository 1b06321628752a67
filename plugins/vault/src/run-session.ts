import type { SourceContext } from '@cred-launch/core';
import { loadTlsMaterial } from './client/tls.js';
import { VaultClient } from './client/vault-client.js';
import type { ConnectionOptions } from './options.js';
import { resolveUserPath } from './paths.js';
import { SecretKeeper } from './secrets.js';
import type { Session } from './session.js';

/**
 * Opens a session (TLS files read, client ready), runs `work` with it and
 * always closes the connections, whatever happens.
 */
export async function withSession<T>(context: SourceContext<{ connection: ConnectionOptions }>, work: (session: Session) => Promise<T>): Promise<T> {
  const { connection } = context.args;
  const dirs = { cwd: context.cwd, homedir: context.homedir };
  const tls = await loadTlsMaterial(connection, dirs, context.env.VAULT_CACERT_BYTES);
  if (connection.skipVerify && connection.address.startsWith('https:')) context.log('vault: TLS verification is off (VAULT_SKIP_VERIFY / --tls-skip-verify)');
  const client = new VaultClient({
    address: connection.address,
    ...(connection.namespace ? { namespace: connection.namespace } : {}),
    maxRetries: connection.maxRetries,
    ...(connection.clientTimeoutSeconds !== undefined ? { clientTimeoutSeconds: connection.clientTimeoutSeconds } : {}),
    // A relative unix:// socket is relative to the working directory, as Go's net.Dial takes it.
    ...(connection.socketPath !== undefined ? { socketPath: resolveUserPath(connection.socketPath, dirs) } : {}),
    ...(connection.proxy !== undefined ? { proxy: connection.proxy } : {}),
    tls,
    signal: context.signal,
    log: context.log,
  });
  const session: Session = {
    client,
    secrets: new SecretKeeper(context.secrets),
    env: context.env,
    dirs,
    log: context.log,
    now: context.now,
    signal: context.signal,
    state: context.state,
    scope: `${connection.socketPath !== undefined ? `unix://${connection.socketPath}` : connection.address}|${connection.namespace ?? ''}`,
    agent: connection.agent === true,
  };
  try {
    return await work(session);
  } finally {
    client.close();
  }
}

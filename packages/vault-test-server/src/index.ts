/**
 * @cred-launch/vault-test-server — a local HTTP(S) server that speaks the
 * parts of HashiCorp Vault's documented HTTP API that cred-launch uses, for
 * tests only. It is NOT Vault: no storage, no real policies, no crypto.
 */
export { startVaultTestServer, type VaultTestServer, type VaultTestServerOptions, type VaultTestTlsOptions } from './server.js';
export { createTestPki, type TestPki, type TestPkiOptions } from './pki.js';
export {
  VaultTestState,
  type AuthMount,
  type AwsRoleOptions,
  type InjectedFailure,
  type KvV2Entry,
  type KvVersion,
  type LoginRole,
  type NamespaceState,
  type RecordedRequest,
  type SecretEngine,
  type SecretMount,
  type StandbyOptions,
  type TokenOptions,
  type TokenRecord,
} from './state.js';
export { parseVaultDuration } from './ids.js';
export { startVaultAgentTestListener, type AgentRecordedRequest, type VaultAgentTestListener, type VaultAgentTestOptions } from './agent.js';
export { startConnectTestProxy, type ConnectTestProxy, type ConnectTestProxyOptions, type ProxyRecordedRequest } from './connect-proxy.js';

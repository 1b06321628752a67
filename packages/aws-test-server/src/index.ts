/**
 * @cred-launch/aws-test-server — a local HTTP server for tests that speaks
 * documented AWS wire protocols and verifies SigV4 signatures. It is not AWS
 * and never stands in for it outside tests.
 *
 * One file per service under `services/`; the signature check (`sigv4.ts`)
 * and the protocol helpers are shared.
 */
export { startAwsTestServer, type AwsTestServer, type AwsTestServerOptions, type Fault } from './server.js';
export { verifySigV4, parseAuthorization, type ParsedAuthorization, type SignatureCheck, type VerifyOptions } from './sigv4.js';
export { AMZ_JSON_1_1, jsonResponse, jsonErrorResponse, parseJsonBody } from './json-protocol.js';
export { createSecretsManager, type SecretsManagerService, type SecretsManagerOptions, type SecretFixture, type SecretVersionFixture } from './services/secrets-manager.js';
export {
  AwsServiceError,
  type TestKeyPair,
  type IncomingRequest,
  type VerifiedRequest,
  type ServiceResponse,
  type ServiceHandler,
  type RecordedRequest,
  type SignatureFailureReason,
} from './types.js';
export { createSts, type StsService, type StsServiceOptions, type StsCredentialsElement, type RoleFixture, type IssuedCredentials } from './services/sts.js';
export { totpAt, totpForStep, matchingStep, type MfaDeviceFixture } from './services/sts-totp.js';
export {
  createRolesAnywhere,
  verifyX509Signature,
  type RolesAnywhereService,
  type RolesAnywhereOptions,
  type TrustAnchorFixture,
  type ProfileFixture,
  type IssuedSession,
} from './services/roles-anywhere.js';
export { createTestPki, type TestPki, type TestCertificate } from './roles-anywhere-pki.js';

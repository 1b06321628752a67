/**
 * @cred-launch/plugin-1password — AWS credentials kept in 1Password, read
 * with @1password/sdk (loaded lazily, inside getCredentials only).
 */
import { createOnePasswordSource } from './source.js';

export { createOnePasswordSource, type OnePasswordSourceOptions } from './source.js';
export { parseOnePasswordArgs, DEFAULT_LABELS, type OnePasswordArgs, type FieldRequest, type AuthPlan, type OnePasswordField } from './args.js';
export type { OnePasswordSdk, OnePasswordClient, OnePasswordAuth, CreateClientOptions, ResolveAllResult, ResolveAllEntry, LoadOnePasswordSdk } from './sdk.js';

/** The plugin, using the real @1password/sdk. */
export default createOnePasswordSource();

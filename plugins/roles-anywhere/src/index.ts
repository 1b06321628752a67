/**
 * @cred-launch/plugin-roles-anywhere: temporary AWS credentials from IAM
 * Roles Anywhere, for a machine holding an X.509 certificate and its private
 * key. CreateSession is signed with node:crypto (SigV4-X509): no AWS SDK is
 * loaded, and importing this module loads node built-ins and core only.
 */
import { CONTRACT_VERSION, defineCredentialSource, type CredentialSource } from '@cred-launch/core';
import { getRolesAnywhereCredentials } from './get-credentials.js';
import { parseRolesAnywhereArgs, type RolesAnywhereOptions } from './options.js';
import { SOURCE_USAGE } from './usage.js';

export type { RolesAnywhereOptions } from './options.js';

/** The roles-anywhere plugin: `cred-launch roles-anywhere --certificate … --private-key … --trust-anchor-arn … --profile-arn … --role-arn …`. */
const rolesAnywhereSource: CredentialSource<RolesAnywhereOptions> = defineCredentialSource({
  contractVersion: CONTRACT_VERSION,
  name: 'roles-anywhere',
  description: 'AWS credentials from IAM Roles Anywhere (X.509 certificate and private key)',
  usage: SOURCE_USAGE,
  parseArgs: parseRolesAnywhereArgs,
  getCredentials: getRolesAnywhereCredentials,
});

export default rolesAnywhereSource;

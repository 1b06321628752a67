/**
 * The plugins published from this repository, by the name typed after
 * `cred-launch`. Used only to suggest what to install when a name is not
 * found: resolution itself never consults this list.
 */
export const FIRST_PARTY_PLUGINS: readonly string[] = Object.freeze(['1password', 'file', 'keychain', 'process', 'roles-anywhere', 'secrets-manager', 'vault']);

/**
 * @cred-launch/plugin-keychain: AWS keys kept in the operating system's
 * keychain — the freedesktop Secret Service (secret-tool), the macOS Keychain
 * (security) or the Windows Credential Manager (PowerShell) — read with
 * `cred-launch keychain <name>` and managed with `add`, `list`, `remove`.
 * Importing this module loads Node built-ins and core only.
 */
import { CONTRACT_VERSION, defineCredentialSource, type CredentialSource } from '@cred-launch/core';
import { addCommand, listCommand, removeCommand } from './commands.js';
import { getKeychainCredentials } from './get-credentials.js';
import { parseKeychainSourceArgs, type KeychainSourceOptions } from './options.js';
import { SOURCE_USAGE } from './usage.js';

export type { KeychainSourceOptions, AddCommandOptions, EntryCommandOptions } from './options.js';
export type { BackendKind } from './backend-kind.js';
export type { StoredDocument } from './stored-document.js';

/** The keychain plugin: `cred-launch keychain <name>`. */
const keychainSource: CredentialSource<KeychainSourceOptions> = defineCredentialSource({
  contractVersion: CONTRACT_VERSION,
  name: 'keychain',
  description: "AWS keys from the operating system's keychain (Secret Service, macOS Keychain, Windows Credential Manager)",
  usage: SOURCE_USAGE,
  parseArgs: parseKeychainSourceArgs,
  getCredentials: getKeychainCredentials,
  commands: { add: addCommand, list: listCommand, remove: removeCommand },
});

export default keychainSource;

import type { BackendKind } from './backend-kind.js';
import type { BackendContext, KeychainBackend } from './backend-contract.js';

// The contract lives in ./backend-contract.js (the backends import it from
// there, so this file, which imports them lazily, is in no import cycle).
export { SERVICE, cleanNames, type BackendContext, type KeychainBackend } from './backend-contract.js';

/** The backend for `kind`, imported only when chosen (each is small, but only one is ever used). */
export async function openBackend(kind: BackendKind, context: BackendContext): Promise<KeychainBackend> {
  switch (kind) {
    case 'secret-service':
      return new (await import('./secret-service.js')).SecretServiceBackend(context);
    case 'macos':
      return new (await import('./macos-keychain.js')).MacosKeychainBackend(context);
    case 'windows':
      return new (await import('./windows-credential-manager.js')).WindowsCredentialBackend(context);
  }
}

import { usageError } from './errors.js';

/** The keychains this plugin talks to. */
export type BackendKind = 'secret-service' | 'macos' | 'windows';

/** Every backend name `--backend` accepts. */
export const BACKEND_KINDS: readonly BackendKind[] = ['secret-service', 'macos', 'windows'];

/** What each backend is called in messages. */
export const BACKEND_LABELS: Readonly<Record<BackendKind, string>> = {
  'secret-service': 'the Secret Service (secret-tool)',
  macos: 'the macOS Keychain (security)',
  windows: 'the Windows Credential Manager (PowerShell)',
};

/** The platform's own keychain: macOS Keychain on darwin, Credential Manager on win32, the Secret Service elsewhere. */
export function defaultBackend(platform: NodeJS.Platform = process.platform): BackendKind {
  if (platform === 'darwin') return 'macos';
  if (platform === 'win32') return 'windows';
  return 'secret-service';
}

/** `--backend`: one of {@link BACKEND_KINDS}, or the platform's own when absent. */
export function parseBackend(value: string | undefined, command?: string): BackendKind {
  if (value === undefined) return defaultBackend();
  if (!(BACKEND_KINDS as readonly string[]).includes(value)) {
    throw usageError(`--backend must be one of ${BACKEND_KINDS.join(', ')} (got "${value}")`, command);
  }
  return value as BackendKind;
}

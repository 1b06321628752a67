/**
 * The slice of `@1password/sdk` this plugin uses, as an interface, so tests
 * can inject a fake client (the real one speaks an authenticated protocol
 * through its WASM core to a service that cannot be reached from CI).
 */
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CredentialError } from '@cred-launch/core';

/** How the client authenticates. */
export type OnePasswordAuth = { readonly type: 'token'; readonly token: string } | { readonly type: 'desktop'; readonly accountName: string };

/** What {@link OnePasswordSdk.createClient} receives. */
export interface CreateClientOptions {
  readonly auth: OnePasswordAuth;
  readonly integrationName: string;
  readonly integrationVersion: string;
}

/** One reference's answer in `resolveAll` (the SDK's `Response<ResolvedReference, ResolveReferenceError>`). */
export interface ResolveAllEntry {
  content?: { secret: string };
  error?: { type: string; message?: string };
}

/** The SDK's `ResolveAllResponse`: answers keyed by the reference as it was asked. */
export interface ResolveAllResult {
  individualResponses: Record<string, ResolveAllEntry>;
}

/** An authenticated client: only `secrets.resolveAll` is used. */
export interface OnePasswordClient {
  readonly secrets: {
    resolveAll(references: string[]): Promise<ResolveAllResult>;
  };
}

/** The SDK entry points the plugin needs. */
export interface OnePasswordSdk {
  /** Authenticates and returns a client (the SDK's `createClient`). */
  createClient(options: CreateClientOptions): Promise<OnePasswordClient>;
  /** Throws when a reference's syntax is wrong; local and synchronous (`Secrets.validateSecretReference`). */
  validateSecretReference(reference: string): void;
}

/** Loads the SDK; called at most once per getCredentials, never at import. */
export type LoadOnePasswordSdk = () => Promise<OnePasswordSdk>;

// Where @1password/sdk 0.5 looks for the desktop app's IPC library
// (shared_lib_core.js, find1PasswordLibPath). Checked first because when it is
// missing the SDK prints a stack trace with console.error, and stderr belongs
// to the launcher. Unknown platforms skip the check and let the SDK decide.
function desktopLibraryCandidates(platform: NodeJS.Platform, home: string): readonly string[] | undefined {
  switch (platform) {
    case 'darwin':
      return [
        '/Applications/1Password.app/Contents/Frameworks/libop_sdk_ipc_client.dylib',
        join(home, 'Applications/1Password.app/Contents/Frameworks/libop_sdk_ipc_client.dylib'),
      ];
    case 'linux':
      return ['/usr/bin/1password/libop_sdk_ipc_client.so', '/opt/1Password/libop_sdk_ipc_client.so', '/snap/bin/1password/libop_sdk_ipc_client.so'];
    case 'win32':
      return [
        join(home, 'AppData/Local/1Password/op_sdk_ipc_client.dll'),
        'C:/Program Files/1Password/app/8/op_sdk_ipc_client.dll',
        'C:/Program Files (x86)/1Password/app/8/op_sdk_ipc_client.dll',
        join(home, 'AppData/Local/1Password/app/8/op_sdk_ipc_client.dll'),
      ];
    default:
      return undefined;
  }
}

/** Throws AUTH when the 1Password desktop app (8.x with SDK integration) is certainly not installed. */
export function assertDesktopAppInstalled(platform: NodeJS.Platform = process.platform, home: string = homedir()): void {
  const candidates = desktopLibraryCandidates(platform, home);
  if (candidates === undefined || candidates.some((candidate) => existsSync(candidate))) return;
  throw new CredentialError('AUTH', '1password: the 1Password desktop app was not found, so --account / OP_ACCOUNT cannot be used here', {
    hint: 'install the 1Password 8 app and turn on Settings > Developer > "Integrate with other apps", or use a service account token (OP_SERVICE_ACCOUNT_TOKEN)',
  });
}

/** The real SDK, imported lazily: its WASM core costs ~110 ms to load. */
export const loadRealSdk: LoadOnePasswordSdk = async () => {
  const sdk = await import('@1password/sdk');
  return {
    createClient: async ({ auth, integrationName, integrationVersion }) => {
      if (auth.type === 'desktop') assertDesktopAppInstalled();
      return sdk.createClient({
        auth: auth.type === 'token' ? auth.token : new sdk.DesktopAuth(auth.accountName),
        integrationName,
        integrationVersion,
      });
    },
    validateSecretReference: (reference) => sdk.Secrets.validateSecretReference(reference),
  };
};

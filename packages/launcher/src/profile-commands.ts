import { CredentialError } from '@cred-launch/core';
import type { LauncherIo } from './io.js';

/** `cred-launch configure` / `cred-launch doctor`: reserved, implemented in their own modules. */
export async function runProfileCommand(name: 'configure' | 'doctor', _args: readonly string[], _io: LauncherIo): Promise<number> {
  throw new CredentialError('USAGE', `cred-launch ${name} is not available in this version`, { hint: "see 'cred-launch --help'" });
}

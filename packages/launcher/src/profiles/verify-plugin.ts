import { CredentialError, isCredentialError, maskAccessKeyId, type SecretRedactor } from '@cred-launch/core';
import { obtainCredentials } from '../engine/obtain-credentials.js';
import type { LauncherIo } from '../io.js';
import type { LauncherOptions } from '../options.js';

/** What the one verification run showed, with nothing secret in it. */
export interface VerifiedCredentials {
  /** `****************MPLE`, as `aws configure list` shows it. */
  maskedAccessKeyId: string;
  temporary: boolean;
  /** UTC ISO-8601, for temporary credentials. */
  expiration: string | undefined;
  /** The plugin's own name (e.g. `vault`). */
  pluginName: string;
  /** Plugin package and version, when it is a package. */
  pluginPackage: string | undefined;
  pluginVersion: string | undefined;
}

/** What {@link verifyPlugin} needs from its caller. */
export interface VerifyContext {
  io: LauncherIo;
  options: LauncherOptions;
  redactor: SecretRedactor;
  log: (message: string) => void;
}

function refuseNonCredentialCall(plugin: string, what: string): CredentialError {
  return new CredentialError('USAGE', `configure: ${what}`, { hint: `give the arguments you would put after "cred-launch ${plugin}" in credential_process` });
}

/**
 * Runs the plugin once through the engine — the very function a
 * credential_process call uses (resolve, load only this plugin, run it under
 * the time limit, STS exchange when asked, core's validation) — without the
 * cache, so a broken backend is caught now rather than served from an old
 * entry. The plugin is resolved and loaded once. What comes back is a
 * validated document, never text: its secrets are registered for redaction
 * and dropped; only a masked key id and the expiry are kept.
 */
export async function verifyPlugin(plugin: string, pluginArgs: readonly string[], context: VerifyContext): Promise<VerifiedCredentials> {
  const first = pluginArgs[0];
  if (first === '--help' || first === '-h') throw refuseNonCredentialCall(plugin, 'the plugin arguments ask for help, not credentials');
  const { io, redactor, log } = context;
  let obtained;
  try {
    obtained = await obtainCredentials(
      { plugin, args: pluginArgs, options: { ...context.options, noCache: true } },
      // A copy for the recursion guard: this process is not a credential_process.
      { env: io.env, cwd: io.cwd, homedir: io.homedir, processEnv: { ...io.env }, redactor, log },
    );
  } catch (error) {
    throw isCredentialError(error) ? error : new CredentialError('INTERNAL', `plugin "${plugin}" failed unexpectedly`, { cause: error });
  }
  const { document } = obtained;
  for (const secret of [document.SecretAccessKey, document.SessionToken]) if (secret !== undefined) redactor.add(secret);
  return {
    maskedAccessKeyId: maskAccessKeyId(document.AccessKeyId),
    temporary: document.SessionToken !== undefined,
    expiration: document.Expiration,
    pluginName: obtained.source?.name ?? plugin,
    pluginPackage: obtained.plugin.packageName,
    pluginVersion: obtained.plugin.version,
  };
}

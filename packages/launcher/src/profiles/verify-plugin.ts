import { CredentialError, isCredentialError, maskAccessKeyId, type SecretRedactor } from '@cred-launch/core';
import type { LauncherIo } from '../io.js';
import { LAUNCHER_DIR } from '../launcher-paths.js';
import { loadPlugin } from '../load-plugin.js';
import type { LauncherOptions } from '../options.js';
import { resolvePlugin } from '../resolve-plugin.js';
import { runPlugin } from '../run-plugin.js';

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
 * Runs the plugin once through the launcher's normal path (resolve, load,
 * run under the deadline, validate, STS exchange when asked) with stdout
 * captured instead of printed, and without the cache, so a broken backend is
 * caught now rather than served from an old entry. The document is parsed,
 * its secrets registered for redaction, and dropped.
 */
export async function verifyPlugin(plugin: string, pluginArgs: readonly string[], context: VerifyContext): Promise<VerifiedCredentials> {
  const first = pluginArgs[0];
  if (first === '--help' || first === '-h') throw refuseNonCredentialCall(plugin, 'the plugin arguments ask for help, not credentials');
  const resolved = resolvePlugin(plugin, { launcherDir: LAUNCHER_DIR, cwd: context.io.cwd });
  const source = await loadPlugin(resolved);
  // A plugin command (e.g. `file encrypt`) has side effects and prints no credentials: never run it here.
  if (first !== undefined && source.commands?.[first] !== undefined) {
    throw refuseNonCredentialCall(plugin, `"${first}" is a command of plugin ${source.name}, not credential arguments`);
  }
  let captured = '';
  const io: LauncherIo = {
    env: context.io.env,
    cwd: context.io.cwd,
    homedir: context.io.homedir,
    writeStdout: async (text) => {
      captured += text;
    },
    writeStderr: (text) => context.io.writeStderr(text),
  };
  try {
    await runPlugin(plugin, pluginArgs, {
      io,
      options: { ...context.options, noCache: true },
      redactor: context.redactor,
      log: context.log,
      // A copy: the recursion guard marks it, and this process is not a credential_process.
      processEnv: { ...context.io.env },
    });
  } catch (error) {
    throw isCredentialError(error) ? error : new CredentialError('INTERNAL', `plugin "${plugin}" failed unexpectedly`, { cause: error });
  }
  let document: Record<string, unknown>;
  try {
    document = JSON.parse(captured) as Record<string, unknown>;
  } catch (error) {
    throw new CredentialError('INTERNAL', `plugin "${plugin}" produced no credential_process document`, { cause: error });
  }
  for (const field of ['SecretAccessKey', 'SessionToken']) {
    if (typeof document[field] === 'string') context.redactor.add(document[field]);
  }
  const accessKeyId = typeof document.AccessKeyId === 'string' ? document.AccessKeyId : '';
  const expiration = typeof document.Expiration === 'string' ? document.Expiration : undefined;
  return {
    maskedAccessKeyId: maskAccessKeyId(accessKeyId),
    temporary: typeof document.SessionToken === 'string',
    expiration,
    pluginName: source.name,
    pluginPackage: resolved.packageName,
    pluginVersion: resolved.version,
  };
}

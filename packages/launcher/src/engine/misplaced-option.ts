import { CredentialError, isCredentialError } from '@cred-launch/core';
import { LAUNCHER_FLAGS } from '../options.js';

/**
 * A plugin's USAGE error about a flag that is one of the launcher's
 * (`cred-launch file … --no-cache`) becomes the real explanation: launcher
 * options go before the plugin name. Anything else passes through unchanged.
 */
export function explainMisplacedOption(error: unknown, plugin: string, args: readonly string[]): unknown {
  if (!isCredentialError(error, 'USAGE')) return error;
  const flag = args.map((arg) => arg.split('=')[0] ?? arg).find((arg) => LAUNCHER_FLAGS.includes(arg) && error.message.includes(arg));
  if (flag === undefined) return error;
  return new CredentialError('USAGE', `${flag} is a launcher option: write it before the plugin name`, {
    cause: error,
    hint: `cred-launch ${flag} … ${plugin} … (everything after "${plugin}" goes to the plugin)`,
  });
}

import type { ConfigureResult } from './configure.js';

/** What `configure` prints on stdout: what ran, what was (or would be) written where. */
export function formatConfigureResult(result: ConfigureResult): string {
  const { verified } = result;
  const plugin = `plugin ${verified.pluginName}${verified.pluginPackage ? ` (${verified.pluginPackage}${verified.pluginVersion ? ` ${verified.pluginVersion}` : ''})` : ''}`;
  const lines = [
    `${plugin} returned access key ${verified.maskedAccessKeyId}` +
      (verified.expiration ? ` (temporary, expires ${verified.expiration})` : verified.temporary ? ' (temporary)' : ' (long-term)'),
  ];
  const target = `[${result.section}] in ${result.configFile}`;
  if (result.dryRun) {
    lines.push(`dry run: nothing written. Would set in ${target}:`);
  } else if (!result.changed) {
    lines.push(`${target} already has this line; nothing written:`);
  } else {
    const write = result.configWrite;
    lines.push(
      `${result.previousLine === undefined ? 'wrote' : 'replaced'} credential_process in ${target}${write?.backup ? ` (backup: ${write.backup})` : write?.created ? ' (new file, mode 0600)' : ''}:`,
    );
  }
  lines.push(`credential_process = ${result.line}`);
  if (result.previousLine !== undefined && result.previousLine !== result.line) lines.push(`(was: credential_process = ${result.previousLine})`);
  for (const removal of result.removedStaticKeys) {
    const verb = result.dryRun ? 'would remove' : 'removed';
    lines.push(
      `${verb} ${removal.keys.join(', ')} for this profile from ${removal.file}${removal.write?.backup ? ` (backup, which still holds them: ${removal.write.backup})` : ''}`,
    );
  }
  if (!result.dryRun) lines.push(`check it with: cred-launch doctor --profile ${result.profile}`);
  return `${lines.join('\n')}\n`;
}

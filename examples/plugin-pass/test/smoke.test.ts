// Keeps test/smoke.mjs (the release check's smoke test) working: run it
// against the workspace launcher with this package given by path.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { resolveLauncherBin } from '@cred-launch/testkit';
import { expect, it } from 'vitest';

it('smoke.mjs passes against the workspace launcher', () => {
  const script = fileURLToPath(new URL('./smoke.mjs', import.meta.url));
  const pluginDir = fileURLToPath(new URL('..', import.meta.url));
  const result = spawnSync(process.execPath, [script, '--launcher', resolveLauncherBin({ from: import.meta.url }), '--plugin', pluginDir], { encoding: 'utf8' });
  expect(result.stderr).toBe('');
  expect(result.stdout).toBe(
    'ok   prints credential_process JSON\nok   prints nothing on stderr\nok   exits 66 for a missing entry, stdout empty\nok   never shows the secret\nok   shows the plugin usage\n',
  );
  expect(result.status).toBe(0);
});

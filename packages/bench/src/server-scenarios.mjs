// Scenarios for plugins that talk to a backend, each against its local
// protocol-faithful test server (never the real service), hosted in a child
// process. 1password's cold path cannot be benchmarked this way: its SDK
// speaks an authenticated protocol through a WASM core to 1Password's servers
// only (src/onepassword-load.mjs measures the SDK's load instead).
import { spawn } from 'node:child_process';
import { join } from 'node:path';

/**
 * @param {{ node: string, bin: string, work: string, repo: string }} context
 * @returns {Promise<{ scenarios: import('./measure.mjs').Scenario[], skipped: string[], close: () => Promise<void> }>}
 */
export async function serverScenarios({ node, bin, work, repo }) {
  const host = spawn(node, [join(repo, 'packages', 'bench', 'src', 'server-host.mjs'), repo], { stdio: ['ignore', 'pipe', 'inherit'] });
  const line = await new Promise((resolve, reject) => {
    let buffer = '';
    host.stdout.on('data', (chunk) => {
      buffer += chunk;
      if (buffer.includes('\n')) resolve(buffer.split('\n')[0]);
    });
    host.once('exit', (code) => reject(new Error(`test server host exited ${code}`)));
  });
  const { vaultUrl, awsUrl, source, rolesAnywhere } = JSON.parse(line);
  const awsEnv = {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: awsUrl,
    AWS_ACCESS_KEY_ID: source.accessKeyId,
    AWS_SECRET_ACCESS_KEY: source.secretAccessKey,
    AWS_CONFIG_FILE: join(work, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-credentials'),
  };
  return {
    scenarios: [
      {
        name: 'vault, KV v2, cold (--no-cache)',
        command: node,
        args: [bin, '--no-cache', 'vault', 'secret/aws/bench'],
        env: { VAULT_ADDR: vaultUrl, VAULT_TOKEN: 'root' },
        expectJson: true,
      },
      {
        name: 'secrets-manager, cold (--no-cache)',
        command: node,
        args: [bin, '--no-cache', 'secrets-manager', 'bench/ci', '--region', 'eu-west-1'],
        env: awsEnv,
        expectJson: true,
      },
      {
        name: 'roles-anywhere, P-256, cold (--no-cache)',
        command: node,
        args: [
          bin,
          '--no-cache',
          'roles-anywhere',
          '--certificate',
          rolesAnywhere.certificate,
          '--private-key',
          rolesAnywhere.privateKey,
          '--intermediates',
          rolesAnywhere.intermediates,
          '--trust-anchor-arn',
          rolesAnywhere.trustAnchorArn,
          '--profile-arn',
          rolesAnywhere.profileArn,
          '--role-arn',
          rolesAnywhere.roleArn,
          '--endpoint',
          awsUrl,
        ],
        expectJson: true,
      },
    ],
    skipped: [
      "1password: its cold path cannot be measured — its SDK talks only to 1Password's service; the scenario above measures what can be reached without it: importing the SDK (its WASM core) and `createClient` with a fake token, which the SDK refuses before any network request (src/onepassword-load.mjs).",
    ],
    close: async () => {
      host.kill('SIGTERM');
      await new Promise((resolve) => host.once('exit', resolve));
    },
  };
}

// Runs the local test servers in their own process (the bench measures with
// spawnSync, which would starve servers living in the bench's event loop),
// seeds them, prints their addresses as one JSON line, and serves until killed.
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = process.argv[2];
const load = (path) => import(pathToFileURL(join(repo, path)).href);
const { startVaultTestServer } = await load('packages/vault-test-server/dist/index.js');
const { createSecretsManager, startAwsTestServer } = await load('packages/aws-test-server/dist/index.js');

const vault = await startVaultTestServer();
vault.state.putSecret('secret/aws/bench', { access_key_id: 'AKIABENCHVAULT000001', secret_access_key: 'benchVaultSecret000000000000000000000000' });
const source = { accessKeyId: 'AKIABENCHSOURCE00001', secretAccessKey: 'benchSourceSecret00000000000000000000000' };
const aws = await startAwsTestServer({
  keys: [source],
  services: [createSecretsManager({ secrets: [{ name: 'bench/ci', region: 'eu-west-1', secretString: JSON.stringify({ AccessKeyId: 'AKIABENCHSM000000001', SecretAccessKey: 'benchSmSecret000000000000000000000000000' }) }] })],
});
process.stdout.write(`${JSON.stringify({ vaultUrl: vault.url, awsUrl: aws.url, source })}\n`);
process.on('SIGTERM', async () => {
  await vault.close();
  await aws.close();
  process.exit(0);
});

// Runs the local test servers in their own process (the bench measures with
// spawnSync, which would starve servers living in the bench's event loop),
// seeds them, prints their addresses as one JSON line, and serves until killed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const repo = process.argv[2];
const load = (path) => import(pathToFileURL(join(repo, path)).href);
const { startVaultTestServer } = await load('packages/vault-test-server/dist/index.js');
const { createRolesAnywhere, createSecretsManager, createTestPki, startAwsTestServer } = await load('packages/aws-test-server/dist/index.js');

const vault = await startVaultTestServer();
vault.state.putSecret('secret/aws/bench', { access_key_id: 'AKIABENCHVAULT000001', secret_access_key: 'benchVaultSecret000000000000000000000000' });
const source = { accessKeyId: 'AKIABENCHSOURCE00001', secretAccessKey: 'benchSourceSecret00000000000000000000000' };
// Roles Anywhere: certificates made by openssl now, the CreateSession service verifies the X.509 signature.
const pkiDir = mkdtempSync(join(tmpdir(), 'cred-launch-bench-pki-'));
const pki = createTestPki(pkiDir);
const rolesAnywhere = {
  trustAnchorArn: 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/bench',
  profileArn: 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/bench',
  roleArn: 'arn:aws:iam::123456789012:role/bench',
  certificate: pki.ecLeaf.certificate,
  privateKey: pki.ecLeaf.privateKey,
  intermediates: pki.intermediateCa,
};
const aws = await startAwsTestServer({
  keys: [source],
  services: [
    createSecretsManager({
      secrets: [
        {
          name: 'bench/ci',
          region: 'eu-west-1',
          secretString: JSON.stringify({ AccessKeyId: 'AKIABENCHSM000000001', SecretAccessKey: 'benchSmSecret000000000000000000000000000' }),
        },
      ],
    }),
    createRolesAnywhere({
      trustAnchors: [{ arn: rolesAnywhere.trustAnchorArn, caCertificates: readFileSync(pki.rootCa, 'utf8') }],
      profiles: [{ arn: rolesAnywhere.profileArn, roleArns: [rolesAnywhere.roleArn] }],
    }),
  ],
});
process.stdout.write(`${JSON.stringify({ vaultUrl: vault.url, awsUrl: aws.url, source, rolesAnywhere })}\n`);
process.on('SIGTERM', async () => {
  await vault.close();
  await aws.close();
  rmSync(pkiDir, { recursive: true, force: true });
  process.exit(0);
});

// Starts the aws-test-server's CreateSession (not AWS) with an openssl-made
// PKI under $1, writes the plugin arguments for an EC and an RSA leaf to
// $1/ec.args and $1/rsa.args (one per line), and runs until killed.
// Used by bench-startup.sh.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRolesAnywhere, createTestPki, startAwsTestServer } from '@cred-launch/aws-test-server';

const dir = process.argv[2];
const pki = createTestPki(dir);
const trustAnchorArn = 'arn:aws:rolesanywhere:eu-west-1:123456789012:trust-anchor/bench';
const profileArn = 'arn:aws:rolesanywhere:eu-west-1:123456789012:profile/bench';
const roleArn = 'arn:aws:iam::123456789012:role/bench';
const server = await startAwsTestServer({
  keys: [],
  services: [
    createRolesAnywhere({ trustAnchors: [{ arn: trustAnchorArn, caCertificates: readFileSync(pki.rootCa, 'utf8') }], profiles: [{ arn: profileArn, roleArns: [roleArn] }] }),
  ],
});
const common = ['--intermediates', pki.intermediateCa, '--trust-anchor-arn', trustAnchorArn, '--profile-arn', profileArn, '--role-arn', roleArn, '--endpoint', server.url];
writeFileSync(join(dir, 'ec.args'), ['--certificate', pki.ecLeaf.certificate, '--private-key', pki.ecLeaf.privateKey, ...common].join(' '));
writeFileSync(join(dir, 'rsa.args'), ['--certificate', pki.rsaLeaf.certificate, '--private-key', pki.rsaLeaf.privateKey, ...common].join(' '));
writeFileSync(join(dir, 'ready'), 'ready');
process.on('SIGTERM', () => server.close().then(() => process.exit(0)));

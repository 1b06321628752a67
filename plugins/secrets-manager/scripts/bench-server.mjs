// A local Secrets Manager test server (not AWS) for the start-up benchmark:
// prints its URL, serves until killed.
import { createSecretsManager, startAwsTestServer } from '@cred-launch/aws-test-server';

const server = await startAwsTestServer({
  keys: [{ accessKeyId: 'AKIABENCHCALLER00001', secretAccessKey: 'bench-caller-secret' }],
  services: [
    createSecretsManager({
      secrets: [{ name: 'bench/keys', secretString: JSON.stringify({ AccessKeyId: 'AKIABENCHSTORED00001', SecretAccessKey: 'bench-stored-secret' }) }],
    }),
  ],
});
process.stdout.write(`${server.url}\n`);
process.on('SIGTERM', () => {
  void server.close().then(() => process.exit(0));
});

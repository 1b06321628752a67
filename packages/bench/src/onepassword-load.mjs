// The 1password plugin's cost that a benchmark can reach without 1Password's
// service: importing `@1password/sdk` (its WASM core) and calling
// `createClient` with a service-account token that has the right prefix
// (`ops_` + base64url JSON) but fake content. The SDK refuses it while
// deserialising the token, before any network request: the token's real
// layout is not public, so the client's further set-up (signing in over the
// network) is out of reach. A bench scenario (`pnpm bench`); exits 0 only
// when the SDK refused the token as expected.
import { createRequire } from 'node:module';
import { join } from 'node:path';

const repo = process.argv[2];
const require = createRequire(join(repo, 'plugins', '1password', 'package.json'));
const sdk = await import(require.resolve('@1password/sdk'));
const fakeToken = `ops_${Buffer.from(JSON.stringify({ signInAddress: '127.0.0.1:9', email: 'bench@example.invalid' })).toString('base64url')}`;
try {
  await sdk.createClient({ auth: fakeToken, integrationName: 'cred-launch bench', integrationVersion: '0.0.0' });
  process.stderr.write('the SDK accepted a fake token\n');
  process.exitCode = 1;
} catch (error) {
  if (!/service account/iu.test(String(error?.message ?? error))) {
    process.stderr.write(`unexpected SDK error: ${String(error?.message ?? error).slice(0, 200)}\n`);
    process.exitCode = 1;
  }
}

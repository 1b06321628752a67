#!/bin/sh
# Start-up cost of the secrets-manager plugin: importing its entry (what
# --help and `cred-launch plugins` pay) against the cold paths that call
# Secrets Manager (keys from the environment: the plugin's own client; through
# the AWS SDK, forced with AWS_RETRY_MODE=adaptive), side by side with `node -e 0` in the
# same hyperfine run, with ratios to it. The calls go to the local test
# server (packages/aws-test-server — not AWS), so network time is ~0.
# Needs: built launcher, plugin and aws-test-server; hyperfine.
#   sh plugins/secrets-manager/scripts/bench-startup.sh
set -eu
plugin=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$plugin/../.." && pwd)
tmp=$(mktemp -d)
node "$plugin/scripts/bench-server.mjs" > "$tmp/url" &
server=$!
trap 'kill "$server" 2>/dev/null; rm -rf "$tmp"' EXIT
while [ ! -s "$tmp/url" ]; do sleep 0.1; done

cd "$root"
bin=packages/launcher/bin/cred-launch.js
sdk=$(cd "$plugin" && node -p "require.resolve('@aws-sdk/client-secrets-manager')")
export CRED_LAUNCH_CACHE_DIR="$tmp/cache"
export AWS_ENDPOINT_URL_SECRETS_MANAGER="$(cat "$tmp/url")" AWS_REGION=us-east-1
export AWS_ACCESS_KEY_ID=AKIABENCHCALLER00001 AWS_SECRET_ACCESS_KEY=bench-caller-secret
export AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
unset AWS_PROFILE
hyperfine -N --warmup 3 --runs "${RUNS:-30}" --export-json "$tmp/result.json" \
  -n 'node -e 0' 'node -e 0' \
  -n 'import plugin entry' "node -e \"import('@cred-launch/plugin-secrets-manager')\"" \
  -n 'import plugin entry + @aws-sdk/client-secrets-manager' "node -e \"import('@cred-launch/plugin-secrets-manager').then(() => import('$sdk'))\"" \
  -n 'cred-launch secrets-manager --help' "node $bin secrets-manager --help" \
  -n 'cred-launch --cache-ttl 1h secrets-manager (cache hit)' "node $bin --cache-ttl 1h secrets-manager bench/keys" \
  -n 'cred-launch --no-cache secrets-manager (cold: direct client + GetSecretValue)' "node $bin --no-cache secrets-manager bench/keys" \
  -n 'cred-launch --no-cache secrets-manager (cold: SDK + GetSecretValue)' "env AWS_RETRY_MODE=adaptive node $bin --no-cache secrets-manager bench/keys"
# Medians resist the noise of a shared machine better than means; CPU time too.
node -e '
const { results } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const base = results[0];
const row = (r) => `| ${r.command} | ${(r.median * 1000).toFixed(1)} | ${(r.median / base.median).toFixed(2)}x | ${((r.user + r.system) * 1000).toFixed(1)} | ${((r.user + r.system) / (base.user + base.system)).toFixed(2)}x |`;
console.log("| Command | Median wall [ms] | vs node -e 0 | Mean CPU user+sys [ms] | vs node -e 0 |");
console.log("|:---|---:|---:|---:|---:|");
for (const r of results) console.log(row(r));
' "$tmp/result.json"

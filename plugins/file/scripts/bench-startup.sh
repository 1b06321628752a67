#!/bin/sh
# Start-up cost of the file plugin's OpenSSL path against its age path, side
# by side with `node -e 0` in the same hyperfine run, with ratios to it.
# Needs: built launcher and plugin, openssl, age, age-keygen, hyperfine.
#   sh plugins/file/scripts/bench-startup.sh
set -eu
# As on a user's laptop (issue 16): the variable alone adds ~75 ms to every Node 20 start.
unset NODE_EXTRA_CA_CERTS
plugin=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$plugin/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

printf '[default]\naws_access_key_id = AKIABENCHEXAMPLE0001\naws_secret_access_key = benchSecretExample\n' > "$tmp/creds"
openssl rand -base64 32 > "$tmp/key"
chmod 600 "$tmp/key"
openssl enc -aes-256-cbc -pbkdf2 -in "$tmp/creds" -out "$tmp/c.enc" -pass "file:$tmp/key"
age-keygen -o "$tmp/id" 2>/dev/null
age -r "$(age-keygen -y "$tmp/id")" -o "$tmp/c.age" "$tmp/creds"

cd "$root"
bin=packages/launcher/bin/cred-launch.js
age_lib="$plugin/node_modules/age-encryption/dist/index.js"
export CRED_LAUNCH_CACHE_DIR="$tmp/cache"
hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-json "$tmp/result.json" \
  -n 'node -e 0' 'node -e 0' \
  -n 'import plugin (OpenSSL path)' "node -e \"import('@cred-launch/plugin-file')\"" \
  -n 'import plugin + age-encryption (only an age file the node:crypto path cannot open)' "node -e \"import('@cred-launch/plugin-file').then(() => import('$age_lib'))\"" \
  -n 'cred-launch --no-cache file c.enc (OpenSSL)' "node $bin --no-cache file $tmp/c.enc --key-file $tmp/key" \
  -n 'cred-launch --no-cache file c.age (age, X25519)' "node $bin --no-cache file $tmp/c.age --key-file $tmp/id"
# Medians resist the noise of a shared machine better than means; CPU time too.
node -e '
const { results } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const base = results[0];
const row = (r) => `| ${r.command} | ${(r.median * 1000).toFixed(1)} | ${(r.median / base.median).toFixed(2)}x | ${((r.user + r.system) * 1000).toFixed(1)} | ${((r.user + r.system) / (base.user + base.system)).toFixed(2)}x |`;
console.log("| Command | Median wall [ms] | vs node -e 0 | Mean CPU user+sys [ms] | vs node -e 0 |");
console.log("|:---|---:|---:|---:|---:|");
for (const r of results) console.log(row(r));
' "$tmp/result.json"

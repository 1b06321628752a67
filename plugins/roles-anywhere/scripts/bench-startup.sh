#!/bin/sh
# Cold start of the roles-anywhere plugin (read certificate and key, check
# them, sign CreateSession, one HTTP request to the local test server — not
# AWS) side by side with `node -e 0` in the same hyperfine run, with ratios
# to it; once with NODE_EXTRA_CA_CERTS unset and once set (Node reads that
# bundle at start-up, in every process). Needs: built launcher, plugin and
# aws-test-server, openssl, hyperfine.
# With valgrind installed it also counts the instructions of one run of each
# (callgrind: exact, unlike wall time on a loaded machine).
#   sh plugins/roles-anywhere/scripts/bench-startup.sh
set -eu
plugin=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$plugin/../.." && pwd)
tmp=$(mktemp -d)
extra_ca=${EXTRA_CA:-/etc/ssl/certs/ca-certificates.crt}
node "$plugin/scripts/bench-server.mjs" "$tmp" &
server=$!
trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
while [ ! -f "$tmp/ready" ]; do sleep 0.2; done

cd "$root"
bin=packages/launcher/bin/cred-launch.js
export CRED_LAUNCH_CACHE_DIR="$tmp/cache"
node "$bin" roles-anywhere $(cat "$tmp/ec.args") > /dev/null # fills the cache for the cache-hit row
report() {
  node -e '
const { results } = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
const base = results[0];
console.log("| Command | Median wall [ms] | vs node -e 0 | Mean CPU user+sys [ms] | vs node -e 0 |");
console.log("|:---|---:|---:|---:|---:|");
for (const r of results) console.log(`| ${r.command} | ${(r.median * 1000).toFixed(1)} | ${(r.median / base.median).toFixed(2)}x | ${((r.user + r.system) * 1000).toFixed(1)} | ${((r.user + r.system) / (base.user + base.system)).toFixed(2)}x |`);
' "$1"
}
for mode in unset set; do
  if [ "$mode" = set ]; then export NODE_EXTRA_CA_CERTS="$extra_ca"; else unset NODE_EXTRA_CA_CERTS; fi
  echo "NODE_EXTRA_CA_CERTS $mode${NODE_EXTRA_CA_CERTS:+ ($NODE_EXTRA_CA_CERTS)}:"
  hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-json "$tmp/$mode.json" \
    -n 'node -e 0' 'node -e 0' \
    -n 'import plugin' "node -e \"import('@cred-launch/plugin-roles-anywhere')\"" \
    -n 'import node:https (the TLS stack a real endpoint needs)' "node -e \"import('node:https')\"" \
    -n 'cred-launch roles-anywhere, cache hit' "node $bin roles-anywhere $(cat "$tmp/ec.args")" \
    -n 'cred-launch --no-cache roles-anywhere, P-256' "node $bin --no-cache roles-anywhere $(cat "$tmp/ec.args")" \
    -n 'cred-launch --no-cache roles-anywhere, RSA 2048' "node $bin --no-cache roles-anywhere $(cat "$tmp/rsa.args")" > /dev/null
  report "$tmp/$mode.json"
  echo
done
if command -v valgrind > /dev/null; then
  count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
  }
  for mode in unset set; do
    if [ "$mode" = set ]; then export NODE_EXTRA_CA_CERTS="$extra_ca"; else unset NODE_EXTRA_CA_CERTS; fi
    base=$(count node -e 0)
    echo "Instructions, NODE_EXTRA_CA_CERTS $mode:"
    echo "| Command | instructions (millions) | vs node -e 0 |"
    echo "|:---|---:|---:|"
    for row in "node -e 0|node -e 0" \
      "cred-launch roles-anywhere, cache hit|node $bin roles-anywhere $(cat "$tmp/ec.args")" \
      "cred-launch --no-cache roles-anywhere, P-256|node $bin --no-cache roles-anywhere $(cat "$tmp/ec.args")" \
      "cred-launch --no-cache roles-anywhere, RSA 2048|node $bin --no-cache roles-anywhere $(cat "$tmp/rsa.args")"; do
      name=${row%%|*}
      # shellcheck disable=SC2086
      n=$(count ${row#*|})
      node -e "console.log('| $name | ' + ($n / 1e6).toFixed(1) + ' | ' + ($n / $base).toFixed(3) + 'x |')"
    done
    echo
  done
fi

#!/bin/sh
# Start-up of the keychain plugin's read path against `node -e 0`, on a real
# gnome-keyring-daemon (private dbus-daemon, throwaway HOME). Also times the
# two ways of talking to the Secret Service: spawning secret-tool (what the
# plugin does) and importing a pure-JS D-Bus client in-process (dbus-next),
# when DBUS_NEXT points at an installed copy (its index.js), e.g.
#   (cd /tmp/d && npm i dbus-next) && DBUS_NEXT=/tmp/d/node_modules/dbus-next/index.js sh plugins/keychain/scripts/bench-startup.sh
# Needs: built launcher and plugin, dbus-daemon, gnome-keyring-daemon, secret-tool, hyperfine.
set -eu
plugin=$(cd "$(dirname "$0")/.." && pwd)
root=$(cd "$plugin/../.." && pwd)
tmp=$(mktemp -d)
mkdir -p "$tmp/data"
export HOME="$tmp" XDG_RUNTIME_DIR="$tmp" XDG_DATA_HOME="$tmp/data" CRED_LAUNCH_CACHE_DIR="$tmp/cache"
out=$(dbus-daemon --session --fork --print-address=1 --print-pid=1 --address="unix:path=$tmp/bus")
DBUS_SESSION_BUS_ADDRESS=$(echo "$out" | sed -n 1p)
bus_pid=$(echo "$out" | sed -n 2p)
export DBUS_SESSION_BUS_ADDRESS
trap 'kill "$bus_pid"; rm -rf "$tmp"' EXIT
printf %s bench-password | gnome-keyring-daemon --unlock --components=secrets >/dev/null
cd "$root"
bin=packages/launcher/bin/cred-launch.js
printf 'aws_access_key_id=AKIABENCHEXAMPLE0001\naws_secret_access_key=benchSecretExample0000000000000000000000\n' | node "$bin" keychain add bench --from-stdin >/dev/null
set -- -n 'node -e 0' 'node -e 0' \
  -n 'import plugin' "node -e \"import('@cred-launch/plugin-keychain')\"" \
  -n 'secret-tool lookup (spawned alone)' 'secret-tool lookup service cred-launch account bench' \
  -n 'cred-launch --no-cache keychain bench' "node $bin --no-cache keychain bench"
if [ -n "${DBUS_NEXT:-}" ]; then
  set -- "$@" -n 'import dbus-next (no call yet)' "node -e \"import('$DBUS_NEXT')\""
fi
hyperfine -N --warmup 5 --runs "${RUNS:-40}" --export-json "$tmp/result.json" "$@"
# Medians resist the noise of a shared machine better than means; CPU time
# (user + system) even more, as it does not count waiting for a core.
node -e '
const results = require(process.argv[1]).results;
const base = results[0];
const cpu = (r) => r.user + r.system;
console.log("| command | median wall ms | vs node -e 0 | mean CPU ms | vs node -e 0 |");
for (const r of results) console.log(`| ${r.command} | ${(r.median * 1000).toFixed(1)} | ${(r.median / base.median).toFixed(2)}x | ${(cpu(r) * 1000).toFixed(1)} | ${(cpu(r) / cpu(base)).toFixed(2)}x |`);
' "$tmp/result.json"

#!/usr/bin/env bash
# Serve Cadenas as three replicas behind HAProxy (deploy/haproxy.cfg) on this machine: each
# browser is pinned to one replica by a cookie, and a replica that dies is left out by the
# balancer and started again here. docs/deploy.md explains the setup.
#
# Usage: bash scripts/serve-replicas.sh        then open http://localhost:8501
# Settings (environment): CADENAS_PORT (8501), CADENAS_ADDRESS (0.0.0.0), CADENAS_REPLICA_PORTS
# ("8601 8602 8603", exactly three), CADENAS_RUN_DIR (where each replica's pid file is kept).
set -euo pipefail
cd "$(dirname "$0")/.."

PORT=${CADENAS_PORT:-8501}
ADDRESS=${CADENAS_ADDRESS:-0.0.0.0}
read -r -a REPLICAS <<< "${CADENAS_REPLICA_PORTS:-8601 8602 8603}"
RUN_DIR=${CADENAS_RUN_DIR:-$(mktemp -d -t cadenas-replicas.XXXXXX)}
[ "${#REPLICAS[@]}" = 3 ] || { echo "CADENAS_REPLICA_PORTS must name three ports" >&2; exit 2; }

python3 -c "import streamlit" 2>/dev/null || python3 -m pip install --quiet --disable-pip-version-check -r requirements.txt
if ! command -v haproxy >/dev/null 2>&1; then
  SUDO=$([ "$(id -u)" = 0 ] && echo "" || echo sudo)
  $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq haproxy >/dev/null
fi

# Allocators that give an ended upload session's memory back (deploy/allocators.env).
set -a
# shellcheck source=../deploy/allocators.env
. deploy/allocators.env
set +a

# On exit (Ctrl-C, or the balancer stopping), stop every replica and supervisor with it.
trap 'trap - EXIT INT TERM; kill 0 2>/dev/null || true' EXIT INT TERM

supervise() {  # keep one replica running on loopback port $1; its pid is in $RUN_DIR/replica-$1.pid
  while true; do
    python3 -m streamlit run app.py --server.port "$1" --server.address 127.0.0.1 --server.headless true \
      --browser.gatherUsageStats false --server.fileWatcherType none >"$RUN_DIR/replica-$1.log" 2>&1 &
    echo $! >"$RUN_DIR/replica-$1.pid"
    wait $! || true
    echo "replica on port $1 stopped; starting it again" >&2
    sleep 1
  done
}

healthy() {
  python3 -c "import sys, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{sys.argv[1]}/_stcore/health', timeout=2)" "$1" 2>/dev/null
}

for port in "${REPLICAS[@]}"; do supervise "$port" & done
for port in "${REPLICAS[@]}"; do
  for _ in $(seq 120); do healthy "$port" && break; sleep 0.5; done
  healthy "$port" || { echo "replica on port $port did not start; see $RUN_DIR/replica-$port.log" >&2; exit 1; }
done

# Streamlit's static files, gzipped once here, for the balancer to send (deploy/static.lua).
python3 scripts/precompress_static.py "$RUN_DIR/static-gz"
export CADENAS_STATIC_GZ="$RUN_DIR/static-gz"
export CADENAS_BIND="$ADDRESS:$PORT" CADENAS_REPLICA_1=${REPLICAS[0]} CADENAS_REPLICA_2=${REPLICAS[1]} CADENAS_REPLICA_3=${REPLICAS[2]}
haproxy -db -f deploy/haproxy.cfg &
balancer=$!
for _ in $(seq 40); do healthy "$PORT" && break; sleep 0.25; done
echo "Cadenas: http://localhost:$PORT through HAProxy, replicas on 127.0.0.1 ports ${REPLICAS[*]} (pid files in $RUN_DIR)"
wait $balancer

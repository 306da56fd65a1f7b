#!/usr/bin/env bash
# Install what the benchmark needs (as for the tests) and run it; see docs/performance.md.
# Usage: bash scripts/bench.sh [--docs]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
exec python3 -m bench.run "$@"

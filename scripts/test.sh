#!/usr/bin/env bash
# Install what the test suite needs (Python packages and Debian's Chromium) and run it all.
# Usage: bash scripts/test.sh [pytest args]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
exec python3 -m pytest "$@"

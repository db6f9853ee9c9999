#!/usr/bin/env bash
# Set up (scripts/setup.sh --test), start a throwaway PostgreSQL on 127.0.0.1,
# and run every test: unit, store (SQLite and PostgreSQL), AppTest and
# browser tests in headless Chromium. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test

pg_dir=""
cleanup() { [ -n "$pg_dir" ] && bash scripts/postgres_for_tests.sh stop "$pg_dir" 2>/dev/null || true; }
trap cleanup EXIT
if [ -z "${GEODASH_TEST_PG_URL:-}" ]; then
  pg_log=$(mktemp)
  GEODASH_TEST_PG_URL=$(bash scripts/postgres_for_tests.sh 2>"$pg_log")
  pg_dir=$(sed -n 's/.*server in \([^ ]*\) .*/\1/p' "$pg_log")
  export GEODASH_TEST_PG_URL
fi

.venv/bin/python -m pytest "$@"

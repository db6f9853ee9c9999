#!/usr/bin/env bash
# Set up (first time only takes a few minutes) and open the dashboard on the built-in sample.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/streamlit run app.py "$@"

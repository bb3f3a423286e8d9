#!/usr/bin/env bash
# Start N Streamlit processes behind nginx with sticky sessions (default 2 processes, port 8500).
# Usage: deploy/run_cluster.sh [PROCESSES] [PORT] [HOST]   (HOST 0.0.0.0 listens on every interface)
set -euo pipefail
cd "$(dirname "$0")/.."
exec .venv/bin/python deploy/cluster.py --processes "${1:-2}" --port "${2:-8500}" --host "${3:-127.0.0.1}"

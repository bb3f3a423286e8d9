#!/usr/bin/env bash
# Install the dashboard's requirements in .venv and start it on the bundled data (http://localhost:8501).
# Extra arguments go to `streamlit run` (e.g. --server.port 8600).
set -euo pipefail
cd "$(dirname "$0")"
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements.txt
# The project itself, editable, so tests and tools import it without path edits (no download: setuptools is pinned above).
.venv/bin/python -m pip install -q --no-build-isolation --no-deps -e .
exec .venv/bin/streamlit run dashboard.py "$@"

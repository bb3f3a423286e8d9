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
# The room's phone pages (the presenter's QR code) from a small process of their own, so a round table's
# phones cost the dashboard nothing: port 8502, or DC_ROOM_PORT (0 leaves it out).
ROOM_PORT="${DC_ROOM_PORT:-8502}"
if [ "$ROOM_PORT" != "0" ]; then
  PORT=8501 PREV=""
  for ARG in "$@"; do  # the dashboard's port, for the phone pages' link to the live view
    case "$ARG" in --server.port=*) PORT="${ARG#*=}" ;; esac
    [ "$PREV" = "--server.port" ] && PORT="$ARG"
    PREV="$ARG"
  done
  .venv/bin/python -m district_stats room-files --port "$ROOM_PORT" --dashboard-port "$PORT" &
  ROOM_PID=$!
  trap 'kill "$ROOM_PID" 2>/dev/null || true' EXIT
  export DC_ROOM_PORT="$ROOM_PORT"
fi
.venv/bin/streamlit run dashboard.py "$@"

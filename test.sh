#!/usr/bin/env bash
# Install everything the tests need and run all of them.
#   - Debian's chromium (browser tests) and nginx (scale-out test) via apt-get when missing;
#   - Python packages of requirements-dev.txt in .venv;
#   - pytest over tests/ (unit, data, app, e2e) on pytest-xdist workers (`-n auto`: how many is decided in
#     tests/conftest.py, one more than the cores when the browser tests run); `-n 0` after the script's name
#     runs everything in one process. Extra arguments go to pytest.
# Exit status: pytest's, except "no tests collected" (5), which is a failure here.
set -euo pipefail
cd "$(dirname "$0")"
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || need+=(nginx)
if [ "${#need[@]}" -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi
PY="${PYTHON:-python3}"
[ -x .venv/bin/python ] || "$PY" -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -r requirements-dev.txt
# The project itself, editable, so tests and tools import it without path edits (no download: setuptools is pinned above).
.venv/bin/python -m pip install -q --no-build-isolation --no-deps -e .
# The run starts many Python processes (the workers, app servers, command-line runs): with the bytecode cache
# each compiles the project and rewrites the tests' asserts once, not once per process (collection 7 s -> 4 s).
unset PYTHONDONTWRITEBYTECODE
set +e
.venv/bin/python -m pytest -n auto --dist loadgroup "$@"
rc=$?
set -e
if [ "$rc" -eq 5 ]; then
  echo "test.sh: nessun test raccolto (pytest exit 5): errore" >&2
  exit 1
fi
exit "$rc"

# Windows (PowerShell): install the dashboard's requirements in .venv and start it on the bundled data
# (http://localhost:8501). Extra arguments go to `streamlit run` (e.g. --server.port 8600).
# Needs Python 3.11 from python.org (the `py` launcher). If scripts are blocked:
#   powershell -ExecutionPolicy Bypass -File .\start.ps1
$ErrorActionPreference = "Stop"
Set-Location -Path $PSScriptRoot
if (-not (Test-Path ".venv\Scripts\python.exe")) { py -3.11 -m venv .venv }
.venv\Scripts\python.exe -m pip install -q --upgrade pip
.venv\Scripts\python.exe -m pip install -q -r requirements.txt
# The project itself, editable, so tools import it without path edits (setuptools is pinned above).
.venv\Scripts\python.exe -m pip install -q --no-build-isolation --no-deps -e .
.venv\Scripts\streamlit.exe run dashboard.py @args
exit $LASTEXITCODE

# Windows (PowerShell): install the dashboard's requirements in .venv and start it on the bundled data
# (http://localhost:8501). Extra arguments go to `streamlit run` (e.g. --server.port 8600).
# Needs Python 3.11 from python.org (the `py` launcher). If scripts are blocked:
#   powershell -ExecutionPolicy Bypass -File .\start.ps1
$ErrorActionPreference = "Stop"
Set-Location -Path $PSScriptRoot
function Check { if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE } }
if (-not (Test-Path ".venv\Scripts\python.exe")) { py -3.11 -m venv .venv; Check }
.venv\Scripts\python.exe -m pip install -q --upgrade pip; Check
.venv\Scripts\python.exe -m pip install -q -r requirements.txt; Check
# The project itself, editable, so tools import it without path edits (setuptools is pinned above).
.venv\Scripts\python.exe -m pip install -q --no-build-isolation --no-deps -e .; Check
# The code for the update form of /dati is printed below when the first page is served.
.venv\Scripts\streamlit.exe run dashboard.py @args
exit $LASTEXITCODE

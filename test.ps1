# Windows (PowerShell): install what the tests need in .venv and run the tests that need no Debian package.
# The browser (e2e) and scale-out tests use Debian's chromium and nginx, which Windows has not: they are the
# "slow" tier, so this runs `pytest -m "not slow"` (unit, data and app tests), one worker per core (pytest-xdist
# `-n auto`; `-n 0` after the script's name runs them in one process). Extra arguments go to pytest.
# If scripts are blocked:  powershell -ExecutionPolicy Bypass -File .\test.ps1
$ErrorActionPreference = "Stop"
Set-Location -Path $PSScriptRoot
function Check { if ($LASTEXITCODE -ne 0) { exit $LASTEXITCODE } }
if (-not (Test-Path ".venv\Scripts\python.exe")) { py -3.11 -m venv .venv; Check }
.venv\Scripts\python.exe -m pip install -q --upgrade pip; Check
.venv\Scripts\python.exe -m pip install -q -r requirements-dev.txt; Check
.venv\Scripts\python.exe -m pip install -q --no-build-isolation --no-deps -e .; Check
Write-Host 'test.ps1: unit, data and app tests (-m "not slow"); browser and scale-out tests need Linux (./test.sh)'
# The bytecode cache on: each process (two workers, command-line runs) compiles the project once, not again.
Remove-Item Env:PYTHONDONTWRITEBYTECODE -ErrorAction SilentlyContinue
.venv\Scripts\python.exe -m pytest -m "not slow" -n auto --dist loadgroup @args
$rc = $LASTEXITCODE
if ($rc -eq 5) { Write-Host "test.ps1: nessun test raccolto (pytest exit 5): errore"; exit 1 }
exit $rc

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
# The room's phone pages (the presenter's QR code) from a small process of their own, so a round table's
# phones cost the dashboard nothing: port 8502, or DC_ROOM_PORT (0 leaves it out).
$roomPort = if ($env:DC_ROOM_PORT) { $env:DC_ROOM_PORT } else { "8502" }
$room = $null
if ($roomPort -ne "0") {
    $port = "8501"  # the dashboard's port, for the phone pages' link to the live view
    for ($i = 0; $i -lt $args.Count; $i++) {
        if ($args[$i] -like "--server.port=*") { $port = $args[$i].Split("=")[1] }
        elseif ($args[$i] -eq "--server.port" -and $i + 1 -lt $args.Count) { $port = $args[$i + 1] }
    }
    $room = Start-Process -FilePath ".venv\Scripts\python.exe" -NoNewWindow -PassThru `
        -ArgumentList "-m", "district_stats", "room-files", "--port", $roomPort, "--dashboard-port", $port
    $env:DC_ROOM_PORT = $roomPort
}
try {
    .venv\Scripts\streamlit.exe run dashboard.py @args
    $code = $LASTEXITCODE
} finally {
    if ($room) { Stop-Process -Id $room.Id -ErrorAction SilentlyContinue }
}
exit $code

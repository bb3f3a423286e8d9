"""The README and docs/ stay true: column dictionary, headline numbers, the two set-up commands, the size."""

from __future__ import annotations

import os
import re
import stat

from district_stats.content.text import fmt
from district_stats.ops import docs
from district_stats.paths import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
COLUMNS = (ROOT / "docs" / "columns.md").read_text(encoding="utf-8")
DATA_DOC = (ROOT / "docs" / "data.md").read_text(encoding="utf-8")


def test_column_dictionary_matches_the_schema():
    assert docs.column_dictionary() in COLUMNS, "run: python -m district_stats docs --write docs/columns.md"


def test_readme_is_a_front_door():
    assert len(README.encode("utf-8")) <= 12 * 1024
    for doc in ("data", "columns", "aggiornare-i-dati", "sharing", "performance", "testing", "decisions", "deploy"):
        assert f"(docs/{doc}.md)" in README and (ROOT / "docs" / f"{doc}.md").is_file(), doc


def test_architecture_map_names_every_package():
    block = README.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    for pkg in sorted(p.parent.name for p in (ROOT / "district_stats").glob("*/__init__.py")):
        assert f"  {pkg}/" in block, pkg


def test_coverage_and_money_in_the_data_doc_match_the_data(views):
    README = DATA_DOC
    cov = views.coverage
    assert f"{cov.n_districts} active districts identified of 98" in README
    assert f"{cov.n_covered} of Piemonte's 1,180 comuni" in README
    assert f"({round(cov.share_comuni * 100)}%" in README
    assert f"complete for {cov.n_complete} districts" in README
    assert f"{fmt.num(cov.n_covered)} di {round(cov.n_comuni / 2)}" in README
    assert fmt.eur(views.recon.total_eur, "it", 2).replace(" €", " €") in README
    assert fmt.eur(views.reserve.reserve_eur, "it", 2) in README


def test_exactly_two_setup_commands_per_platform_and_they_exist():
    block = README.split("## Set-up", 1)[1].split("\n## ", 1)[0]
    bash = re.findall(r"```bash\n(.*?)\n```", block, re.S)
    powershell = re.findall(r"```powershell\n(.*?)\n```", block, re.S)
    assert bash == ["./start.sh", "./test.sh"]
    assert powershell == [".\\start.ps1", ".\\test.ps1"]
    for cmd in bash:
        path = ROOT / cmd.removeprefix("./")
        assert path.exists() and os.stat(path).st_mode & stat.S_IXUSR
    for cmd in powershell:
        assert (ROOT / cmd.removeprefix(".\\")).is_file()


def test_start_script_installs_and_starts_and_test_script_installs_and_tests():
    start = (ROOT / "start.sh").read_text(encoding="utf-8")
    assert "pip install" in start and "requirements.txt" in start and "streamlit run dashboard.py" in start
    test = (ROOT / "test.sh").read_text(encoding="utf-8")
    assert "apt-get install" in test and "chromium" in test and "requirements-dev.txt" in test
    assert "pytest" in test and '"$rc" -eq 5' in test


def test_windows_scripts_do_what_the_readme_says():
    """No PowerShell here: the scripts are checked by what they run (a venv from the py launcher,
    .venv\\Scripts\\ executables, the same requirement files, and only the tests that need no Debian package)."""
    start = (ROOT / "start.ps1").read_text(encoding="utf-8")
    test = (ROOT / "test.ps1").read_text(encoding="utf-8")
    for script in (start, test):
        assert "py -3.11 -m venv .venv" in script and '$ErrorActionPreference = "Stop"' in script
        assert "Set-Location -Path $PSScriptRoot" in script and ".venv/bin" not in script
        assert "--no-build-isolation --no-deps -e ." in script
    assert ".venv\\Scripts\\python.exe -m pip install -q -r requirements.txt" in start
    assert ".venv\\Scripts\\streamlit.exe run dashboard.py" in start
    assert ".venv\\Scripts\\python.exe -m pip install -q -r requirements-dev.txt" in test
    assert '.venv\\Scripts\\python.exe -m pytest -m "not slow"' in test
    assert "apt-get" not in test and "Write-Host" in test and "$rc -eq 5" in test


def test_ci_runs_ruff_and_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "ruff check" in ci and "./test.sh" in ci

"""``python -m district_stats validate``: accepts the bundled tables, refuses bad ones readably, never a traceback.

The command runs in-process (``cli.main``), one test runs it as a real subprocess to check the entry point.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass

import pytest

from district_stats import cli
from district_stats.data import candidate, schema
from district_stats.paths import DATA_DIR, ROOT


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


@pytest.fixture
def run(capsys, monkeypatch, ds):
    # The context tables are the committed data, loaded once per session instead of once per call
    # (the subprocess test below runs the command's own loading).
    monkeypatch.setattr(candidate, "load_dataset", lambda *a, **k: ds)

    def go(*args: str) -> Ran:
        code = cli.main(["validate", *args])
        out = capsys.readouterr()
        return Ran(code, out.out, out.err)

    return go


@pytest.mark.slow  # a Python subprocess loading the whole dataset (~3 s)
def test_entry_point_runs_as_a_subprocess():
    res = subprocess.run(
        [sys.executable, "-m", "district_stats", "validate", str(DATA_DIR / "timeline.csv")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert res.returncode == 0, res.stderr
    assert "valido per la tabella timeline" in res.stdout


@pytest.mark.parametrize("spec", schema.CURATED, ids=lambda s: s.name)
def test_bundled_tables_are_valid(run, spec):
    res = run(str(DATA_DIR / spec.filename))
    assert res.returncode == 0, res.stderr
    assert "valido" in res.stdout


MEMBERS = b"district_id,istat_code,comune_name,role,stated_year,list_basis,confidence,source_urls\n"
CASES = {
    "latin1.csv": MEMBERS + "D001,001001,Agliè,member,2025,current,high,https://a.it\n".encode("latin-1"),
    "negativo.csv": (
        b"grant_id,district_id,line_id,year,amount_eur,amount_kind,rank,confidence,source_urls\n"
        b"G001,D001,L03,2022,-10,allocated,,high,https://a.it\n"
    ),
    "due_distretti.csv": MEMBERS
    + (
        b"D001,001272,Torino,capofila,2025,current,high,https://a.it\n"
        b"D002,001272,Torino,member,2025,current,high,https://a.it\n"
    ),
    "vuoto.csv": b"",
    "istat.csv": MEMBERS + b"D001,099999,Nowhere,member,2025,current,high,https://a.it\n",
}


@pytest.mark.parametrize(
    "name,expect",
    [
        ("latin1.csv", "UTF-8"),
        ("negativo.csv", "negativo"),
        ("due_distretti.csv", "già nel distretto"),
        ("vuoto.csv", "vuoto"),
        ("istat.csv", "non è un comune del Piemonte"),
    ],
)
def test_bad_files_are_refused_with_italian_messages(run, tmp_path, name, expect):
    path = tmp_path / name
    path.write_bytes(CASES[name])
    table = "grants" if name == "negativo.csv" else "district_members"
    res = run(str(path), "--table", table)
    assert res.returncode == 1
    assert expect in res.stderr and "Traceback" not in res.stderr + res.stdout
    if name != "vuoto.csv":
        assert "riga" in res.stderr


def test_without_a_file_the_whole_data_folder_is_checked(run):
    res = run()
    assert res.returncode == 0 and "tabelle valide, nessun file da sistemare" in res.stdout


def test_huge_file_is_refused_by_size(run, tmp_path):
    path = tmp_path / "huge.csv"
    with open(path, "wb") as fh:
        fh.seek(25 * 1024 * 1024)
        fh.write(b"\n")
    res = run(str(path))
    assert res.returncode == 1 and "limite" in res.stderr


def test_usage_errors_exit_2(run):
    assert run("/no/such/file.csv").returncode == 2
    assert run(str(DATA_DIR / "districts.csv"), "--table", "nonsense").returncode == 2

"""The fallback deck: a PNG (1280×720) and a CSV per presenter screen, an index and a deck page."""

from __future__ import annotations

import re
import struct
import subprocess
import sys

import pandas as pd

from district_stats.paths import ROOT


def cli(*args: str) -> subprocess.CompletedProcess:
    """The command as a user runs it (its own process: the tests' browser keeps running here)."""
    return subprocess.run([sys.executable, "-m", "district_stats", "snapshot", *args], cwd=ROOT, capture_output=True,
                          text=True, timeout=600)


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_snapshot_writes_every_screen_and_its_table(tmp_path):
    run = cli(str(tmp_path))
    assert run.returncode == 0, run.stderr
    assert "8 schermate" in run.stdout
    index = pd.read_csv(tmp_path / "indice.csv", sep=";", encoding="utf-8-sig", dtype=str)
    assert len(index) == 8 and list(index["passo"]) == [str(i) for i in range(1, 9)]
    for _, row in index.iterrows():
        assert png_size((tmp_path / row["immagine"]).read_bytes()) == (1280, 720)
        table = (tmp_path / row["tabella"]).read_bytes()
        assert table.startswith(b"\xef\xbb\xbf") and b";" in table.splitlines()[0]
        assert row["fonte"].startswith("Fonte:")
    deck = (tmp_path / "deck.html").read_text(encoding="utf-8")
    assert deck.count("data:image/png;base64,") == 8
    # No link to any server: look at the markup only (base64 image data can spell "http" by chance).
    markup = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", deck.split("<script>")[0])
    assert "http" not in markup.lower()


def test_snapshot_usage_errors(tmp_path):
    assert cli("--lang", "fr", str(tmp_path)).returncode == 2

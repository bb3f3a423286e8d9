"""The fallback deck: a PNG (1280×720) and a CSV per presenter screen, an index and a deck page."""

from __future__ import annotations

import struct

import pandas as pd

from district_stats import snapshot


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def test_snapshot_writes_every_screen_and_its_table(tmp_path):
    assert snapshot.main([str(tmp_path)]) == 0
    index = pd.read_csv(tmp_path / "indice.csv", sep=";", encoding="utf-8-sig", dtype=str)
    assert len(index) == 8 and list(index["passo"]) == [str(i) for i in range(1, 9)]
    for _, row in index.iterrows():
        assert png_size((tmp_path / row["immagine"]).read_bytes()) == (1280, 720)
        table = (tmp_path / row["tabella"]).read_bytes()
        assert table.startswith(b"\xef\xbb\xbf") and b";" in table.splitlines()[0]
        assert row["fonte"].startswith("Fonte:")
    deck = (tmp_path / "deck.html").read_text(encoding="utf-8")
    assert deck.count("data:image/png;base64,") == 8 and "http" not in deck.split("<script>")[0].lower()


def test_snapshot_usage_errors(tmp_path):
    assert snapshot.main(["--lang", "fr", str(tmp_path)]) == 2

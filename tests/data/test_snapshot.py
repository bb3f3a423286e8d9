"""The fallback deck, built from the committed artefacts as a plain install runs it (no browser, no Playwright)."""

from __future__ import annotations

import re
import subprocess
import sys

import pandas as pd
import pytest

from district_stats.cli import main
from district_stats.ops import artefacts, snapshot
from district_stats.paths import ROOT

pytestmark = pytest.mark.slow  # deck builds, one in a plain install's subprocess (~5 s in all)

#: Runs the command with Playwright made unimportable: the runtime install (requirements.txt) has none.
PLAIN = (
    "import sys; sys.modules['playwright'] = None; sys.modules['kaleido'] = None\n"
    "from district_stats.cli import main; sys.exit(main(sys.argv[1:]))"
)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PLAIN, "snapshot", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def test_snapshot_from_a_plain_install_writes_every_screen_and_its_table(tmp_path):
    out = tmp_path / "deck"
    run = cli(str(out))
    assert run.returncode == 0, run.stderr
    assert "schermata 1 di 8" in run.stdout and "schermata 8 di 8" in run.stdout and "8 schermate" in run.stdout
    index = pd.read_csv(out / "indice.csv", sep=";", encoding="utf-8-sig", dtype=str, keep_default_na=False)
    assert list(index["passo"]) == [str(i) for i in range(1, 9)]
    for _, row in index.iterrows():
        table = (out / row["tabella"]).read_bytes()
        assert table.startswith(b"\xef\xbb\xbf") and b";" in table.splitlines()[0]
        assert row["fonte"].startswith("Fonte:")
        if row["immagine"]:  # the published projector image of the screen, as it is
            published = artefacts.EMBED_DIR / "presenter" / f"{row['immagine'].split('_', 1)[1]}"
            assert (out / row["immagine"]).read_bytes() == published.read_bytes()
    assert (index["immagine"] != "").sum() >= 6 and len(list(out.glob("*.png"))) == (index["immagine"] != "").sum()
    deck = (out / "deck.html").read_text(encoding="utf-8")
    assert deck.count("<section") == 8 and deck.count("data:image/png;base64,") == (index["immagine"] != "").sum()
    assert all(title in deck for title in index["titolo"].map(lambda x: x.replace("'", "&#x27;")))
    # No link to any server: look at the markup only (base64 image data can spell "http" by chance).
    markup = re.sub(r"data:image/png;base64,[A-Za-z0-9+/=]+", "", deck)
    assert "http" not in markup.lower() and "<script src" not in markup


def test_snapshot_in_english(tmp_path):
    screens = snapshot.write_deck(tmp_path / "en", "en", progress=lambda m: None)
    deck = (tmp_path / "en" / "deck.html").read_text(encoding="utf-8")
    assert '<html lang="en">' in deck and f"Step 1/{len(screens)}" in deck


def test_snapshot_writes_all_or_nothing(tmp_path, monkeypatch):
    out = tmp_path / "deck"
    snapshot.write_deck(out, progress=lambda m: None)
    before = sorted(p.name for p in out.iterdir())
    monkeypatch.setattr(snapshot, "deck_html", lambda *a: 1 / 0)  # fails after the images and tables
    with pytest.raises(ZeroDivisionError):
        snapshot.write_deck(out, progress=lambda m: None)
    assert sorted(p.name for p in out.iterdir()) == before  # the previous deck, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == ["deck"]  # no temporary folder left
    with pytest.raises(ZeroDivisionError):
        snapshot.write_deck(tmp_path / "new", progress=lambda m: None)
    assert not (tmp_path / "new").exists()


def test_snapshot_refuses_a_folder_with_other_files(tmp_path, capsys):
    (tmp_path / "lettera.docx").write_bytes(b"x")
    assert main(["snapshot", str(tmp_path)]) == 2  # the command in this process (a plain install: above)
    assert "altri file" in capsys.readouterr().err
    assert [p.name for p in tmp_path.iterdir()] == ["lettera.docx"]


def test_snapshot_refuses_images_of_other_data(tmp_path, monkeypatch):
    from tests.scratch import copy_data

    data = copy_data(tmp_path / "data")
    grants = (data / "grants.csv").read_text(encoding="utf-8")
    (data / "grants.csv").write_text(grants.replace("292000", "292001", 1), encoding="utf-8")
    with pytest.raises(RuntimeError, match="altri dati: eseguire prima python -m district_stats publish"):
        snapshot.write_deck(tmp_path / "deck", data_dir=data, progress=lambda m: None)
    assert not (tmp_path / "deck").exists()


def test_snapshot_usage_errors(tmp_path):
    assert main(["snapshot", "--lang", "fr", str(tmp_path)]) == 2
    assert main(["snapshot", "--url", "http://x", str(tmp_path)]) == 2  # no server any more: the deck is files

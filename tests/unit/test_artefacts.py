"""When the published artefacts can be used: data and code fingerprints, per language (synthetic folders)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from district_stats.ops import artefacts, publish


def _manifest(folder: Path, languages: dict[str, str], code: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / artefacts.MANIFEST).write_text(json.dumps({"languages": languages, "code": code}), encoding="utf-8")
    return folder


@pytest.fixture
def synth_data(tmp_path: Path) -> Path:
    """SYNTH_DATA: a data folder with one table and one derived geometry file."""
    data = tmp_path / "data"
    (data / "derived" / "geo" / "districts").mkdir(parents=True)
    (data / "districts.csv").write_text("district_id\nD001\n", encoding="utf-8")
    (data / "derived" / "geo" / "districts" / "D001.geojson").write_text('{"features": []}', encoding="utf-8")
    return data


def test_fingerprints_follow_contents_not_line_ends(synth_data):
    before = artefacts.data_fingerprint(synth_data)
    (synth_data / "districts.csv").write_bytes(b"district_id\r\nD001\r\n")
    assert artefacts.data_fingerprint(synth_data) == before
    (synth_data / "derived" / "geo" / "districts" / "D001.geojson").write_text('{"features": [1]}', encoding="utf-8")
    assert artefacts.data_fingerprint(synth_data) != before  # a district's map counts (presenter drill-down)


def test_code_fingerprint_follows_the_figure_code(tmp_path):
    root = tmp_path / "root"
    (root / "district_stats" / "content").mkdir(parents=True)
    (root / "district_stats" / "content" / "charts.py").write_text("A = 1\n", encoding="utf-8")
    (root / "district_stats" / "content" / "texts.toml").write_text("[x]\n", encoding="utf-8")
    before = artefacts.code_fingerprint(root)
    (root / "district_stats" / "content" / "notes.md").write_text("not code", encoding="utf-8")
    assert artefacts.code_fingerprint(root) == before
    (root / "district_stats" / "content" / "texts.toml").write_text("[y]\n", encoding="utf-8")
    assert artefacts.code_fingerprint(root) != before


def test_stale_reasons_per_language(synth_data, tmp_path):
    data = artefacts.data_fingerprint(synth_data)
    embed = tmp_path / "embed"
    assert artefacts.stale_reasons(synth_data, embed, code="c1") == {"it": ["missing"], "en": ["missing"]}
    _manifest(embed, {"it": data, "en": "old"}, {"it": "c1", "en": "c1"})
    assert artefacts.stale_reasons(synth_data, embed, code="c1") == {"en": ["data"]}
    assert artefacts.stale_reasons(synth_data, embed, code="c2") == {"it": ["code"], "en": ["data", "code"]}
    _manifest(embed, {"it": data, "en": data}, {"it": "c1", "en": "c1"})
    assert artefacts.stale_reasons(synth_data, embed, code="c1") == {}
    (embed / artefacts.MANIFEST).write_text("[not a manifest", encoding="utf-8")
    assert artefacts.stale_languages(synth_data, embed) == ["it", "en"]


def test_only_the_bundled_data_has_published_artefacts(tmp_path):
    from district_stats import paths

    assert artefacts.default_root(paths.DEFAULT_DATA_DIR) == artefacts.STATIC_DIR
    assert artefacts.default_root(tmp_path) is None
    assert publish.refresh(tmp_path, progress=lambda m: None) is None  # nothing to rebuild, nothing drawn


def test_progress_of_a_build_in_words(tmp_path):
    assert artefacts.last_progress(tmp_path) == "" and not artefacts.build_running(tmp_path)
    (tmp_path / artefacts.LOG_NAME).write_text("lettura dei dati…\ngrafico 3 di 28: anni (it)…\n", encoding="utf-8")
    assert artefacts.last_progress(tmp_path) == "grafico 3 di 28: anni (it)…"

"""The artefact build on the committed data, without a browser: all or nothing, progress in words.

The renderer (kaleido) is replaced by a stub that writes small files, so these tests check the
build's bookkeeping; the real drawings are checked by tests/data/test_embeds.py and the e2e test.
"""

from __future__ import annotations

import json

import pytest

from district_stats import cli
from district_stats.content import embed
from district_stats.ops import artefacts, publish

IDS = ("linee", "flusso", "mappa")


def _stub(fail_on: str | None = None):
    def render(out, views, lang, folder, public_url):
        if out.chart_id == fail_on:
            raise RuntimeError("Chromium non trovato")
        svg = '<svg viewBox="0 0 360 200"></svg>'
        html = f'<div class="dc-n">{svg}</div>'
        for ext, data in (("html", html), ("png", "p"), ("svg", svg), ("zip", "z")):
            name = f"{out.chart_id}-kit" if ext == "zip" else out.chart_id
            path = folder / embed.page_path(name, lang, ext)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(data, encoding="utf-8")
        return 10, 20

    return render


@pytest.fixture
def old_embeds(tmp_path):
    (tmp_path / "embed").mkdir()
    (tmp_path / "embed" / "old.html").write_text("previous", encoding="utf-8")
    return tmp_path


def test_a_failed_build_leaves_the_previous_artefacts(old_embeds, monkeypatch):
    monkeypatch.setattr(publish, "render_chart", _stub(fail_on="flusso"))
    with pytest.raises(RuntimeError):
        publish.publish(old_embeds, chart_ids=IDS, progress=lambda m: None)
    assert [p.name for p in old_embeds.iterdir()] == ["embed"]  # no temporary folder left behind
    assert [p.name for p in (old_embeds / "embed").iterdir()] == ["old.html"]


def test_a_build_replaces_everything_and_says_how_far_it_is(old_embeds, monkeypatch):
    monkeypatch.setattr(publish, "render_chart", _stub())
    said: list[str] = []
    rep = publish.publish(old_embeds, chart_ids=IDS, progress=said.append)
    assert said[:2] == ["grafico 1 di 6: linee (it)…", "grafico 2 di 6: flusso (it)…"]
    assert said[5] == "grafico 6 di 6: mappa (en)…"
    folder = old_embeds / "embed"
    assert not (folder / "old.html").exists() and (folder / "en" / "mappa.html").exists()
    assert (folder / "index.html").exists() and (folder / "snippet.html").exists()
    doc = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert doc["data_version"] == artefacts.data_fingerprint() == doc["languages"]["it"] == doc["languages"]["en"]
    assert doc["embeds"]["en/mappa.html"]["height"] == 800 and doc["embeds"]["linee.html"]["title"]
    assert doc["files"]["linee.html"]["bytes"] == len('<div class="dc-n"><svg viewBox="0 0 360 200"></svg></div>')
    assert rep.page_bytes.keys() == {"linee.html", "flusso.html", "mappa.html", "en/linee.html", "en/flusso.html",
                                     "en/mappa.html"}
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "height=&quot;800&quot;" in index  # fallback from the phone drawing's height (200 px)


def test_one_language_keeps_the_other(old_embeds, monkeypatch):
    monkeypatch.setattr(publish, "render_chart", _stub())
    publish.publish(old_embeds, chart_ids=IDS, progress=lambda m: None)
    publish.publish(old_embeds, ("it",), chart_ids=("linee",), progress=lambda m: None)
    folder = old_embeds / "embed"
    assert (folder / "en" / "flusso.html").exists() and (folder / "flusso.html").exists()
    doc = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert set(doc["languages"]) == {"it", "en"} and "en/flusso.html" in doc["files"]


def test_publish_is_a_command_with_italian_help(capsys):
    assert "publish" in cli.COMMANDS and "incorporare" in cli.COMMANDS["publish"][0]
    assert cli.main(["publish", "--help"]) == cli.EXIT_OK
    assert "--lang" in capsys.readouterr().out
    assert cli.main(["publish", "--lang", "fr"]) == cli.EXIT_USAGE

"""The artefact build on the committed data, without a browser: all or nothing, progress in words, one
build at a time, and the rebuild after a data update.

The renderer (kaleido) is replaced by stubs that write small files, so these tests check the
build's bookkeeping; the real drawings are checked by tests/data/test_embeds.py and the e2e test.
"""

from __future__ import annotations

import json

import pytest

from district_stats import cli, paths
from district_stats.content.embeds import embed_page
from district_stats.ops import artefacts, presenter_art, publish, update
from tests.scratch import copy_data

pytestmark = pytest.mark.slow  # artefact builds over every screen and district on scratch copies (~55 s in all)

IDS = ("linee", "flusso", "mappa")
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _stub(fail_on: str | None = None):
    def render(out, views, lang, folder, public_url):
        if out.chart_id == fail_on:
            raise RuntimeError("Chromium non trovato")
        svg = '<svg viewBox="0 0 360 200"></svg>'
        html = f'<div class="dc-n">{svg}</div>'
        for ext, data in (("html", html), ("png", "p"), ("svg", svg), ("zip", "z"), ("n.svg", svg), ("w.svg", svg)):
            name = f"{out.chart_id}-kit" if ext == "zip" else out.chart_id
            name, ext = (f"{name}-{ext[0]}", "svg") if ext.endswith(".svg") else (name, ext)
            path = folder / embed_page.page_path(name, lang, ext)
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(data, encoding="utf-8")
        return 10, 20

    return render


def _stub_renderers(monkeypatch, fail_on: str | None = None) -> None:
    """The charts' renderer and the map page's pictures (both kaleido) replaced: the build's bookkeeping only."""
    monkeypatch.setattr(publish, "render_chart", _stub(fail_on))
    monkeypatch.setattr(publish, "render_page_map", lambda views, lang, geo, folder: None)


@pytest.fixture
def old_embeds(tmp_path):
    (tmp_path / "embed").mkdir()
    (tmp_path / "embed" / "old.html").write_text("previous", encoding="utf-8")
    return tmp_path


def test_a_failed_build_leaves_the_previous_artefacts(old_embeds, monkeypatch):
    _stub_renderers(monkeypatch, fail_on="flusso")
    with pytest.raises(RuntimeError):
        publish.publish(old_embeds, chart_ids=IDS, progress=lambda m: None, presenter=False)
    # No temporary folder left behind (the lock and the progress log of the build stay next to it).
    assert sorted(p.name for p in old_embeds.iterdir()) == sorted(["embed", artefacts.LOCK_NAME, artefacts.LOG_NAME])
    assert [p.name for p in (old_embeds / "embed").iterdir()] == ["old.html"]


def test_a_build_replaces_everything_and_says_how_far_it_is(old_embeds, monkeypatch):
    _stub_renderers(monkeypatch)
    said: list[str] = []
    rep = publish.publish(old_embeds, chart_ids=IDS, progress=said.append, presenter=False)
    assert said[:3] == ["lettura dei dati…", "grafico 1 di 6: linee (it)…", "grafico 2 di 6: flusso (it)…"]
    assert said[6] == "grafico 6 di 6: mappa (en)…" and said[-1] == "pubblicazione completata"
    log = (old_embeds / artefacts.LOG_NAME).read_text(encoding="utf-8").splitlines()
    assert log == said and artefacts.last_progress(old_embeds) == "pubblicazione completata"
    folder = old_embeds / "embed"
    assert not (folder / "old.html").exists() and (folder / "en" / "mappa.html").exists()
    assert (folder / "index.html").exists() and (folder / "snippet.html").exists()
    doc = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert doc["data_version"] == artefacts.data_fingerprint() == doc["languages"]["it"] == doc["languages"]["en"]
    assert doc["code_version"] == artefacts.code_fingerprint() == doc["code"]["it"] == doc["code"]["en"]
    assert artefacts.stale_reasons(embed_dir=folder) == {}
    assert doc["embeds"]["en/mappa.html"]["height"] == 900 and doc["embeds"]["linee.html"]["title"]
    assert doc["files"]["linee.html"]["bytes"] == len('<div class="dc-n"><svg viewBox="0 0 360 200"></svg></div>')
    assert rep.page_bytes.keys() == {
        "linee.html",
        "flusso.html",
        "mappa.html",
        "en/linee.html",
        "en/flusso.html",
        "en/mappa.html",
    }
    index = (folder / "index.html").read_text(encoding="utf-8")
    assert "height=&quot;900&quot;" in index  # fallback from the phone drawing's height (200 px)


def test_one_language_keeps_the_other(old_embeds, monkeypatch):
    _stub_renderers(monkeypatch)
    publish.publish(old_embeds, chart_ids=IDS, progress=lambda m: None, presenter=False)
    publish.publish(old_embeds, ("it",), chart_ids=("linee",), progress=lambda m: None, presenter=False)
    folder = old_embeds / "embed"
    assert (folder / "en" / "flusso.html").exists() and not (folder / "flusso.html").exists()  # Italian redrawn whole
    assert (folder / "linee.html").exists()
    doc = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert set(doc["languages"]) == {"it", "en"} and "en/flusso.html" in doc["files"]


def test_publish_is_a_command_with_italian_help(capsys):
    assert "publish" in cli.COMMANDS and "incorporare" in cli.COMMANDS["publish"][0]
    assert cli.main(["publish", "--help"]) == cli.EXIT_OK
    assert "--lang" in capsys.readouterr().out
    assert cli.main(["publish", "--lang", "fr"]) == cli.EXIT_USAGE


def test_one_build_at_a_time(old_embeds, monkeypatch):
    from filelock import FileLock

    _stub_renderers(monkeypatch)
    with FileLock(old_embeds / artefacts.LOCK_NAME):  # another build is running
        assert artefacts.build_running(old_embeds)
        with pytest.raises(RuntimeError, match="in corso"):
            publish.publish(old_embeds, chart_ids=IDS, progress=lambda m: None, presenter=False, wait_s=0.2)
    assert not artefacts.build_running(old_embeds)
    assert [p.name for p in (old_embeds / "embed").iterdir()] == ["old.html"]


def test_presenter_images_for_every_screen_and_district_at_the_figures_own_size(tmp_path, monkeypatch, views):
    from district_stats.content import story

    drawn: dict[str, tuple[int, int, int, int]] = {}

    def draw(fig, width, height):
        drawn[str(len(drawn))] = (width, height, fig.layout.width or 0, fig.layout.height or 0)
        return PNG

    monkeypatch.setattr(presenter_art, "draw_png", draw)
    # Every screen, and the districts of three shapes (the first, a large one, the last): that every mapped
    # district has its two pictures is checked on the published artefacts (tests/data/test_phone_pages.py).
    mapped = sorted(views.ds["district_geo"]["district_id"])
    sample = {mapped[0], "D041", mapped[-1]}
    every = presenter_art.figures
    monkeypatch.setattr(
        presenter_art,
        "figures",
        lambda *a, **k: [j for j in every(*a, **k) if "members/" not in j[0] or j[0].split("/")[-1][:4] in sample],
    )
    said: list[str] = []
    written = presenter_art.render(views, ("en",), tmp_path, paths.DATA_DIR, said.append)
    cover = story.cover(views, "en")
    screens = [
        s
        for s in story.screens(views, "en") + ([cover] if cover else [])
        if s.chart_id or s.kind in ("map", "district", "cover")
    ]
    assert len(written["en"]) == 2 * len(screens) + 2 * len(sample)  # projector and phone pictures
    assert {presenter_art.screen_path(s.screen_id, "en", n) for s in screens for n in (False, True)} <= set(
        written["en"]
    )
    assert (tmp_path / "en" / "presenter" / "members" / "D041.png").read_bytes() == PNG
    assert (tmp_path / "en" / "presenter" / "members" / "D041-phone.png").read_bytes() == PNG
    # Sizes come from the figures' layout (the story sets them), never from constants of the build.
    assert all(w == fw and h == fh for w, h, fw, fh in drawn.values() if fw and fh)
    assert said[0].startswith("presentazione: immagine 1 di ") and said[-1].endswith("(en)…")


def test_an_update_regenerates_the_artefacts(tmp_path, monkeypatch):
    """The update flow: apply (journaled), then the rebuild for the new data; the manifest follows the data."""
    import pandas as pd

    _stub_renderers(monkeypatch)
    monkeypatch.setattr(presenter_art, "draw_png", lambda fig, w, h: PNG)
    every = presenter_art.figures  # the screens and one district's map
    monkeypatch.setattr(
        presenter_art,
        "figures",
        lambda *a, **k: [j for j in every(*a, **k) if "members/" not in j[0] or "D041" in j[0]],
    )
    data = copy_data(tmp_path / "data")
    out = tmp_path / "static"
    publish.publish(out, data_dir=data, chart_ids=IDS, progress=lambda m: None, presenter=False)
    before = artefacts.read_manifest(out / "embed")["languages"]["it"]
    grants = pd.read_csv(data / "grants.csv", dtype="str", keep_default_na=False)
    grants.loc[grants["grant_id"] == "G001", "amount_eur"] = "1292000"
    plan = update.plan_update("grants", grants.to_csv(index=False, lineterminator="\n").encode(), "nuovo.csv", data)
    update.apply_update(plan, data)
    assert artefacts.stale_reasons(data, out / "embed") == {"it": ["data"], "en": ["data"]}
    assert publish.refresh(data, out, progress=lambda m: None) is None
    doc = artefacts.read_manifest(out / "embed")
    assert doc["languages"]["it"] == doc["languages"]["en"] == artefacts.data_fingerprint(data) != before
    assert artefacts.stale_reasons(data, out / "embed") == {}
    assert (out / "embed" / "presenter" / "members" / "D041.png").exists()
    # The room's phone pages are built with the pictures and listed in the manifest like every file.
    assert {"presenter/soldi-phone.html", "en/presenter/members/D041-phone.html", "presenter/index.html"} <= set(
        doc["files"]
    )


def test_an_update_stays_applied_when_the_images_cannot_be_drawn(tmp_path, monkeypatch):
    import pandas as pd

    _stub_renderers(monkeypatch, fail_on="linee")
    data = copy_data(tmp_path / "data")
    grants = pd.read_csv(data / "grants.csv", dtype="str", keep_default_na=False)
    grants.loc[grants["grant_id"] == "G001", "amount_eur"] = "1292000"
    plan = update.plan_update("grants", grants.to_csv(index=False, lineterminator="\n").encode(), "nuovo.csv", data)
    update.apply_update(plan, data)
    why = publish.refresh(data, tmp_path / "static", progress=lambda m: None)
    assert why == "Chromium non trovato"
    assert "1292000" in (data / "grants.csv").read_text(encoding="utf-8")  # the data stay applied
    assert artefacts.stale_reasons(data, tmp_path / "static" / "embed") == {"it": ["missing"], "en": ["missing"]}


def test_the_app_starts_the_rebuild_in_a_child_process(tmp_path, monkeypatch):
    started = []

    class Child:
        def __init__(self, cmd, **kw):
            started.append((cmd, kw))

        def poll(self):
            return None

    monkeypatch.setattr(artefacts.subprocess, "Popen", Child)
    assert artefacts.start_refresh(tmp_path / "data", tmp_path / "static") is None
    cmd, kw = started[0]
    assert cmd[1:4] == ["-m", "district_stats", "publish"]
    assert cmd[cmd.index("--out") + 1] == str(tmp_path / "static")
    assert cmd[cmd.index("--data-dir") + 1] == str(tmp_path / "data")
    assert kw["stdout"] is artefacts.subprocess.DEVNULL
    # Another data folder than the bundled one has no published images: nothing to start.
    assert artefacts.start_refresh(tmp_path / "data") is None and len(started) == 1

"""Pages, presenter and tools with the published artefacts (static/embed) and without them.

A synthetic published folder (a manifest with the fingerprints of the data and code on show and
tiny files) stands in for ``static/embed/``, so these tests check what the app does with published
files, not whether the committed ones are up to date (tests/data/test_embeds.py does that).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app import cache
from district_stats import paths
from district_stats.content import catalog, region_map, story
from district_stats.content.embeds import embed_page
from district_stats.content.story import members_path, screen_path
from district_stats.content.text import citation, fmt
from district_stats.ops import artefacts, phone_pages
from district_stats.ops.publish import CHART_IDS
from tests.apptest import run_app
from tests.scratch import copy_data

pytestmark = pytest.mark.slow  # AppTest with a scratch published folder and a child-process rebuild (~18 s in all)

ROOT = Path(__file__).resolve().parents[2]
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)
INVEST = ("ufficiali", "linee", "anni", "beneficiari", "flusso", "bandi_imprese", "province", "tipo", "interventi")


def _publish_synth(folder: Path, views) -> Path:
    """SYNTH_PUBLISHED: what publish writes (names and manifest), with placeholder contents."""
    files = {}
    for lang in ("it", "en"):
        rels = [embed_page.page_path(f"{cid}-{v}", lang, "svg") for cid in CHART_IDS for v in ("n", "w")]
        rels += [embed_page.page_path(region_map.picture_id(name), lang, "svg") for name in region_map.PICTURES]
        rels += [
            embed_page.page_path(name, lang, ext)
            for cid in CHART_IDS
            for name, ext in ((cid, "png"), (cid, "svg"), (f"{cid}-kit", "zip"), (cid, "html"))
        ]
        rels += [screen_path(s.screen_id, lang, n) for s in story.screens(views, lang) for n in (False, True)]
        rels += [members_path("D041", lang, n) for n in (False, True)]
        rels += [phone_pages.screen_page(s.screen_id, lang) for s in story.screens(views, lang)]
        rels += [phone_pages.members_page("D041", lang)]
        for rel in rels:
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(PNG if rel.endswith(".png") else b"<svg xmlns='http://www.w3.org/2000/svg'/>")
            files[rel] = {"bytes": path.stat().st_size, "md5": "0123456789abcdef"}
    data, code = artefacts.data_fingerprint(paths.DATA_DIR), artefacts.code_fingerprint()
    doc = {
        "languages": {"it": data, "en": data},
        "code": {"it": code, "en": code},
        "files": files,
        "embeds": {embed_page.page_path("linee", "it"): {"title": "Linee", "height": 750}},
    }
    (folder / artefacts.MANIFEST).write_text(json.dumps(doc), encoding="utf-8")
    return folder


@pytest.fixture
def published(tmp_path, monkeypatch, views) -> Path:
    folder = _publish_synth(tmp_path / "embed", views)
    monkeypatch.setattr(artefacts, "EMBED_DIR", folder)
    cache.refresh()
    yield folder
    cache.refresh()


@pytest.fixture
def unpublished(tmp_path, monkeypatch) -> Path:
    """Published files that do not match the data (here: none at all)."""
    monkeypatch.setattr(artefacts, "EMBED_DIR", tmp_path / "nothing")
    cache.refresh()
    yield tmp_path / "nothing"
    cache.refresh()


def data_day(views, lang: str = "it") -> str:
    """The data version's date as citations write it (the day of the latest changelog entry)."""
    return fmt.date_long(catalog.data_date(views), lang)


def cite_start(views, title: str, lang: str = "it") -> str:
    """How the citation of ``title`` starts: «Distretti del Commercio, «…: title». Versione dei dati: <day>»."""
    head, version, _, _ = citation.parts(citation.reference(title, catalog.data_date(views), "", lang))
    assert head.startswith("Distretti del Commercio, ") and data_day(views, lang) in version
    return f"{head} {version}"


def run(page: str | None = None, **params: str) -> AppTest:
    at = run_app(page, **params)
    assert not at.exception, [e.message for e in at.exception]
    return at


def images(at: AppTest) -> list[tuple[str, str]]:
    return [(img.url, img.alt) for el in at.get("image") for img in el.proto.imgs]


def drawings(at: AppTest) -> list[tuple[set[str], str]]:
    """The published pictures of a page (``<picture>`` elements): their addresses and their text alternative."""
    out = []
    for body in pictures(at):
        urls = set(re.findall(r'(?:srcset|src)="([^"]+)"', body))
        out.append(({html.unescape(u) for u in urls}, html.unescape(re.search(r'alt="([^"]*)"', body).group(1))))
    return out


def test_chart_pages_show_the_published_drawings_with_the_summary_of_the_data(published, views):
    at = run("pages/investimenti.py")
    assert not at.get("plotly_chart")  # no plotly on the page: its script is never loaded
    shown = drawings(at)
    assert len(shown) == len(INVEST)  # one picture per chart: the browser fetches the file its screen needs
    for cid in INVEST:
        summary = catalog.make_chart(cid, views).summary
        assert summary in [m.value.replace("\\", "") for m in at.markdown], cid  # the summary is the data's
        urls = {f"{artefacts.EMBED_URL}/{cid}-{v}.svg?v=0123456789" for v in ("n", "w")}
        assert (urls, summary) in shown, cid  # both drawings, with the summary as the text alternative


def test_esplora_swaps_in_the_interactive_chart(published):
    at = run("pages/investimenti.py")
    at.toggle(key="ex_flusso").set_value(True).run()
    charts = at.get("plotly_chart")
    assert len(charts) == 1 and json.loads(charts[0].proto.spec)["data"][0]["type"] == "sankey"
    assert not any("flusso-w.svg" in url for urls, _ in drawings(at) for url in urls)
    assert at.query_params.get("esplora") in (["flusso"], "flusso")  # a shared link opens it the same way


def test_without_matching_files_every_chart_is_drawn_live_and_image_downloads_pause(unpublished):
    at = run("pages/investimenti.py")
    assert len(at.get("plotly_chart")) == len(INVEST) and not drawings(at)
    at.toggle(key="tg_linee").set_value(True).run()
    assert any("non corrispondono ancora ai dati" in c.value for c in at.caption)
    assert not [b for b in at.get("download_button") if "PNG" in str(b.proto.label)]


def test_another_view_than_the_published_one_is_drawn_live(published):
    at = run("pages/confronti.py", metrica="per_comune")
    assert len(at.get("plotly_chart")) == 1  # the comparison by comune; the two other charts are drawings
    assert any("dentro_province-w.svg" in url for urls, _ in drawings(at) for url in urls)


def test_chart_tools_cite_embed_and_download_the_published_files(published, views):
    at = run("pages/investimenti.py")
    at.toggle(key="tg_linee").set_value(True).run()
    title = catalog.make_chart("linee", views).title
    codes = [c.value for c in at.code]
    assert any(
        c.startswith(cite_start(views, catalog.cited_as("investimenti", title)))
        and "Licenza CC BY 4.0." in c
        and "/investimenti" in c.rsplit(" ", 1)[-1]
        for c in codes
    ), codes
    static = next(c for c in codes if "data-dc-embed" in c)
    assert f'src="/{embed_page.EMBED_URL}/linee.html"' in static and 'height="750"' in static and "<script>" in static
    assert any("?embed=true&amp;grafico=linee" in c or "embed=true&grafico=linee" in c for c in codes)
    labels = {str(b.proto.label) for b in at.get("download_button")}
    assert {"Immagine PNG", "Immagine SVG", "Kit per la stampa (ZIP)"} <= labels


@pytest.mark.parametrize(
    "params,title", [({"d": "D041"}, "Distretti: Mondovì"), ({"c": "004003"}, "Trova il tuo comune: Alba")]
)
def test_every_page_offers_its_citation(published, views, params, title):
    page = "pages/distretti.py" if "d" in params else "pages/comuni.py"
    at = run(page, **params)
    codes = [c.value for c in at.code]
    assert any(c.startswith(cite_start(views, title)) and "Licenza CC BY 4.0." in c for c in codes), codes


def test_english_citation(published, views):
    at = run("pages/panoramica.py", lang="en")
    assert any(
        c.value.startswith(cite_start(views, "Overview", "en")) and "Licence CC BY 4.0." in c.value for c in at.code
    ), [c.value for c in at.code]


def test_presenter_shows_the_published_images_and_the_live_figure_without_them(published, views):
    at = run(None, modo="presenta", passo="3")
    urls = [u for u, _ in images(at)]
    assert f"{artefacts.EMBED_URL}/presenter/soldi.png?v=0123456789" in urls
    assert f"{artefacts.EMBED_URL}/presenter/soldi-phone.png?v=0123456789" in urls
    assert not at.get("plotly_chart")
    drill = run(None, modo="presenta", d="D041")
    urls = [u for u, _ in images(drill)]
    assert f"{artefacts.EMBED_URL}/presenter/members/D041.png?v=0123456789" in urls and not drill.get("plotly_chart")


@pytest.mark.parametrize(
    ("params", "target"),
    [
        ({"passo": "3"}, "presenter/soldi-phone.html?v=0123456789"),
        ({"passo": "2", "lang": "en"}, "en/presenter/mappa-phone.html?v=0123456789"),
        ({"passo": "5", "d": "D041"}, "presenter/members/D041-phone.html?v=0123456789"),
        ({"passo": "5", "c": "004078"}, None),  # a comune has no page: the live view
        ({"passo": "5", "d": "D039"}, None),  # a page the folder does not hold: the live view
    ],
)
def test_the_qr_and_phone_link_open_the_published_phone_page(published, monkeypatch, params, target):
    monkeypatch.setenv("PUBLIC_URL", "https://distretti.example.org/")
    at = run(None, modo="presenta", **params)
    text = "\n".join(c.value for c in at.caption)
    qr = [alt for _, alt in images(at) if "QR" in alt]
    if target is None:
        assert "https://distretti.example.org/?modo=presenta&" in text and "vista=telefono" in text
    else:
        assert f"https://distretti.example.org{artefacts.EMBED_URL}/{target}" in text and "vista=" not in text
        assert len(qr) == 1 and qr[0].endswith(f"{artefacts.EMBED_URL}/{target}")


def test_presenter_draws_live_when_the_images_do_not_match(unpublished):
    at = run(None, modo="presenta", passo="3")
    assert len(at.get("plotly_chart")) == 1 and not [u for u, _ in images(at) if "presenter" in u]


def test_profile_map_is_the_published_picture_until_explored(published):
    at = run("pages/distretti.py", d="D041")
    assert any("presenter/members/D041-phone.png" in u for u, _ in images(at)) and not at.get("deck_gl_json_chart")
    captions = " ".join(c.value for c in at.caption)
    assert "stella sulla capofila" in captions and "comuni vicini" in captions and "Arancio" not in captions
    at.toggle(key="ex_inset").set_value(True).run()
    assert at.get("deck_gl_json_chart")
    assert "Blu scuro: capofila" in " ".join(c.value for c in at.caption)  # the WebGL map's own colours


def pictures(at: AppTest) -> list[str]:
    return [h.proto.body for h in at.get("html") if "<picture>" in h.proto.body]


def test_map_page_shows_its_published_picture_first_and_the_live_map_on_request(published, views):
    at = run("pages/mappa.py")
    assert not at.get("plotly_chart")  # plotly's script is not even loaded
    [pic] = pictures(at)
    for name in region_map.PICTURES:  # one picture per screen class: the browser fetches the one of its screen
        assert f'srcset="{artefacts.EMBED_URL}/{region_map.picture_id(name)}.svg?v=0123456789"' in pic
    assert f'alt="{region_map.summary(views)}"' in pic  # the map's sentence, read aloud in place of the picture
    at.toggle(key="ex_mappa").set_value(True).run()
    assert len(at.get("plotly_chart")) == 1 and not pictures(at)
    assert at.query_params.get("esplora") in (["mappa"], "mappa")  # a shared link opens the live map too
    assert len(run("pages/mappa.py", esplora="mappa").get("plotly_chart")) == 1


def test_a_district_on_the_map_is_its_published_picture(published):
    at = run("pages/mappa.py", d="D041")
    [pic] = pictures(at)
    assert "presenter/members/D041-phone.png" in pic and "presenter/members/D041.png" in pic
    assert not at.get("plotly_chart") and "Mondovì" in " ".join(m.value for m in at.markdown)


@pytest.mark.parametrize("params", [{"metrica": "fondi"}, {"prov": "CN"}])
def test_a_map_without_a_published_picture_is_drawn_live(published, params):
    at = run("pages/mappa.py", **params)
    assert len(at.get("plotly_chart")) == 1 and not pictures(at)


def test_the_map_is_drawn_live_when_the_pictures_do_not_match(unpublished):
    at = run("pages/mappa.py")
    assert len(at.get("plotly_chart")) == 1 and not pictures(at)
    assert not [t for t in at.get("toggle") if t.proto.label == "Mappa interattiva"]  # nothing to switch


def test_dati_says_when_the_published_images_are_out_of_date(unpublished):
    at = run("pages/dati.py")
    assert any("python -m district_stats publish" in w.value for w in at.warning)


def test_an_update_from_the_form_starts_the_rebuild_in_a_child_process(tmp_path, monkeypatch):
    import pandas as pd

    data = copy_data(tmp_path / "data")
    monkeypatch.setattr(paths, "DATA_DIR", data)
    monkeypatch.setenv("DC_UPDATE", "on")
    monkeypatch.setenv("DC_UPDATE_TOKEN", "codice-di-prova-per-i-test")
    monkeypatch.setattr(artefacts, "default_root", lambda d: tmp_path / "static")
    started: list[Path] = []
    monkeypatch.setattr(artefacts, "start_refresh", lambda d: started.append(d))
    cache.refresh()
    at = run("pages/dati.py")
    at.text_input(key="upd_token").input("codice-di-prova-per-i-test").run()
    at.selectbox(key="upd_table").set_value("grants").run()
    grants = pd.read_csv(data / "grants.csv", dtype="str", keep_default_na=False)
    grants.loc[grants["grant_id"] == "G001", "amount_eur"] = "1292000"
    at.file_uploader(key="upd_file_0").set_value(("nuovo.csv", grants.to_csv(index=False).encode(), "text/csv")).run()
    at.checkbox(key="upd_confirm").check().run()
    at.button(key="upd_apply").click().run()
    cache.refresh()
    assert started == [data]
    assert any("si stanno rigenerando" in s.value for s in at.success)

"""No value becomes markup: hostile query strings on every view, hostile names from official files.

Every element AppTest sees is checked with the oracle of ``tests/markup.py``: Markdown sources
(text, captions, titles, metric labels and values, alerts, toasts, expander and widget labels) must
create no link, image, HTML, emphasis, heading, autolink or icon out of a hostile value, and plotly
figures no tag. Where a value is shown, it must show literally.

The hostile names reach the data through the update flow itself (validated, applied to a scratch
copy), including the uploaded file's name that ends up in the public changelog.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app import cache
from district_stats import paths
from district_stats.analysis.views import build_views
from district_stats.content import catalog, story
from district_stats.content.figures import comuni_maps, district_maps, map_frame
from district_stats.content.text import safe_text
from district_stats.data.loading import load_dataset
from district_stats.data.schema import PROVINCES
from district_stats.ops import update
from tests.apptest import run_app as run
from tests.markup import HOSTILE, figure_problems, markdown_problems, shows
from tests.scratch import copy_data

pytestmark = pytest.mark.slow  # every view rendered with hostile values (AppTest, ~50 s in all)

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "pages").glob("*.py"))
#: Fields that Streamlit shows as plain text or uses as attributes/ids (never parsed as Markdown).
PLAIN_FIELDS = {
    "id",
    "form_id",
    "icon",
    "page",
    "page_script_hash",
    "query_string",
    "json",
    "code_text",
    "options",
    "raw_values",
    "default",
    "value",
    "alt",
    "url",
    "language",
    "tooltip",
    "mimetype",
    "placeholder",
    "spec",
    "arrow_data",
    "data",
    "markup",
    "key",
    "raw_value",
}
PLAIN_PROTOS = {"Text", "Code", "Html", "DeckGlJsonChart", "Dataframe", "ImageList", "Imgs"}
PARAMS = ("c", "d", "q", "grafico", "prov", "tipo", "metrica", "gruppo", "anno", "passo", "lang")


def _nodes(node):
    yield node
    for child in (getattr(node, "children", None) or {}).values():
        yield from _nodes(child)


def _strings(msg, out: list[tuple[str, str]]) -> None:
    for field, value in msg.ListFields():
        if field.name in PLAIN_FIELDS:
            continue
        values = value if isinstance(value, (list, tuple)) or type(value).__name__.startswith("Repeated") else [value]
        for v in values:
            if isinstance(v, str):
                out.append((f"{msg.DESCRIPTOR.name}.{field.name}", v))
            elif hasattr(v, "ListFields"):
                _strings(v, out)


def problems(at: AppTest) -> list[str]:
    """Markup made out of hostile values anywhere in the app's output."""
    found = [f"exception: {e.message}" for e in at.exception]
    for node in _nodes(at._tree):
        proto = getattr(node, "proto", None)
        if proto is None or not hasattr(proto, "DESCRIPTOR") or proto.DESCRIPTOR.name in PLAIN_PROTOS:
            continue
        if proto.DESCRIPTOR.name == "PlotlyChart":
            found += figure_problems(proto.spec)
            continue
        texts: list[tuple[str, str]] = []
        _strings(proto, texts)
        found += [f"{where}: {p}" for where, v in texts for p in markdown_problems(v)]
    return found


def markdown_bodies(at: AppTest) -> list[str]:
    return [
        str(e.value)
        for kind in (
            "markdown",
            "caption",
            "title",
            "header",
            "subheader",
            "info",
            "warning",
            "error",
            "success",
            "toast",
        )
        for e in getattr(at, kind)
    ]


# --- hostile query strings ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_values_in_the_url_show_literally_and_make_nothing(name):
    value = HOSTILE[name]
    at = run("pages/comuni.py", c=value)
    assert problems(at) == []
    shown = safe_text.plain(value if len(value) <= 64 else value[:20])[:20]
    assert any(shows(w.value, shown) for w in at.warning), [w.value for w in at.warning]


@pytest.mark.parametrize("page", PAGES)
def test_hostile_values_in_every_parameter_of_every_page(page):
    for name in ("md_link", "autolink_www", "html", "javascript_url", "control", "long"):
        at = run(page, **{k: HOSTILE[name] for k in PARAMS})
        assert problems(at) == [], (page, name)
        assert at.title or at.header


def test_hostile_values_in_the_presenter_parameters():
    for name in ("md_link", "autolink_http", "plotly_tags"):
        at = run(modo="presenta", passo=HOSTILE[name], d=HOSTILE[name], c=HOSTILE[name], lang=HOSTILE[name])
        assert problems(at) == [], name
        assert at.title[0].value == "La rete oggi"  # back to step 1


@pytest.fixture
def embedded(monkeypatch):
    """AppTest has no browser to say ?embed=true: report it the way Streamlit does for a real iframe."""
    monkeypatch.setattr(type(st.context), "is_embedded", property(lambda self: True))


@pytest.mark.parametrize("name", ["md_link", "autolink_www", "autolink_http", "html", "icons", "long"])
def test_hostile_chart_id_in_the_embed_view(embedded, name):
    at = run(embed="true", grafico=HOSTILE[name])
    assert problems(at) == []
    shown = safe_text.plain(HOSTILE[name] if len(HOSTILE[name]) <= 64 else HOSTILE[name][:20])[:20]
    assert any(shows(w.value, shown) for w in at.warning), [w.value for w in at.warning]
    assert at.get("plotly_chart")  # the default chart is still drawn


# --- hostile names from official files (through the update flow) --------------------------------------
NAMES = [v for k, v in HOSTILE.items() if k != "control"]  # a CR/LF inside a CSV value is refused by validation


def _upload(data: Path, table: str, edit, filename: str) -> None:
    df = pd.read_csv(data / f"{table}.csv", dtype="str", keep_default_na=False)
    edit(df)
    plan = update.plan_update(table, df.to_csv(index=False, lineterminator="\n").encode(), filename, data)
    assert plan.ok, [p.message() for p in plan.problems[:5]]
    update.apply_update(plan, data, rebuild=False)


def _districts(df: pd.DataFrame) -> None:
    story_row = df.index[df["district_id"] == "D041"][0]
    for i, value in zip([story_row, *range(len(NAMES) - 1)], NAMES):
        df.loc[i, "short_name"] = value[:300]
    df.loc[story_row, "district_name"] = HOSTILE["html"]
    df.loc[story_row, "capofila_ente"] = HOSTILE["md_link"]


def _lines(df: pd.DataFrame) -> None:
    for i, value in enumerate(NAMES[: len(df)]):
        df.loc[i, "label_it"] = value[:300]
        df.loc[i, "label_en"] = value[:300]


def _gaps(df: pd.DataFrame) -> None:
    for i, value in enumerate(NAMES[: len(df)]):
        df.loc[i, "description_it"] = value[:300]


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    data = copy_data(tmp_path_factory.mktemp("hostile") / "data")
    _upload(data, "districts", _districts, HOSTILE["md_link"] + "\r\n www.evil.example .csv")
    _upload(data, "funding_lines", _lines, "[EVIL](javascript:alert(1)).csv")
    _upload(data, "known_gaps", _gaps, '=HYPERLINK("http://evil.example").csv')
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(paths, "DATA_DIR", data)
        mp.setenv("DC_UPDATE", "off")
        cache.refresh()
        yield data
    cache.refresh()


def test_uploaded_file_names_are_stored_safely_in_the_changelog(hostile_data):
    log = pd.read_csv(hostile_data / "changelog.csv", dtype="str", keep_default_na=False)
    new = log["description_it"].iloc[-3:].tolist()
    assert all(
        "\r" not in d and "\n" not in d and "[" not in d and "(" not in d.split("dal file", 1)[1].split(":")[0]
        for d in new
    ), new
    assert "=HYPERLINK" not in "".join(new)
    raw = (hostile_data / "changelog.csv").read_bytes()
    assert raw.count(b"\n") == len(log) + 1  # one line per row: the CR/LF of the name did not break the file


@pytest.mark.parametrize("page", PAGES)
def test_hostile_names_from_files_make_no_markup_on_any_page(hostile_data, page):
    at = run(page)
    assert problems(at) == [], page


@pytest.mark.parametrize("params", [{"d": "D041"}, {"d": "D001"}, {"q": "EVIL"}])
def test_hostile_names_on_the_district_profile_and_list(hostile_data, params):
    at = run("pages/distretti.py", **params)
    assert problems(at) == []
    if params.get("d") == "D041":
        assert shows(at.title[0].value, HOSTILE["md_link"])  # the name, literally, as the page heading
        assert any(shows(str(m.value), "[EVIL link]") for m in at.metric)  # capofila


def test_hostile_names_on_the_map_card_and_comune_card(hostile_data):
    at = run("pages/mappa.py", d="D041")
    assert problems(at) == []
    at = run("pages/comuni.py", c="004130")  # Mondovì, capofila of D041
    assert problems(at) == []
    assert any(shows(s.value, HOSTILE["md_link"]) for s in at.success)


def test_hostile_names_in_the_presenter_and_its_drill_down(hostile_data):
    for step in range(1, len(story.screens(cache_views(hostile_data), "it")) + 1):
        at = run(modo="presenta", passo=str(step))
        assert problems(at) == [], step
    at = run(modo="presenta", d="D041")
    assert problems(at) == [] and shows(at.title[0].value, HOSTILE["md_link"])


def test_hostile_names_in_the_embed_views(hostile_data, embedded):
    for chart_id in ("mappa", "linee", "bandi_imprese", "flusso", "interventi"):
        at = run(embed="true", grafico=chart_id)
        assert problems(at) == [], chart_id


def cache_views(data: Path):
    ds = load_dataset(data)
    assert ds.ok
    return build_views(ds)


def test_every_figure_escapes_hostile_names(hostile_data):
    """Charts, maps and presenter visuals (the presenter draws them as images: check their figures)."""
    import json

    v = cache_views(hostile_data)
    for chart_id in catalog.CHARTS:
        assert figure_problems(catalog.make_chart(chart_id, v, "it").figure.to_json()) == [], chart_id
    geo = {
        n: json.loads((hostile_data / "derived" / "geo" / n).read_text(encoding="utf-8"))
        for n in ("districts.geojson", "provinces.geojson", "districts/D041.geojson", "comuni.geojson")
    }
    for screen in [*story.screens(v, "it"), story.cover(v, "it")]:
        for narrow in (False, True):
            fig = story.screen_figure(screen, v, "it", geo, narrow)
            assert fig is None or figure_problems(fig.to_json()) == [], screen.screen_id

    page = comuni_maps.members_figure(v.ds, "D041", "m", None, context_geo="c", canvases=map_frame.PAGE_CANVASES)
    assert figure_problems(page.to_json()) == []
    fig = district_maps.districts_map(
        v.districts, geo["districts.geojson"], geo["provinces.geojson"], list(PROVINCES), n_labels=40
    )
    spec = fig.to_json().replace("\\u0026", "&").replace("\\u003c", "<").replace("\\u003e", ">")
    assert figure_problems(spec) == [] and "EVIL" in spec and "&lt;" in spec  # escaped, shown as typed

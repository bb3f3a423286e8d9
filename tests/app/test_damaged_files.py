"""Pages survive damaged files: every optional or derived file missing or corrupt, on a scratch copy.

Each case damages one kind of file and renders the views that use it: the map (three levels), the
district profile, every presenter screen and its drill-down, the embed map and /dati. None may raise;
where something cannot be drawn, a notice says so. Damaged data no longer match the published images
(static/embed), so the presenter draws its figures live from the damaged data.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from app import cache
from district_stats import paths
from tests.apptest import run_app as run
from tests.scratch import copy_data, copy_tree

pytestmark = pytest.mark.slow  # AppTest on scratch copies of data/ with damaged files (~30 s in all)

ROOT = Path(__file__).resolve().parents[2]
GEO = Path("derived") / "geo"


def _write(rel: str, data: bytes):
    return lambda d: (d / rel).write_bytes(data)


def _unlink(*rels: str):
    return lambda d: [(d / r).unlink() for r in rels]


SIDE_FILES = "meta.yml corrupt or of the wrong shape, changelog missing, build lock corrupt"
CASES = {
    "one district's geometry missing (D041)": _unlink(f"{GEO}/districts/D041.geojson"),
    "one district's geometry corrupt": _write(f"{GEO}/districts/D041.geojson", b'{"type": "Feature'),
    "provinces geometry missing": _unlink(f"{GEO}/provinces.geojson", f"{GEO}/provinces_overview.geojson"),
    "provinces geometry not GeoJSON": _write(f"{GEO}/provinces.geojson", b"[1, 2, 3]"),
    "district geometry missing": _unlink(f"{GEO}/districts.geojson", f"{GEO}/districts_overview.geojson"),
    "comuni geometry corrupt": _write(f"{GEO}/comuni.geojson", b"\x00\xff garbage"),
    # The side files no drawing reads, damaged together (none of them can hide another: each is read on its own).
    SIDE_FILES: lambda d: [
        (d / "grants.meta.yml").write_bytes(b"generated: [\n  - : :"),
        (d / "districts.meta.yml").write_text(
            "generated: x\nsources: 5\ndate_accessed: domani\ntitle: [1]\n", encoding="utf-8"
        ),
        (d / "changelog.meta.yml").unlink(),
        (d / "derived" / "comuni.meta.yml").write_text("- a\n- b\n", encoding="utf-8"),
        (d / "changelog.csv").unlink(),
        (d / "derived" / "build.lock.json").write_bytes(b"{"),
    ],
    "derived district_geo table missing": _unlink("derived/district_geo.csv"),
    "derived district_geo table corrupt": _write("derived/district_geo.csv", b"district_id\nD001\n\xff\xfe"),
}

VIEWS = [
    ("pages/mappa.py", {}),
    ("pages/mappa.py", {"metrica": "comuni"}),
    ("pages/mappa.py", {"d": "D041"}),
    ("pages/distretti.py", {"d": "D041"}),
    ("pages/dati.py", {}),
    ("pages/panoramica.py", {}),
    *[(None, {"modo": "presenta", "passo": str(i)}) for i in range(1, 9)],
    (None, {"modo": "presenta", "d": "D041"}),
]


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch) -> Path:
    dst = copy_data(tmp_path / "data")
    monkeypatch.setattr(paths, "DATA_DIR", dst)
    monkeypatch.setenv("DC_UPDATE", "off")
    cache.refresh()
    yield dst
    cache.refresh()


def notices(at: AppTest) -> str:
    return "\n".join(str(e.value) for kind in ("warning", "info", "error") for e in getattr(at, kind))


def _says_the_map_cannot_be_drawn(at: AppTest) -> None:
    assert "geometria" in notices(at), notices(at)


def _draws_the_region_map_live(at: AppTest) -> None:
    # the other presenter screens keep their figures when one district's file is missing
    assert at.get("plotly_chart") and "geometria" not in notices(at)


def _profile_shows_the_rest(at: AppTest) -> None:
    assert at.title[0].value == "Mondovì"
    assert any("Vicoforte" in m.value for m in at.markdown)  # the members table (a plain table) is still there
    assert any("mappa" in i.value.lower() for i in at.info)


def _names_the_corrupt_provenance_files(at: AppTest) -> None:
    assert "grants.meta.yml" in notices(at) and "changelog.meta.yml" in notices(at)


#: What a view must show for a case, besides surviving it (checked on the same run of the view).
CHECKS = {
    ("one district's geometry missing (D041)", "pages/mappa.py", (("d", "D041"),)): _says_the_map_cannot_be_drawn,
    (
        "one district's geometry missing (D041)",
        None,
        (("modo", "presenta"), ("passo", "6")),
    ): _says_the_map_cannot_be_drawn,
    (
        "one district's geometry missing (D041)",
        None,
        (("d", "D041"), ("modo", "presenta")),
    ): _says_the_map_cannot_be_drawn,
    (
        "one district's geometry missing (D041)",
        None,
        (("modo", "presenta"), ("passo", "2")),
    ): _draws_the_region_map_live,
    ("district geometry missing", "pages/mappa.py", ()): _says_the_map_cannot_be_drawn,
    ("district geometry missing", None, (("modo", "presenta"), ("passo", "2"))): _says_the_map_cannot_be_drawn,
    ("comuni geometry corrupt", "pages/mappa.py", (("metrica", "comuni"),)): _says_the_map_cannot_be_drawn,
    ("one district's geometry corrupt", "pages/distretti.py", (("d", "D041"),)): _profile_shows_the_rest,
    (SIDE_FILES, "pages/dati.py", ()): _names_the_corrupt_provenance_files,
}


def test_every_check_names_a_view_of_the_sweep():
    views = {(page, tuple(sorted(params.items()))) for page, params in VIEWS}
    assert {(case, page, params) for case, page, params in CHECKS} <= {
        (case, *view) for case in CASES for view in views
    }


@pytest.mark.slow  # 15 views per case, ~5 s each case
@pytest.mark.parametrize("case", sorted(CASES))
def test_every_view_survives(scratch, case):
    """Each case's damage against every view: none raises, each has its heading; where the case names the
    view (CHECKS), the view also says what it cannot draw, or shows what it still can."""
    CASES[case](scratch)
    checked = 0
    for page, params in VIEWS:
        at = run(page, **params)
        assert not at.exception, (case, page, params, [e.message for e in at.exception])
        assert at.title or at.header, (case, page, params)
        check = CHECKS.get((case, page, tuple(sorted(params.items()))))
        if check:
            check(at)
            checked += 1
    assert checked == sum(1 for c, _, _ in CHECKS if c == case)


def test_the_map_draws_the_geometry_of_the_data_it_shows(scratch, tmp_path, monkeypatch):
    """A data folder whose geometry differs from the web mirror (another DC_DATA_DIR, or an update):
    the map carries that folder's geometry inline instead of the mirror's URL; same bytes: the URL."""
    mirror = tmp_path / "static" / "geo"
    copy_tree(paths.STATIC_GEO_DIR, mirror)
    monkeypatch.setattr(paths, "STATIC_GEO_DIR", mirror)
    at = run("pages/mappa.py", esplora="mappa")  # the live map (its published picture otherwise)
    spec = at.get("plotly_chart")[0].proto.spec.replace("\\u002f", "/")
    assert "app/static/geo/districts_overview.json" in spec  # identical: referenced by URL
    text = (scratch / GEO / "districts_overview.geojson").read_text(encoding="utf-8")
    (scratch / GEO / "districts_overview.geojson").write_text(text.replace("[", "[ ", 1), encoding="utf-8")
    (mirror / "provinces_overview.json").unlink()  # and a mirror copy gone
    cache.refresh()
    # a new data version (the table files change with an update; here: touch one so the caches roll over)
    (scratch / "grants.csv").write_bytes((scratch / "grants.csv").read_bytes())
    at = run("pages/mappa.py")
    spec = at.get("plotly_chart")[0].proto.spec.replace("\\u002f", "/")
    assert "app/static/geo/districts_overview.json" not in spec and "app/static/geo/provinces_overview" not in spec
    assert spec.count('"FeatureCollection"') >= 2  # both layers inline, from the data folder
    assert not at.exception


def test_dati_keeps_the_update_form_and_the_restore_when_a_required_table_is_broken(scratch, monkeypatch):
    good = (scratch / "districts.csv").read_bytes()
    (scratch / "districts.csv").write_bytes(b"\xff\xfe\x00junk")
    code = "codice-di-prova-abbastanza-lungo"
    monkeypatch.setenv("DC_UPDATE", "on")
    monkeypatch.setenv("DC_UPDATE_TOKEN", code)
    at = run("pages/dati.py")
    assert not at.exception
    assert any("non si possono caricare" in e.value for e in at.error)
    at.text_input(key="upd_token").input(code).run()
    at.selectbox(key="upd_table").set_value("districts").run()
    at.file_uploader(key="upd_file_0").set_value(("districts.csv", good, "text/csv")).run()
    at.checkbox(key="upd_confirm").check().run()
    monkeypatch.setattr("district_stats.ops.update.REBUILD_TABLES", ())  # names only: skip the 13 s rebuild
    at.button(key="upd_apply").click().run()
    assert not at.exception
    assert any("Aggiornamento applicato" in s.value for s in at.success), notices(at)
    assert (scratch / "districts.csv").read_bytes() == good
    assert cache.views() is not None
    assert pd.read_csv(scratch / "changelog.csv")["tables"].iloc[-1] == "districts"


def test_symlinked_versions_folder_is_refused_on_the_page(scratch, tmp_path, monkeypatch):
    other = tmp_path / "altrove"
    other.mkdir()
    (scratch / ".versions").symlink_to(other, target_is_directory=True)
    monkeypatch.setenv("DC_UPDATE", "on")
    monkeypatch.setenv("DC_UPDATE_TOKEN", "codice-di-prova-abbastanza-lungo")
    at = run("pages/dati.py")
    at.text_input(key="upd_token").input("codice-di-prova-abbastanza-lungo").run()
    assert not at.exception
    assert "collegamento simbolico" in notices(at)


@pytest.fixture
def embedded(monkeypatch):
    monkeypatch.setattr(type(st.context), "is_embedded", property(lambda self: True))


def test_embed_map_without_geometry_says_so(scratch, embedded):
    CASES["district geometry missing"](scratch)
    at = run(None, embed="true", grafico="mappa")
    assert not at.exception and "geometria" in notices(at)

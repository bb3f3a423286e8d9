"""What the app asks the domain instead of handling paths and the schema itself: the pickers' choices, the
update desk's tables, the optional files' notice, and the reads of the data folder on show (small folders made
here, never the committed data)."""

from __future__ import annotations

import json

from district_stats import paths
from district_stats.content import district_page
from district_stats.data.loading import Dataset
from district_stats.data.problems import problem
from district_stats.ops import artefacts, desk, on_show


def test_the_pickers_offer_any_first_then_every_province_and_type_in_words():
    provinces, types = district_page.filter_choices("it")
    assert list(provinces)[0] == "" and provinces[""] == "Tutte" and provinces["CN"] == "Cuneo"
    assert set(provinces) == {"", *district_page.PROVINCE_CODES} and len(district_page.PROVINCE_CODES) == 8
    assert list(types) == ["", *district_page.TYPE_CODES] and types[""] == "Tutti"
    en = district_page.filter_choices("en")[1]
    assert en[""] == "All" and en["unknown"] != "unknown"  # a type is shown in words, never its code


def test_the_chosen_filters_in_words_leave_any_and_unknown_values_empty():
    assert district_page.chosen_filters("CN", "urbano", "it") == ["Cuneo", "urbano"]
    assert district_page.chosen_filters("", "", "it") == ["", ""]
    assert district_page.chosen_filters("XX", "<b>", "it") == ["", ""]


def test_the_desk_names_each_replaceable_table_in_words_with_its_file():
    it, en = desk.tables("it"), desk.tables("en")
    assert list(it) == list(en) and "districts" in it and "district_members" in it
    assert it["districts"].endswith("· districts.csv") and it["districts"] != en["districts"]
    assert all(" · " in label and not label.startswith(" ") for label in it.values())


def test_the_optional_notice_names_the_files_of_optional_tables_only():
    bad = [problem("missing_column", file="timeline.csv", column="date")]
    ds = Dataset({}, {"timeline": bad, "districts": [], "grants": []})
    assert ds.notice_files == ["timeline.csv"]
    assert Dataset({}, {"districts": bad}).notice_files == []  # a required table stops the page instead


def test_on_show_reads_the_data_folder_set_at_call_time(tmp_path, monkeypatch):
    data, mirror = tmp_path / "data", tmp_path / "static_geo"
    (data / "derived" / "geo" / "districts").mkdir(parents=True)
    mirror.mkdir()
    shape = {"type": "FeatureCollection", "features": []}
    text = json.dumps(shape)
    (data / "derived" / "geo" / "districts" / "D001.geojson").write_text(text, encoding="utf-8")
    monkeypatch.setattr(paths, "DATA_DIR", data)
    monkeypatch.setattr(paths, "STATIC_GEO_DIR", mirror)
    rel = "districts/D001.geojson"
    assert on_show.geo(rel) == shape and on_show.geojson_text(rel) == text
    assert on_show.geo("districts/D999.geojson") is None
    assert on_show.mirror_url(rel, "v1") is None  # no web copy: the map sends the geometry itself
    copy = mirror / on_show.geojson.mirror_name(rel)
    copy.parent.mkdir(parents=True)
    copy.write_text(text, encoding="utf-8")
    assert on_show.mirror_url(rel, "v1") == f"{paths.STATIC_GEO_URL}/{on_show.geojson.mirror_name(rel)}?v=v1"
    copy.write_text(text + " ", encoding="utf-8")
    assert on_show.mirror_url(rel, "v1") is None  # an out-of-date copy is never used
    assert on_show.version() != ""


def test_on_show_reads_the_published_files_and_says_when_there_are_none(tmp_path, monkeypatch):
    monkeypatch.setattr(artefacts, "EMBED_DIR", tmp_path)
    assert on_show.manifest_stamp() == "none" and on_show.published_bytes("it/x.png") is None
    (tmp_path / artefacts.MANIFEST).write_text("{}", encoding="utf-8")
    (tmp_path / "it").mkdir()
    (tmp_path / "it" / "x.png").write_bytes(b"png")
    assert on_show.manifest_stamp() != "none" and on_show.published_bytes("it/x.png") == b"png"
    assert on_show.published_url("it/x.png", "0123456789abcdef").endswith("/it/x.png?v=0123456789")
    assert on_show.manifest_address().endswith("/" + artefacts.MANIFEST)

"""What the app keeps by content: charts, KPIs and cards are built from the tables only, so the same tables in
another folder (or brought back by a restore) find them built, and any change to a table builds them again."""

from __future__ import annotations

import pandas as pd
import pytest

from app import cache
from district_stats import paths
from tests.scratch import copy_data


@pytest.fixture
def elsewhere(tmp_path, monkeypatch):
    """The committed tables, copied into another data folder that becomes the one on show."""
    cache.refresh()
    before = {"version": cache.version(), "chart": cache.chart("linee", "it"), "kpis": cache.kpis("it")}
    dst = copy_data(tmp_path / "data")
    monkeypatch.setattr(paths, "DATA_DIR", dst)
    cache.refresh()
    yield dst, before
    monkeypatch.undo()
    cache.refresh()


def test_the_same_tables_elsewhere_find_their_charts_built(elsewhere):
    _folder, before = elsewhere
    assert cache.version() != before["version"]  # another folder: another data version
    assert cache.chart("linee", "it") is before["chart"]
    assert cache.kpis("it") is before["kpis"]


def test_a_changed_table_builds_them_again_from_the_new_tables(elsewhere):
    folder, before = elsewhere
    grants = pd.read_csv(folder / "grants.csv", dtype="str", keep_default_na=False)
    grants.loc[grants["grant_id"] == "G001", "amount_eur"] = "1292000"
    (folder / "grants.csv").write_text(grants.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
    cache.refresh()
    assert cache.dataset().ok
    assert cache.chart("linee", "it") is not before["chart"]
    assert cache.kpis("it") is not before["kpis"]
    assert cache.dataset()["grants"].set_index("grant_id").loc["G001", "amount_eur"] == 1292000

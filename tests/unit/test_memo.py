"""Tables and aggregates kept by content (:mod:`district_stats.data.memo`): the same bytes are read, checked and
aggregated once per process, and anything that changes what a table reads as is read and checked again."""

from __future__ import annotations

import pytest

from district_stats.analysis.views import build_views
from district_stats.data import loading
from district_stats.data.memo import Memo
from tests.frames import write_tiny
from tests.scratch import copy_tree


def test_the_memo_makes_a_value_once_and_drops_the_least_recently_used():
    memo: Memo[int] = Memo(2)
    made: list[str] = []

    def make(key: str, value: int):
        return lambda: made.append(key) or value

    assert memo.get("a", make("a", 1)) == 1 and memo.get("a", make("a", 0)) == 1
    memo.get("b", make("b", 2))
    memo.get("a", make("a", 0))  # "a" used again: "b" is now the oldest
    memo.get("c", make("c", 3))  # full: "b" goes
    assert memo.get("a", make("a", -1)) == 1
    assert memo.get("b", make("b", -2)) == -2  # dropped, made again
    assert made == ["a", "b", "c", "b"]


@pytest.fixture
def checks(monkeypatch) -> list[str]:
    """The tables :func:`loading.load_dataset` reads and checks (not taken from the memo), by name."""
    seen: list[str] = []
    real = loading.validate

    def spy(raw, spec, ctx):
        seen.append(spec.name)
        return real(raw, spec, ctx)

    monkeypatch.setattr(loading, "validate", spy)
    return seen


def test_two_folders_with_the_same_tables_are_checked_once_and_read_the_same(tmp_path, checks):
    first = loading.load_dataset(write_tiny(tmp_path / "a"))
    checks.clear()
    second = loading.load_dataset(copy_tree(tmp_path / "a", tmp_path / "b"))
    assert checks == []  # nothing read and checked again
    assert first.ok and second.ok and first.content == second.content
    assert first.version != second.version  # two folders stay two data versions for the app's caches
    for name, frame in first.tables.items():
        assert frame.equals(second[name]), name
        assert frame is not second[name], name  # each load its own copy
    second["grants"].loc[:, "amount_eur"] = 0.0  # a caller changing its copy changes nothing kept
    assert loading.load_dataset(tmp_path / "a")["grants"].equals(first["grants"])


def test_a_changed_table_is_read_again(tmp_path, checks):
    folder = write_tiny(tmp_path / "a")
    before = loading.load_dataset(folder)
    grants = folder / "grants.csv"
    grants.write_text(grants.read_text(encoding="utf-8").replace(",250000,", ",251000,"), encoding="utf-8")
    checks.clear()
    after = loading.load_dataset(folder)
    assert "grants" in checks and after.content != before.content
    assert after["grants"]["amount_eur"].sum() == before["grants"]["amount_eur"].sum() + 1000


def test_a_table_is_checked_again_when_what_it_is_checked_against_changes(tmp_path, checks):
    """The members' bytes stay the same, but a district they name is gone: they must not read as before."""
    folder = write_tiny(tmp_path / "a")
    assert loading.load_dataset(folder).ok
    districts = folder / "districts.csv"
    districts.write_text(
        "".join(line for line in districts.read_text(encoding="utf-8").splitlines(True) if not line.startswith("D050")),
        encoding="utf-8",
    )
    checks.clear()
    after = loading.load_dataset(folder)
    assert "district_members" in checks
    assert any("D050" in p.message() for p in after.problems["district_members"])
    assert not after.ok


def test_aggregates_are_built_once_per_content_each_with_its_own_dataset(tmp_path):
    first = loading.load_dataset(write_tiny(tmp_path / "a"))
    second = loading.load_dataset(copy_tree(tmp_path / "a", tmp_path / "b"))
    v1, v2 = build_views(first), build_views(second)
    assert v2.districts is v1.districts  # the same aggregates, not computed again
    assert v1.ds is first and v2.ds is second and v1.version != v2.version
    changed = loading.Dataset(tables=first.tables, version="x")  # no content fingerprint: always computed
    assert build_views(changed).districts is not v1.districts

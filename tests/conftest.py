"""Shared fixtures (the committed dataset and its aggregates, loaded once per test session) and the order the
two workers take the tests in."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

from district_stats.analysis.views import Views, build_views
from district_stats.data.loading import Dataset, load_dataset

# Property-based tests: a budget per test that keeps the unit tier fast, and no per-example deadline (a
# loaded CI machine makes timings flaky; a hang still fails the run). HYPOTHESIS_PROFILE=thorough for a
# deeper search before touching the readers or the number parsers.
settings.register_profile("suite", max_examples=50, deadline=None)
settings.register_profile("thorough", max_examples=2_000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "suite"))


@pytest.fixture(scope="session")
def ds() -> Dataset:
    data = load_dataset()
    assert data.ok, {k: [p.message() for p in v[:3]] for k, v in data.problems.items()}
    return data


@pytest.fixture(scope="session")
def views(ds: Dataset) -> Views:
    return build_views(ds)


@pytest.fixture(scope="session")
def act_pdf():
    """The sample act PDFs of tests/acts_samples.py, each built once per session: ``act_pdf("ruled_members")``."""
    from tests import acts_samples

    built: dict[str, bytes] = {}

    def get(name: str) -> bytes:
        if name not in built:
            built[name] = acts_samples.ALL[name]()
        return built[name]

    return get


@pytest.fixture(scope="session")
def act_reference():
    """The made-up reference the unit tests read sample acts against (never the committed data)."""
    from tests.acts_samples import unit_reference

    return unit_reference()


def _module_fixture(item: pytest.Item) -> bool:
    """True when the test uses a fixture built once per module (a rebuilt geometry, a scratch data folder)."""
    info = getattr(item, "_fixtureinfo", None)
    return bool(info) and any(d.scope == "module" for defs in info.name2fixturedefs.values() for d in defs)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Keep what shares a costly fixture on one worker and start the longest work first.

    With ``--dist loadgroup --no-loadscope-reorder`` (pyproject's addopts) pytest-xdist hands out tests in
    this order, each ``xdist_group`` as one unit: the browser tests (one app server and one Chromium for all
    of them) go to one worker while the other takes the slow tests, then both share the fast ones, so the two
    finish together. A slow module whose tests share a module-scoped fixture is one group, so the fixture is
    built once, not once per worker.
    """
    def rank(item: pytest.Item) -> int:
        if "e2e" in Path(str(item.fspath)).parts:
            return 0
        return 1 if item.get_closest_marker("slow") else 2

    for item in items:
        path = Path(str(item.fspath))
        if "e2e" in path.parts:
            item.add_marker(pytest.mark.xdist_group("browser"))
        elif item.get_closest_marker("slow") and _module_fixture(item):
            item.add_marker(pytest.mark.xdist_group(path.stem))
    items.sort(key=rank)  # stable: the folders' and modules' own order is kept within a rank

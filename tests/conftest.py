"""Shared fixtures (the committed dataset and its aggregates, loaded once per test session) and the order the
two workers take the tests in."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest
from hypothesis import settings

from district_stats.analysis.views import Views, build_views
from district_stats.data.loading import Dataset, load_dataset

# The checks both tiers share live outside the test modules: rewrite their asserts too, so a failure shows
# its values as a test's own assert does.
pytest.register_assert_rewrite("tests.figure_checks")

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


def a_comune_of_each(views: Views) -> dict[str, str]:
    """Each district's first current member (its ISTAT code, in the members table's order): the comune card the
    plain-language sweeps check for every district. A district with no current member is left out."""
    members = views.ds["district_members"]
    current = members[members["role"] != "former_member"].drop_duplicates("district_id")
    return dict(zip(current["district_id"], current["istat_code"].astype(str)))


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


#: Test modules that define a fixture built once per module (a rebuilt geometry, a scratch data folder, a server).
_MODULE_FIXTURE = re.compile(r"""@pytest\.fixture\(scope=["']module["']""")
ROOT = Path(__file__).resolve().parent.parent


@cache
def _has_module_fixture(path: str) -> bool:
    try:
        return bool(_MODULE_FIXTURE.search((ROOT / path).read_text(encoding="utf-8")))
    except OSError:
        return False


#: The browser tests in two halves of about the same time (measured, 7 December 2026): each half runs on one
#: worker with its own app server and Chromium. A browser test mostly waits (for the server's run, for the
#: browser's drawing), so the halves and a third worker for the rest share two cores well.
E2E_HALF = {
    "test_pages": "a",
    "test_map": "a",
    "test_a11y": "a",
    "test_embeds": "a",
    "test_scaleout": "a",
    "test_presenter": "b",
    "test_hostile_browser": "b",
    "test_room_view": "b",
    "test_update_and_reconnect": "b",
    "test_room": "b",
}


def work_unit(nodeid: str) -> str:
    """What a test is handed to a worker with: the browser tests in two halves (:data:`E2E_HALF`; a new module
    goes to the first), a module with a module-scoped fixture whole (built once, not once per worker), any
    other test alone."""
    path = nodeid.split("::", 1)[0]
    if path.startswith("tests/e2e/"):
        return f"tests/e2e:{E2E_HALF.get(Path(path).stem, 'a')}"
    return path if _has_module_fixture(path) else nodeid


def pytest_xdist_auto_num_workers(config) -> int:
    """``-n auto``: one worker per core, and one more when the browser tests run. Those wait on their app server
    and Chromium much of the time, so with their two halves (:data:`E2E_HALF`) a third worker keeps two cores
    busy (full run 452 s against 605 s with two, 7 December 2026); the fast tier alone is faster with one per
    core (28 s against 33 s)."""
    cores = os.cpu_count() or 1
    return cores if "not slow" in (config.getoption("markexpr") or "") else cores + 1


def pytest_xdist_make_scheduler(config, log):
    """``--dist loadgroup`` (test.sh, test.ps1, pyproject's addopts): the units of :func:`work_unit`, handed
    out in the order of the collection (``--no-loadscope-reorder``), which puts the longest first.

    (pytest-xdist's own ``xdist_group`` marks are not used: the group name it appends to a test's id is
    ignored by pytest 9, so marked tests would be spread over the workers.)
    """
    if config.getvalue("dist") != "loadgroup":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class Units(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return work_unit(nodeid)

    return Units(config, log)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the longest work first, so the two workers finish together: the browser tests (one unit, see
    :func:`work_unit`) go to one worker while the other takes the slow tests, then both share the fast ones.
    Runs last, after pytest has grouped the tests of each parametrized fixture."""

    def rank(item: pytest.Item) -> int:
        if "e2e" in Path(str(item.fspath)).parts:
            return 0
        return 1 if item.get_closest_marker("slow") else 2

    items.sort(key=rank)  # stable: the folders' and modules' own order is kept within a rank

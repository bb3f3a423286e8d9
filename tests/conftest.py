"""Shared fixtures: the committed dataset and its aggregates, loaded once per test session."""

from __future__ import annotations

import pytest

from district_stats.analysis.views import Views, build_views
from district_stats.data.loading import Dataset, load_dataset


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

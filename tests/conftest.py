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

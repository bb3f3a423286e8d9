"""Shared fixtures: the committed dataset and its aggregates, loaded once per test session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from district_stats.io import Dataset, load_dataset  # noqa: E402
from district_stats.views import Views, build_views  # noqa: E402


@pytest.fixture(scope="session")
def ds() -> Dataset:
    data = load_dataset()
    assert data.ok, {k: [p.message() for p in v[:3]] for k, v in data.problems.items()}
    return data


@pytest.fixture(scope="session")
def views(ds: Dataset) -> Views:
    return build_views(ds)

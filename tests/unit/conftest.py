"""The unit tier reads no committed data: its tests build small tables in code (tests/frames.py).

A unit test that opens or lists anything under ``data/`` fails with the path it read, and the session
fixtures of the committed data (``ds``, ``views``) are refused here: a test of the committed data
belongs in tests/data. The guard is an audit hook (it sees every ``open``, ``os.listdir`` and
``os.scandir`` of this process, whatever library makes it), switched on only while a unit test runs.
"""

from __future__ import annotations

import os
import sys

import pytest

from district_stats.paths import DEFAULT_DATA_DIR

_DATA = os.path.normcase(str(DEFAULT_DATA_DIR.resolve()))
_EVENTS = frozenset({"open", "os.listdir", "os.scandir"})
_reads: list[str] = []
_on = False


def _committed(path: object) -> str | None:
    if isinstance(path, int) or path is None:  # a file descriptor, or the current folder
        return None
    try:
        text = os.fsdecode(path)
    except TypeError:
        return None
    full = os.path.normcase(os.path.abspath(text))
    return full if full == _DATA or full.startswith(_DATA + os.sep) else None


def _audit(event: str, args: tuple) -> None:
    if _on and event in _EVENTS and args:
        hit = _committed(args[0])
        if hit:
            _reads.append(hit)


sys.addaudithook(_audit)


@pytest.fixture(autouse=True)
def _no_committed_data():
    global _on
    _reads.clear()
    _on = True
    try:
        yield
    finally:
        _on = False
    if _reads:
        first = sorted(set(_reads))[:3]
        pytest.fail(
            f"a unit test read the committed data ({first}): build the tables in code "
            "(tests/frames.py) or move the test to tests/data",
            pytrace=False,
        )


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_teardown(item: pytest.Item) -> None:
    """The guard covers the test and its set-up; it is off before the fixtures are torn down. Deleting a
    passing test's scratch folder (pyproject's ``tmp_path_retention_policy``) opens each entry by its bare name
    next to an open folder, and a scratch ``data`` folder would read as the committed one."""
    global _on
    _on = False


@pytest.fixture(scope="session")
def ds():
    pytest.fail(
        "the committed dataset is not for unit tests: tests/frames.py builds small ones "
        "(a test of the committed data belongs in tests/data)",
        pytrace=False,
    )


@pytest.fixture(scope="session")
def views():
    pytest.fail(
        "the committed data's views are not for unit tests: tests/frames.py builds small ones "
        "(a test of the committed data belongs in tests/data)",
        pytrace=False,
    )

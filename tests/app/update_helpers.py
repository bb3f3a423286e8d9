"""What the app-tier tests of the /dati update form share: the app pointed at a scratch copy of data/ with
updates on, the form unlocked with the update code, a file uploaded, the texts a page shows."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from app import cache
from district_stats import paths
from tests.apptest import run_app
from tests.scratch import copy_data

TOKEN = "codice-di-prova-per-i-test"

#: The kinds of element whose text ``texts`` joins when not told which.
TEXT_KINDS = ("markdown", "caption", "info", "warning", "success", "error")


def scratch_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The body of a ``scratch`` fixture: the app reads and writes a copy of data/ (the bundled files are never
    touched), updates on with :data:`TOKEN`; its caches are emptied before and after the test."""
    dst = copy_data(tmp_path / "data")
    monkeypatch.setattr(paths, "DATA_DIR", dst)
    monkeypatch.setenv("DC_UPDATE", "on")
    monkeypatch.setenv("DC_UPDATE_TOKEN", TOKEN)
    cache.refresh()
    yield dst
    cache.refresh()


def texts(at: AppTest, *kinds: str) -> str:
    """The text of every element of ``kinds`` (default :data:`TEXT_KINDS`), Markdown escapes dropped."""
    kinds = kinds or TEXT_KINDS
    return "\n".join(str(e.value) for k in kinds for e in getattr(at, k)).replace("\\", "")


def unlocked(table: str | None = "grants") -> AppTest:
    """/dati with the update code entered and ``table`` chosen (None: the form's own choice)."""
    at = run_app("pages/dati.py")
    at.text_input(key="upd_token").input(TOKEN).run()
    if table is not None:
        at.selectbox(key="upd_table").set_value(table).run()
    return at


def upload(at: AppTest, name: str, data: bytes, mime: str = "text/csv") -> AppTest:
    """``data`` as the file ``name`` in the form's current file box (a new box after each apply or restore)."""
    at.file_uploader(
        key=f"upd_file_{at.session_state['_upd_round'] if '_upd_round' in at.session_state else 0}"
    ).set_value((name, data, mime)).run()
    return at

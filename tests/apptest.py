"""One way to open the app in Streamlit's AppTest, shared by the app-tier modules."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from district_stats.paths import ROOT

#: Generous: an AppTest run on a busy 2-core machine can take tens of seconds; a hang still fails.
TIMEOUT_S = 120


def new_app() -> AppTest:
    """The dashboard's entry script, not run yet (set pages and query parameters first)."""
    return AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=TIMEOUT_S)


def run_app(page: str | None = None, **params: str) -> AppTest:
    """Run ``page`` (a path like ``pages/mappa.py``; the home page when None) with ``params`` in the URL,
    as opening ``/<page>?<params>`` directly does."""
    at = new_app()
    if page:
        at.switch_page(page)
    for k, v in params.items():
        at.query_params[k] = v
    at.run()
    return at


def change_rows(at: AppTest) -> list[list[str]]:
    """The rows of the update preview's table of changes (what, district, comune or call, field, before, after)."""
    tables = [d.value for d in at.dataframe if list(d.value.columns)[:2] == ["Che cosa", "Distretto"]]
    return [list(map(str, row)) for row in tables[-1].itertuples(index=False)] if tables else []

"""Where things live on disk. One place, so tools, tests and the app agree."""

from __future__ import annotations

from pathlib import Path

from district_stats import settings

ROOT: Path = Path(__file__).resolve().parent.parent
#: The bundled data. ``DC_DATA_DIR`` points the app and the tools at another copy (tests run
#: the update flow against a scratch copy so the committed files are never touched).
DEFAULT_DATA_DIR: Path = ROOT / "data"
DATA_DIR: Path = settings.data_dir(DEFAULT_DATA_DIR)
DERIVED_DIR: Path = DATA_DIR / "derived"
GEO_DIR: Path = DERIVED_DIR / "geo"
#: Web mirror of the derived geometry, served by Streamlit's static file server
#: (``server.enableStaticServing``) so that maps reference it by URL instead of
#: re-sending it over the websocket on every rerun.
STATIC_GEO_DIR: Path = ROOT / "static" / "geo"
#: URL path of STATIC_GEO_DIR, relative to the app's base URL.
STATIC_GEO_URL: str = "app/static/geo"
#: Previous versions of data files replaced by the update flow.
VERSIONS_DIR: Path = DATA_DIR / ".versions"
LOCK_FILE: Path = DERIVED_DIR / "build.lock.json"

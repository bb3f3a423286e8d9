"""Where the prebuilt artefacts live and whether they match the data (light: no plotly, no browser).

``python -m district_stats publish`` renders the static embeds once per data version into
``static/embed/`` and writes ``manifest.json`` with the data fingerprint of each language.
The app (to choose between prebuilt files and a live chart) and the data tests read it here.

The fingerprint is an md5 of the *contents* of the data files the artefacts are drawn from
(line ends normalised), not :func:`district_stats.data.loading.data_version` (paths and file
times: different in every checkout), so it can be committed and checked anywhere.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from district_stats.data import schema
from district_stats.data.files import table_path
from district_stats.paths import DATA_DIR, ROOT

EMBED_DIR: Path = ROOT / "static" / "embed"
MANIFEST = "manifest.json"
#: Geometry drawn by the map embed (the overview files of the map page).
GEOMETRY = ("districts_overview.geojson", "provinces_overview.geojson")
REBUILD_COMMAND = "python -m district_stats publish"


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """md5 (12 hex digits) of every table and of the map geometry, by name and content.

    A missing file counts as 'missing' (the fingerprint still changes when it comes back).
    """
    h = hashlib.md5()
    files = [table_path(spec, data_dir) for spec in schema.CURATED + schema.DERIVED]
    files += [Path(data_dir) / "derived" / "geo" / name for name in GEOMETRY]
    for path in files:
        h.update(path.name.encode() + b"\0")
        try:
            h.update(path.read_bytes().replace(b"\r\n", b"\n"))
        except OSError:
            h.update(b"missing")
        h.update(b"\0")
    return h.hexdigest()[:12]


def read_manifest(embed_dir: Path = EMBED_DIR) -> dict | None:
    """The manifest of the published artefacts, or None when there is none (or it is unreadable)."""
    try:
        return json.loads((embed_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def stale_languages(data_dir: Path = DATA_DIR, embed_dir: Path = EMBED_DIR) -> list[str]:
    """Languages whose artefacts were not built from the current data (['it', 'en'] when none exist)."""
    manifest = read_manifest(embed_dir) or {}
    current = data_fingerprint(data_dir)
    built = manifest.get("languages", {})
    return [lang for lang in ("it", "en") if built.get(lang) != current]

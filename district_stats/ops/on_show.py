"""The data on show and what was published from it: every read of the disk app/cache makes.

The data folder is :data:`district_stats.paths.DATA_DIR` read at each call (``DC_DATA_DIR``, or a test's
scratch copy, points it elsewhere); the published files are ``static/embed``
(:data:`district_stats.ops.artefacts.EMBED_DIR`, also read at each call). The app keeps the results in its
caches, keyed by :func:`version`; the pages never handle a path. Writes go through the update desk
(:mod:`district_stats.ops.desk`).
"""

from __future__ import annotations

from district_stats import paths
from district_stats.data.loading import Dataset, data_version, load_dataset
from district_stats.geo import geojson
from district_stats.geo.geojson import Extent
from district_stats.ops import artefacts

__all__ = [
    "GEOMETRY",
    "Dataset",
    "Extent",
    "code_fingerprint",
    "dataset",
    "extents",
    "geo",
    "geojson_text",
    "manifest_address",
    "manifest_stamp",
    "mirror_url",
    "published_bytes",
    "published_state",
    "published_url",
    "version",
]

#: The region map's two geometry files (districts, provinces), relative to the derived folder.
GEOMETRY = artefacts.GEOMETRY
code_fingerprint = artefacts.code_fingerprint
extents = geojson.extents


def version() -> str:
    """The data's version: every file's name, size and time (changes when any file changes)."""
    return data_version(paths.DATA_DIR)


def dataset() -> Dataset:
    """Every table, loaded and checked (``.ok`` says whether the required ones loaded)."""
    return load_dataset(paths.DATA_DIR)


def geojson_text(rel: str) -> str:
    """The text of a derived GeoJSON file ('districts/D041.geojson'), for its download."""
    return geojson.read_text(paths.DATA_DIR, rel)


def geo(rel: str) -> dict | None:
    """A derived GeoJSON file, parsed; None when it is missing or unreadable."""
    return geojson.read(paths.DATA_DIR, rel)


def mirror_url(rel: str, ver: str) -> str | None:
    """The address of a derived GeoJSON file's web copy (``static/geo``) when it holds the same bytes as the data
    folder on show, with ``ver`` so a browser never keeps an old copy; None otherwise (another ``DC_DATA_DIR``,
    or a copy missing or out of date: the map then sends the geometry itself)."""
    if not geojson.mirrored(paths.DATA_DIR, paths.STATIC_GEO_DIR, rel):
        return None
    return f"{paths.STATIC_GEO_URL}/{geojson.mirror_name(rel)}?v={ver}"


def published_bytes(rel: str) -> bytes | None:
    """A published file's bytes (``rel`` inside ``embed/``); None when it cannot be read."""
    try:
        return (artefacts.EMBED_DIR / rel).read_bytes()
    except OSError:
        return None


def manifest_stamp() -> str:
    """The published files' manifest's size and time ('none' without one): changes when a rebuild finishes."""
    try:
        st = (artefacts.EMBED_DIR / artefacts.MANIFEST).stat()
    except OSError:
        return "none"
    return f"{st.st_size}-{st.st_mtime_ns}"


def published_state(code: str) -> tuple[dict[str, list[str]], dict]:
    """Per language, why the published files cannot be shown ('missing', 'data', 'code'; {} when they can) for
    the code fingerprint ``code``, and the manifest ({} without one)."""
    reasons = artefacts.stale_reasons(paths.DATA_DIR, artefacts.EMBED_DIR, code)
    return reasons, artefacts.read_manifest(artefacts.EMBED_DIR) or {}


def published_url(rel: str, md5: str) -> str:
    """The address of a published file, with the start of its md5 so browsers never keep an old copy."""
    return f"{artefacts.EMBED_URL}/{rel}?v={md5[:10]}"


def manifest_address() -> str:
    """The published manifest's address under the dashboard (what the room's file server is asked for)."""
    return f"{artefacts.EMBED_URL}/{artefacts.MANIFEST}"

"""Where the prebuilt artefacts live, whether they match the data and the code, and how a rebuild starts.

Light: no plotly, no browser. The build itself is :mod:`district_stats.ops.publish` (run in a command's
process, or in the child :func:`start_refresh` starts); this module never imports it.

``python -m district_stats publish`` renders, once per data version, into ``static/embed/``:
the static embeds and their images and press kits, the chart-only SVGs the app's pages show,
the presenter's screen images (projector and phone) and its drill-down maps of every district.
``manifest.json`` records, per language, the *data fingerprint* and the *code fingerprint* they
were drawn from. The app reads the files only when both match (otherwise it draws live with
plotly in the browser and says the images are out of date); the data tests fail, naming
:data:`REBUILD_COMMAND`, when the committed files do not match.

Both fingerprints are md5s of file *contents* (line ends normalised), not file times, so they
can be committed and checked in any checkout.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from filelock import FileLock, Timeout

from district_stats import paths
from district_stats.data import schema
from district_stats.data.files import table_path
from district_stats.paths import DATA_DIR, ROOT

STATIC_DIR: Path = ROOT / "static"
EMBED_DIR: Path = STATIC_DIR / "embed"
#: URL of EMBED_DIR under the dashboard's address (Streamlit static file serving).
EMBED_URL = "/app/static/embed"
MANIFEST = "manifest.json"
#: Geometry drawn by the map embed (the overview files of the map page).
GEOMETRY = ("districts_overview.geojson", "provinces_overview.geojson")
REBUILD_COMMAND = "python -m district_stats publish"
#: Source folders and files whose code draws the artefacts: a change there means the files are stale.
CODE = (
    "district_stats/content",
    "district_stats/analysis",
    "district_stats/data",
    "district_stats/settings.py",
    "district_stats/ops/publish.py",
    "district_stats/ops/presenter_art.py",
    "district_stats/ops/images.py",
    "district_stats/ops/phone_pages.py",
)
#: A running build holds this lock (next to ``embed/``); its progress lines go to the log.
LOCK_NAME = ".embed.lock"
LOG_NAME = ".embed.log"


def _update(h, name: str, path: Path) -> None:
    h.update(name.encode() + b"\0")
    try:
        h.update(path.read_bytes().replace(b"\r\n", b"\n"))
    except OSError:
        h.update(b"missing")
    h.update(b"\0")


def data_fingerprint(data_dir: Path = DATA_DIR) -> str:
    """md5 (12 hex digits) of every table and of every derived geometry file, by name and content.

    A missing file counts as 'missing' (the fingerprint still changes when it comes back).
    """
    h = hashlib.md5()
    for spec in schema.CURATED + schema.DERIVED:
        path = table_path(spec, data_dir)
        _update(h, path.name, path)
    geo = Path(data_dir) / "derived" / "geo"
    names = (
        set(GEOMETRY) | {p.relative_to(geo).as_posix() for p in geo.rglob("*.geojson")}
        if geo.is_dir()
        else set(GEOMETRY)
    )
    for name in sorted(names):
        _update(h, name, geo / name)
    return h.hexdigest()[:12]


def code_fingerprint(root: Path = ROOT) -> str:
    """md5 (12 hex digits) of the code that draws the artefacts (:data:`CODE`: figure builders, texts,
    aggregates, loaders, the build itself) and of the plotly version that lays the figures out."""
    h = hashlib.md5(f"plotly {version('plotly')}".encode())
    for entry in CODE:
        path = root / entry
        files = sorted(p for p in path.rglob("*") if p.suffix in (".py", ".toml")) if path.is_dir() else [path]
        for p in files:
            _update(h, p.relative_to(root).as_posix(), p)
    return h.hexdigest()[:12]


def read_manifest(embed_dir: Path = EMBED_DIR) -> dict | None:
    """The manifest of the published artefacts, or None when there is none (or it is unreadable)."""
    try:
        doc = json.loads((embed_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) else None


def stale_reasons(
    data_dir: Path = DATA_DIR, embed_dir: Path = EMBED_DIR, code: str | None = None
) -> dict[str, list[str]]:
    """Per language, why its artefacts cannot be used: 'missing' (never built), 'data' (built from other
    data), 'code' (built by other figure code). An empty dict: everything is up to date.

    ``code`` is the current code fingerprint (computed when None).
    """
    manifest = read_manifest(embed_dir) or {}
    data = data_fingerprint(data_dir)
    code = code or code_fingerprint()
    built, built_code = manifest.get("languages") or {}, manifest.get("code") or {}
    out: dict[str, list[str]] = {}
    for lang in ("it", "en"):
        if lang not in built:
            out[lang] = ["missing"]
            continue
        why = (["data"] if built.get(lang) != data else []) + (["code"] if built_code.get(lang) != code else [])
        if why:
            out[lang] = why
    return out


def stale_languages(data_dir: Path = DATA_DIR, embed_dir: Path = EMBED_DIR) -> list[str]:
    """Languages whose artefacts were not built from the current data and code (['it', 'en'] when none exist)."""
    return list(stale_reasons(data_dir, embed_dir))


def default_root(data_dir: Path) -> Path | None:
    """Where the artefacts of ``data_dir`` are published: ``static/`` for the bundled data, none for another
    copy (``DC_DATA_DIR``, a test's scratch folder): the app then draws that copy live."""
    return STATIC_DIR if Path(data_dir).resolve() == paths.DEFAULT_DATA_DIR.resolve() else None


def build_running(out_root: Path = STATIC_DIR) -> bool:
    """True while a build holds the lock of ``out_root`` (another process, or this one)."""
    lock = FileLock(out_root / LOCK_NAME, timeout=0)
    try:
        lock.acquire()
    except Timeout:
        return True
    except OSError:
        return False
    lock.release()
    return False


def last_progress(out_root: Path = STATIC_DIR) -> str:
    """The last progress line of the current (or last) build, '' when there is none."""
    try:
        lines = (out_root / LOG_NAME).read_text(encoding="utf-8").strip().splitlines()
    except OSError:
        return ""
    return lines[-1][:200] if lines else ""


#: The ``out_root`` argument's default: :func:`default_root` of the data folder.
DEFAULT_ROOT = object()


_CHILDREN: list[subprocess.Popen] = []


def start_refresh(data_dir: Path | None = None, out_root: Path | None | object = DEFAULT_ROOT) -> str | None:
    """Start :func:`refresh` in a child process that exits when done (for the app: its progress goes
    to ``<out_root>/.embed.log``, see :func:`last_progress`). Returns None when
    started (or nothing to rebuild), else why it could not start."""
    data_dir = data_dir or paths.DATA_DIR  # read at call time: tests point DATA_DIR at a scratch copy
    root = default_root(data_dir) if out_root is DEFAULT_ROOT else out_root
    if root is None:
        return None
    _CHILDREN[:] = [c for c in _CHILDREN if c.poll() is None]  # reap the finished ones
    cmd = [sys.executable, "-m", "district_stats", "publish", "--out", str(root), "--data-dir", str(data_dir)]
    quiet = subprocess.DEVNULL
    try:  # a process group of its own, so the app stopping does not stop the build
        if sys.platform == "win32":
            child = subprocess.Popen(
                cmd,
                cwd=ROOT,
                stdin=quiet,
                stdout=quiet,
                stderr=quiet,
                creationflags=subprocess.CREATE_NEW_PROCESS_GROUP,
            )
        else:
            child = subprocess.Popen(cmd, cwd=ROOT, stdin=quiet, stdout=quiet, stderr=quiet, start_new_session=True)
    except OSError as exc:
        return str(exc)
    _CHILDREN.append(child)
    return None

"""The update desk: the one module the app's update form asks (app/update_view, act_form, update_preview, boot).

It works on the data folder on show, :data:`district_stats.paths.DATA_DIR` read at each call (``DC_DATA_DIR``,
or a test's scratch copy, points it elsewhere), so the form never handles a path. It gathers what the form
shows and does:

- who may update (:mod:`district_stats.ops.access`): the code, the waits, the log lines;
- the tables that can be replaced, each named in words with its file;
- the flow (:mod:`district_stats.ops.update`): a plan from a file, an act or a saved version, its preview and
  change maps, the apply, the saved versions, the damaged side files, the start-up repair;
- the published images after an apply (:mod:`district_stats.ops.artefacts`): their rebuild and its progress.
"""

from __future__ import annotations

from pathlib import Path

import plotly.graph_objects as go

from district_stats import paths
from district_stats.data import schema
from district_stats.ops import act_update, artefacts, health, preview, update, versions
from district_stats.ops.access import (
    AttemptLimiter,
    UpdateAccess,
    attempt_line,
    banner,
    entered_code,
    refusal_text,
    token_matches,
)
from district_stats.ops.access import current as current_access
from district_stats.ops.plan import Plan
from district_stats.ops.preview import MAX_MAPS, PreviewView
from district_stats.ops.recovery import Recovery
from district_stats.ops.update import REBUILD_TABLES, BusyError, StaleError, VersionsError

__all__ = [
    "ACT_TABLES",
    "MAX_MAPS",
    "REBUILD_TABLES",
    "AttemptLimiter",
    "BusyError",
    "Plan",
    "PreviewView",
    "Recovery",
    "StaleError",
    "UpdateAccess",
    "VersionsError",
    "apply",
    "attempt_line",
    "banner",
    "call_choices",
    "change_map",
    "current_access",
    "damaged_files",
    "data_folder",
    "entered_code",
    "images_progress",
    "images_published",
    "is_pdf",
    "name_choices",
    "plan_act",
    "plan_restore",
    "plan_update",
    "preview_view",
    "recover",
    "refusal_text",
    "start_images",
    "tables",
    "token_matches",
    "url_ok",
    "version_infos",
    "version_label",
    "version_names",
]

ACT_TABLES, is_pdf, url_ok = act_update.ACT_TABLES, act_update.is_pdf, act_update.url_ok
call_choices, name_choices = act_update.call_choices, preview.name_choices
preview_view, version_label = preview.view, versions.label


def data_folder() -> str:
    """The data folder on show, as text (what start-up repairs are remembered by)."""
    return str(paths.DATA_DIR)


def tables(lang: str) -> dict[str, str]:
    """The tables an official can replace, by name, each labelled in words with its file («Distretti ·
    districts.csv»), in the schema's order."""
    return {s.name: f"{s.title_en if lang == 'en' else s.title_it} · {s.filename}" for s in schema.CURATED}


def plan_update(table: str, data: bytes, filename: str) -> Plan:
    """A CSV or XLSX as the new ``table``: see :func:`district_stats.ops.update.plan_update`."""
    return update.plan_update(table, data, filename, paths.DATA_DIR)


def plan_act(table: str, pdf: bytes, filename: str, source_url: str, **options: object) -> Plan:
    """An official act's PDF as an update of ``table``: see :func:`district_stats.ops.update.plan_act`."""
    return update.plan_act(table, pdf, filename, source_url, paths.DATA_DIR, **options)


def plan_restore(table: str, name: str) -> Plan:
    """Putting the saved version ``name`` back: see :func:`district_stats.ops.update.plan_restore`."""
    return update.plan_restore(table, name, paths.DATA_DIR)


def apply(plan: Plan) -> Path:
    """Apply a previewed plan, all or nothing; the saved previous version's path (see
    :func:`district_stats.ops.update.apply_update` for what it refuses)."""
    return update.apply_update(plan, paths.DATA_DIR)


def recover() -> Recovery | None:
    """Repair an update interrupted in the data folder on show (None: nothing to repair)."""
    return update.recover(paths.DATA_DIR)


def version_names(table: str) -> list[str]:
    """The file names of ``table``'s saved versions, newest first (raises VersionsError when refused)."""
    return [p.name for p in versions.versions_of(table, paths.DATA_DIR)]


def version_infos(table: str) -> list[versions.VersionInfo]:
    """``table``'s saved versions with what each change did (raises VersionsError when refused)."""
    return versions.infos(table, paths.DATA_DIR)


def damaged_files() -> list[health.Damage]:
    """The damaged side files of the data folder on show, each with how to repair it."""
    return health.damaged_files(paths.DATA_DIR)


def change_map(line: preview.MapLine, lang: str) -> go.Figure | None:
    """The small map of a district whose comuni an update changes (None without its geometry)."""
    return preview.change_map(line, paths.DATA_DIR, lang)


def images_published() -> bool:
    """True when the data folder on show has published images an apply must rebuild."""
    return artefacts.default_root(paths.DATA_DIR) is not None


def start_images() -> str | None:
    """Start rebuilding the published images in a child process (never in this one); why it could not start,
    or None."""
    return artefacts.start_refresh(paths.DATA_DIR)


def images_progress() -> str | None:
    """While the images are being rebuilt, the step it is at in words («…» before the first); None otherwise."""
    return (artefacts.last_progress() or "…") if artefacts.build_running() else None

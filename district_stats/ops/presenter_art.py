"""Presenter images, part of the artefact build: every story screen's visual and every district's drill-down map.

The presenter (``?modo=presenta``) shows pictures, never a live figure: cheapest to draw on a
venue laptop and identical on every projector. They are drawn here, once per data version, by
:func:`render` (called by :func:`district_stats.ops.publish.publish`), and read by the app as
files (``app/cache.py``: ``presenter_image_url``, ``members_image_url``):

- ``presenter/<screen_id>.png``: the projector image of each screen :func:`story.screens` returns
  that has a figure (:func:`story.screen_figure`), and of the cover when the data has its event, at the
  pixel size the figure's layout sets;
- ``presenter/<screen_id>-phone.png``: the same for a phone (``narrow=True``), opened from the QR code;
- ``presenter/members/<district_id>.png`` (and ``-phone.png``): the drill-down map of every district with
  mapped comuni over its neighbours (:func:`story.district_figure`);
- English under ``en/``. A screen whose geometry is missing or damaged gets no image (the app says so).

Images are drawn at :data:`screen_sizes.IMAGE_SCALE` (shown 1:1 at 1280×720 and sharp when the presenter scales
up to 1920×1080) and reduced to 256 colours (flat chart colours: no visible change).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import plotly.graph_objects as go

from district_stats.analysis.views import Views
from district_stats.content import story
from district_stats.content.figures import screen_sizes
from district_stats.content.story import members_path, screen_path
from district_stats.ops.images import compact_png, figure_png


def _reader(data_dir: Path) -> Callable[[tuple[str, ...]], dict[str, dict] | None]:
    """Reads derived GeoJSON files by name (cached); None when any is missing or not a FeatureCollection."""
    seen: dict[str, dict | None] = {}

    def read(names: tuple[str, ...]) -> dict[str, dict] | None:
        for n in names:
            if n not in seen:
                try:
                    doc = json.loads((data_dir / "derived" / "geo" / n).read_text(encoding="utf-8"))
                except (OSError, ValueError):
                    doc = None
                seen[n] = doc if isinstance(doc, dict) and isinstance(doc.get("features"), list) else None
        found = {n: doc for n in names if (doc := seen[n]) is not None}
        return found if len(found) == len(names) else None

    return read


def size_of(fig: go.Figure, default: tuple[int, int]) -> tuple[int, int]:
    """The pixel size the figure's layout sets (``default`` for what it leaves unset)."""
    return int(fig.layout.width or default[0]), int(fig.layout.height or default[1])


def figures(
    views: Views, lang: str, data_dir: Path, districts: bool = True
) -> list[tuple[str, str, Callable[[], go.Figure | None], tuple[int, int]]]:
    """What to draw for one language: (path inside ``embed/``, what it is in words, figure builder, default size).

    Builders run one at a time while drawing (a figure is kept in memory only while it is drawn).
    """
    read = _reader(data_dir)
    jobs: list = []
    found = story.cover(views, lang)
    for s in story.screens(views, lang) + ([found] if found is not None else []):
        for narrow in (False, True):

            def build(s: story.Screen = s, narrow: bool = narrow) -> go.Figure | None:
                geo = read(story.geo_files(s))
                return None if geo is None else story.screen_figure(s, views, lang, geo, narrow)

            what = f"{s.screen_id}{' (telefono)' if narrow else ''}"
            jobs.append(
                (
                    screen_path(s.screen_id, lang, narrow),
                    what,
                    build,
                    screen_sizes.SCREEN_NARROW if narrow else screen_sizes.SCREEN_VISUAL,
                )
            )
    for did in sorted(views.districts["district_id"]) if districts else ():
        for narrow in (False, True):

            def members(did: str = did, narrow: bool = narrow) -> go.Figure | None:
                geo = read(story.members_geo_files(did))
                return None if geo is None else story.district_figure(views.ds, did, lang, geo, narrow)

            jobs.append(
                (
                    members_path(did, lang, narrow),
                    f"{did}{' (telefono)' if narrow else ''}",
                    members,
                    screen_sizes.NARROW_DISTRICT if narrow else screen_sizes.DISTRICT_VISUAL,
                )
            )
    return jobs


def render(
    views: Views,
    langs: tuple[str, ...],
    folder: Path,
    data_dir: Path,
    progress: Callable[[str], None] = print,
    districts: bool = True,
) -> dict[str, list[str]]:
    """Draw every presenter image of ``langs`` into ``folder`` (the embed folder being built).

    Returns, per language, the paths written (inside ``folder``).

    Raises:
        RuntimeError: if no Chromium is installed (nothing useful can be drawn).
    """
    jobs = [(lang, *job) for lang in langs for job in figures(views, lang, data_dir, districts)]
    written: dict[str, list[str]] = {lang: [] for lang in langs}
    for i, (lang, rel, what, build, default) in enumerate(jobs, start=1):
        if i == 1 or i % 10 == 0 or i == len(jobs):
            progress(f"presentazione: immagine {i} di {len(jobs)}: {what} ({lang})…")
        fig = build()
        if fig is None:
            continue
        width, height = size_of(fig, default)
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(draw_png(fig, width, height))
        written[lang].append(rel)
    return written


def draw_png(fig: go.Figure, width: int, height: int) -> bytes:
    """PNG of ``fig`` at ``width``×``height`` px drawn at the presenter's scale, 256 colours (tests replace it
    to skip the browser)."""
    return compact_png(figure_png(fig, width, height, screen_sizes.IMAGE_SCALE))

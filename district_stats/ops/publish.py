"""The artefact build: everything the app and the press read as files, rendered once per data version.

``python -m district_stats publish [--out static] [--lang it|en|all]`` draws every chart of the
catalogue (plus the comparison and the region map) and the presenter's images with kaleido and
Debian's Chromium, in Italian and English, into ``<out>/embed/``:

- ``<id>.html`` (``en/<id>.html``): the self-contained embed page (see :mod:`district_stats.content.embeds.embed_page`);
- ``<id>-n.svg`` / ``<id>-w.svg``: the chart alone for a phone and for a column (the embed page's two
  drawings), which the app's pages show until a reader asks to explore the chart;
- ``mappa-phone.svg`` … ``mappa-xlarge.svg``: the map page's first map, one per viewport class (names as the
  page places them for it), which the page shows until a reader asks for the interactive map;
- ``<id>.png`` / ``<id>.svg``: the default view with title, source, date and licence drawn in;
- ``<id>-kit.zip``: the press kit (PNG, SVG, CSV of the chart's table, ``citazione.txt``);
- ``presenter/…``: the presenter's screen images and drill-down maps (:mod:`~district_stats.ops.presenter_art`);
- ``presenter/…-phone.html``: the room's phone page of each screen and drill-down (:mod:`~district_stats.ops.phone_pages`);
- ``index.html``, ``snippet.html`` (and ``en/``): the list of embeds and how the snippet works;
- ``manifest.json``: the data and code fingerprints per language and the md5 of every file.

All or nothing: everything is written into a temporary sibling folder that replaces
``embed/`` only at the end, so a failed build leaves the previous artefacts in place. One build
at a time (a lock next to ``embed/``); its progress lines also go to ``<out>/.embed.log`` (the
app shows the last one while a rebuild started by a data update runs). The output is
deterministic (plotly's random SVG ids are replaced, the ZIPs carry a fixed date).
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from filelock import FileLock, Timeout

from district_stats import paths, settings
from district_stats.analysis.views import Views, build_views
from district_stats.content import catalog, region_map
from district_stats.content.embeds import embed_page
from district_stats.content.embeds.embed_table import code_names, from_display, readable
from district_stats.content.figures import fixed_width
from district_stats.content.region_map import map_chart
from district_stats.content.spreadsheets import to_csv_bytes
from district_stats.content.text import citation, sources
from district_stats.content.text.i18n import t
from district_stats.data.files import file_md5, replace_folder
from district_stats.data.loading import load_dataset
from district_stats.ops import artefacts, phone_pages, presenter_art
from district_stats.ops.images import compact_png, figure_image, figure_svg
from district_stats.paths import DATA_DIR, ROOT

LANGS = ("it", "en")
#: Charts published: the catalogue (which includes the comparison) and the region map.
CHART_IDS: tuple[str, ...] = (*catalog.CHARTS, "mappa")
#: Fixed date inside the ZIPs, so the same data gives the same bytes.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)


@dataclass(frozen=True)
class Report:
    """What a build wrote: page sizes (bytes) by path inside ``embed/``, and the file count."""

    embed_dir: Path
    page_bytes: dict[str, int]
    svg_bytes: dict[str, tuple[int, int]]  # page -> (narrow, wide) inline SVG sizes
    n_files: int
    total_bytes: int


def _geo(data_dir: Path) -> dict[str, dict]:
    return {n: json.loads((data_dir / "derived" / "geo" / n).read_text(encoding="utf-8")) for n in artefacts.GEOMETRY}


def _chart(chart_id: str, views: Views, lang: str, geo: dict[str, dict]) -> catalog.ChartOutput:
    if chart_id == "mappa":
        return map_chart(views, lang, geo[artefacts.GEOMETRY[0]], geo[artefacts.GEOMETRY[1]])
    return catalog.make_chart(chart_id, views, lang)


def _svg(fig, width: int, lang: str) -> str:
    laid = fixed_width.for_width(fig, width, lang)
    return figure_svg(laid, width, int(laid.layout.height or 450))


def render_page_map(views: Views, lang: str, geo: dict[str, dict], folder: Path) -> None:
    """Write the map page's first map as pictures, one per viewport class (:func:`region_map.page_pictures`),
    each with the map's sentence as its text alternative."""
    title, summary = t("ch_map", lang), region_map.summary(views, lang)
    for name, fig in region_map.page_pictures(views, lang, geo).items():
        uid = region_map.picture_id(name)
        svg = figure_svg(fig, int(fig.layout.width), int(fig.layout.height))
        _write(folder / embed_page.page_path(uid, lang, "svg"), embed_page.prepare_svg(svg, uid, summary, title, 1))


def _zip(files: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            z.writestr(info, data)
    return buf.getvalue()


def _write(path: Path, data: bytes | str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)


def render_chart(out: catalog.ChartOutput, views: Views, lang: str, folder: Path, public_url: str) -> tuple[int, int]:
    """Write one chart's page, images and kit into ``folder`` (the embed folder being built).

    Returns the sizes in bytes of the inline narrow and wide SVGs.
    """
    cid = out.chart_id
    decimals = 0 if cid == "mappa" else 1
    svgs = [
        embed_page.prepare_svg(_svg(out.figure, w, lang), f"{cid}-{v}", out.summary, out.title, decimals)
        for w, v in ((fixed_width.NARROW, "n"), (fixed_width.WIDE, "w"))
    ]
    date = catalog.data_date(views)
    table = (
        from_display(out.display, lang)
        if out.display is not None
        else readable(out.table, lang, code_names(views, lang))
    )
    what = catalog.cited_as(embed_page.CHART_PAGES.get(cid, ""), out.title, lang)
    chart = embed_page.EmbedChart(
        cid,
        lang,
        out.title,
        out.summary,
        out.source,
        date,
        table,
        svgs[0],
        svgs[1],
        tuple(sources.labels(list(out.source_urls), views.sources, lang)),
        what,
    )
    _write(folder / embed_page.page_path(cid, lang), embed_page.page_html(chart, public_url))
    for svg, v in zip(svgs, ("n", "w")):  # the same drawings as files, for the app's pages
        _write(folder / embed_page.page_path(f"{cid}-{v}", lang, "svg"), svg)
    live = embed_page.live_url(cid, lang, public_url) if public_url else ""
    ref = citation.reference(what, date, live, lang)  # no access date: the reader's day is not known here
    cite_text = citation.text(ref)
    # Downloads: 1200 px wide (2400 px PNG); the map a square-ish 1000 px so Piemonte fills the picture.
    width = 1000 if cid == "mappa" else 1200
    big = fixed_width.for_width(out.figure, width, lang)
    if cid == "mappa":
        big.update_layout(height=880)
    credit = citation.licence_line(lang)
    png = compact_png(figure_image(big, out.title, out.source, "png", width, credit=credit))
    svg_file = embed_page.stable_ids(
        figure_image(big, out.title, out.source, "svg", width, credit=credit).decode("utf-8"), f"{cid}-download"
    ).encode("utf-8")
    _write(folder / embed_page.page_path(cid, lang, "png"), png)
    _write(folder / embed_page.page_path(cid, lang, "svg"), svg_file)
    readme = t("kit_citation_file", lang)
    kit = {
        f"{cid}.png": png,
        f"{cid}.svg": svg_file,
        f"{cid}.csv": to_csv_bytes(out.table, lang),
        readme: (cite_text + "\n\n" + out.source + "\n" + credit + "\n").encode("utf-8"),
        f"{Path(readme).stem}.json": (citation.csl_json(ref) + "\n").encode("utf-8"),
        f"{Path(readme).stem}.bib": (citation.bibtex(ref) + "\n").encode("utf-8"),
    }
    _write(folder / embed_page.page_path(f"{cid}-kit", lang, "zip"), _zip(kit))
    return len(svgs[0].encode("utf-8")), len(svgs[1].encode("utf-8"))


def _fresh_folder(embed_dir: Path, keep_existing: bool) -> Path:
    tmp = embed_dir.with_name(f".{embed_dir.name}.tmp-{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    if keep_existing and embed_dir.is_dir():
        shutil.copytree(embed_dir, tmp)
    else:
        tmp.mkdir(parents=True)
    return tmp


def _drop_language(folder: Path, lang: str) -> None:
    """Remove one language's files from a copy of the previous build (it is drawn again in full)."""
    if lang == "en":
        shutil.rmtree(folder / "en", ignore_errors=True)
        return
    for p in list(folder.iterdir()):
        if p.name == "en" or p.name == artefacts.MANIFEST:
            continue
        shutil.rmtree(p) if p.is_dir() else p.unlink()


def _manifest(
    folder: Path,
    previous: dict | None,
    langs: tuple[str, ...],
    fingerprints: tuple[str, str],
    views: Views,
    entries: dict[str, list[embed_page.IndexEntry]],
) -> str:
    data, code = fingerprints
    built = dict((previous or {}).get("languages", {}))
    built.update({lang: data for lang in langs})
    built_code = dict((previous or {}).get("code", {}))
    built_code.update({lang: code for lang in langs})
    # Title and iframe height of every embed, so the app can show the same snippet (embed_page.snippet).
    embeds = dict((previous or {}).get("embeds", {}))
    for lang, items in entries.items():
        for e in items:
            embeds[embed_page.page_path(e.chart_id, lang)] = {"title": e.title, "height": e.height}
    files = {
        p.relative_to(folder).as_posix(): {"bytes": p.stat().st_size, "md5": file_md5(p)}
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != artefacts.MANIFEST
    }
    date = catalog.data_date(views)
    every = all(built.get(lang) == data and built_code.get(lang) == code for lang in LANGS)
    doc = {
        "data_version": data if every else "",
        "code_version": code if every else "",
        "languages": built,
        "code": built_code,
        "data_date": None if date is None else date.strftime("%Y-%m-%d"),
        "charts": list(CHART_IDS),
        "rebuild": artefacts.REBUILD_COMMAND,
        "embeds": embeds,
        "files": files,
    }
    return json.dumps(doc, ensure_ascii=False, indent=1, sort_keys=True) + "\n"


@contextlib.contextmanager
def _one_build(out_root: Path, progress: Callable[[str], None], wait_s: float) -> Iterator[Callable[[str], None]]:
    """Hold the build lock of ``out_root`` and copy every progress line to its log (for the app).

    Raises:
        RuntimeError: if another build still holds the lock after ``wait_s`` seconds.
    """
    out_root.mkdir(parents=True, exist_ok=True)
    lock = FileLock(out_root / artefacts.LOCK_NAME, timeout=wait_s)
    try:
        lock.acquire()
    except Timeout:
        raise RuntimeError("un'altra pubblicazione è in corso") from None
    try:
        with open(out_root / artefacts.LOG_NAME, "w", encoding="utf-8") as log:

            def say(msg: str) -> None:
                log.write(msg + "\n")
                log.flush()
                progress(msg)

            yield say
    finally:
        lock.release()


def publish(
    out_root: Path = ROOT / "static",
    langs: tuple[str, ...] = LANGS,
    data_dir: Path = DATA_DIR,
    progress: Callable[[str], None] = print,
    chart_ids: tuple[str, ...] = CHART_IDS,
    presenter: bool = True,
    wait_s: float = 900.0,
) -> Report:
    """Build ``<out_root>/embed/`` from the data in ``data_dir`` (see the module docstring); ``presenter``
    False leaves the presenter images out (tests).

    Raises:
        ValueError: if the data cannot be loaded (nothing is written).
        RuntimeError: if no Chromium is installed, or another build runs for longer than ``wait_s``
            (nothing is replaced).
        OSError: if the folder cannot be written (the previous artefacts stay).
    """
    with _one_build(out_root, progress, wait_s) as say:
        return _publish(out_root, langs, data_dir, say, chart_ids, presenter)


def _publish(
    out_root: Path,
    langs: tuple[str, ...],
    data_dir: Path,
    progress: Callable[[str], None],
    chart_ids: tuple[str, ...],
    presenter: bool,
) -> Report:
    progress("lettura dei dati…")
    ds = load_dataset(data_dir)
    if not ds.ok:
        bad = ", ".join(sorted(name for name, probs in ds.problems.items() if probs))
        raise ValueError(f"dati non validi ({bad}): correggerli prima di pubblicare")
    # Fingerprints of what the drawing starts from: data changed during the build make it stale, never wrong.
    fingerprints = (artefacts.data_fingerprint(data_dir), artefacts.code_fingerprint())
    views = build_views(ds)
    geo = _geo(data_dir)
    public_url = settings.public_url()
    embed_dir = out_root / "embed"
    previous = artefacts.read_manifest(embed_dir)
    partial = set(langs) != set(LANGS)
    tmp = _fresh_folder(embed_dir, keep_existing=partial)
    jobs = [(cid, lang) for lang in langs for cid in chart_ids]
    svg_bytes: dict[str, tuple[int, int]] = {}
    try:
        for lang in langs if partial else ():
            _drop_language(tmp, lang)
        entries: dict[str, list[embed_page.IndexEntry]] = {lang: [] for lang in langs}
        for i, (cid, lang) in enumerate(jobs, start=1):
            progress(f"grafico {i} di {len(jobs)}: {cid} ({lang})…")
            out = _chart(cid, views, lang, geo)
            svg_bytes[embed_page.page_path(cid, lang)] = render_chart(out, views, lang, tmp, public_url)
            page = (tmp / embed_page.page_path(cid, lang)).read_text(encoding="utf-8")
            height = embed_page.fallback_height(embed_page.svg_height(page[page.index('class="dc-n"') :]))
            entries[lang].append(embed_page.IndexEntry(cid, out.title, height))
        if "mappa" in chart_ids:
            for lang in langs:
                progress(f"mappa della pagina ({lang})…")
                render_page_map(views, lang, geo, tmp)
        if presenter:
            presenter_art.render(views, langs, tmp, data_dir, progress)
            phone_pages.render(views, langs, tmp, progress)
        progress("indice, istruzioni e manifest…")
        for lang in langs:
            _write(tmp / embed_page.page_path("index", lang), embed_page.index_html(entries[lang], lang, public_url))
            _write(
                tmp / embed_page.page_path("snippet", lang),
                embed_page.snippet_doc_html(entries[lang][0], lang, public_url),
            )
        _write(tmp / artefacts.MANIFEST, _manifest(tmp, previous, langs, fingerprints, views, entries))
        replace_folder(tmp, embed_dir)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    progress("pubblicazione completata")
    files = [p for p in embed_dir.rglob("*") if p.is_file()]
    pages = {k: (embed_dir / k).stat().st_size for k in svg_bytes}
    return Report(embed_dir, pages, svg_bytes, len(files), sum(p.stat().st_size for p in files))


def refresh(
    data_dir: Path | None = None,
    out_root: Path | None | object = artefacts.DEFAULT_ROOT,
    progress: Callable[[str], None] = print,
) -> str | None:
    """Rebuild the published artefacts for the data in ``data_dir``, in this process (the command line).

    ``out_root`` defaults to :func:`~district_stats.ops.artefacts.default_root` (``static/`` for the bundled
    data, nothing for another copy). Returns None when rebuilt (or nothing to rebuild), else why not, in
    words: the data stay applied and the app draws live until ``python -m district_stats publish`` runs.
    """
    data_dir = data_dir or paths.DATA_DIR  # read at call time: tests point DATA_DIR at a scratch copy
    root = artefacts.default_root(data_dir) if out_root is artefacts.DEFAULT_ROOT else out_root
    if not isinstance(root, Path):
        return None
    try:
        publish(root, data_dir=data_dir, progress=progress)
    except (ValueError, RuntimeError, OSError) as exc:
        return str(exc) or type(exc).__name__
    return None

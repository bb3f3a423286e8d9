"""One command line: ``python -m district_stats <command>``.

Commands (``--help`` on each for its options):

- ``build``: data/ -> data/derived/ (simplified geometry, joined tables, lock file);
- ``validate``: check a candidate CSV/XLSX for a table, in Italian, with row and column;
- ``update``: replace a table with an official file (preview, confirm, apply, restore);
- ``snapshot``: the fallback deck for the round table (images, tables, deck.html), from the published images;
- ``meta``: refresh the generated block (md5, bytes, rows) of every ``*.meta.yml``;
- ``docs``: print or rewrite the generated column dictionary (``docs/columns.md``);
- ``publish``: static embeds, chart images and press kits into ``static/embed/`` (once per data version).

Each handler only parses arguments, calls the library and prints; exit codes are
documented per command and never come with a traceback for bad input.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from district_stats import paths

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_DECLINED = 0, 1, 2, 3


# --- build ---------------------------------------------------------------------------------
def _build_args(ap: argparse.ArgumentParser) -> None:
    from district_stats.geo.shapes import DEFAULT_TOLERANCE_M

    ap.add_argument("--data-dir", type=Path, default=paths.DATA_DIR)
    ap.add_argument("--static-dir", type=Path, default=paths.STATIC_GEO_DIR)
    ap.add_argument("--no-static", action="store_true", help="do not write the static/ web mirror")
    ap.add_argument("--tolerance", type=float, default=DEFAULT_TOLERANCE_M, help="metres (default 200)")


def _build(args: argparse.Namespace) -> int:
    from district_stats.ops.build import build

    try:
        rep = build(args.data_dir, None if args.no_static else args.static_dir, args.tolerance)
    except (ValueError, RuntimeError, OSError) as exc:
        print(f"build non riuscita:\n{exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"comuni: {rep.n_comuni}; distretti mappati: {rep.n_districts_mapped}; comuni nei distretti: "
          f"{rep.n_comuni_in_districts}; residenti nei distretti: {rep.population_in_districts}")
    print(f"scarto d'area dopo la semplificazione: {rep.area_drift:.4%}; comuni.geojson: {rep.region_bytes} byte")
    print(f"file scritti: {len(rep.outputs)}, {sum(rep.outputs.values())} byte in tutto")
    return EXIT_OK


# --- validate ------------------------------------------------------------------------------
def _validate_args(ap: argparse.ArgumentParser) -> None:
    from district_stats.data import schema

    ap.add_argument("path", help="file CSV o XLSX da controllare")
    ap.add_argument("--table", choices=[s.name for s in schema.CURATED],
                    help="tabella (altrimenti dedotta dal nome o dalle colonne)")
    ap.add_argument("--lang", choices=("it", "en"), default="it")


def _validate(args: argparse.Namespace) -> int:
    from district_stats.data.candidate import Check, check_candidate
    from district_stats.data.problems import problem
    from district_stats.data.reader import MAX_BYTES, mb_text

    path = Path(args.path)
    if not path.is_file():
        print(f"file non trovato: {path}", file=sys.stderr)
        return EXIT_USAGE
    try:
        size = path.stat().st_size
        # A huge file is refused by its size alone, without reading it into memory.
        data = path.read_bytes() if size <= MAX_BYTES else b""
    except OSError as exc:
        print(f"impossibile leggere {path}: {exc.strerror}", file=sys.stderr)
        return EXIT_USAGE
    if size > MAX_BYTES:
        chk = Check(None, None, None, [problem("file_too_large", path.name, size_mb=mb_text(size),
                                               limit_mb=mb_text(MAX_BYTES))])
    else:
        chk = check_candidate(data, path.name, args.table)
    if chk.ok:
        n = len(chk.raw.rows) if chk.raw else 0
        print(f"{path.name}: valido per la tabella {chk.spec.name} ({n} righe)")  # type: ignore[union-attr]
        return EXIT_OK
    table = f" (tabella {chk.spec.name})" if chk.spec else ""
    print(f"{path.name}{table}: {len(chk.problems)} problemi", file=sys.stderr)
    for p in chk.problems:
        print("  - " + p.message(args.lang), file=sys.stderr)
    return EXIT_FAILED


# --- update --------------------------------------------------------------------------------
def _update_args(ap: argparse.ArgumentParser) -> None:
    from district_stats.data import schema

    ap.add_argument("table", choices=[s.name for s in schema.CURATED])
    ap.add_argument("file", nargs="?", help="file CSV o XLSX candidato")
    ap.add_argument("--yes", action="store_true", help="applica senza chiedere conferma")
    ap.add_argument("--dry-run", action="store_true", help="solo controllo e anteprima")
    ap.add_argument("--restore", metavar="VERSIONE", help="ripristina una versione salvata in data/.versions/")
    ap.add_argument("--list-versions", action="store_true", help="elenca le versioni salvate")


def _update(args: argparse.Namespace) -> int:
    from district_stats.data.problems import problem
    from district_stats.data.reader import MAX_BYTES, mb_text
    from district_stats.ops import update

    data_dir = paths.DATA_DIR
    try:
        if args.list_versions:
            for v in update.versions_of(args.table, data_dir):
                print(v.name)
            return EXIT_OK
        if args.restore:
            version = data_dir / ".versions" / Path(args.restore).name
            if not version.is_file():
                print(f"versione non trovata: {version.name}", file=sys.stderr)
                return EXIT_USAGE
            plan = update.restore(args.table, version, data_dir)
            print(update.preview_text(plan), file=sys.stdout if plan.ok else sys.stderr)
            if plan.ok:
                _refresh_images(data_dir)
            return EXIT_OK if plan.ok else EXIT_FAILED
    except (RuntimeError, OSError) as exc:
        print(f"ripristino non riuscito, dati invariati: {exc}", file=sys.stderr)
        return EXIT_FAILED
    if not args.file:
        print("manca il file da caricare", file=sys.stderr)
        return EXIT_USAGE
    path = Path(args.file)
    if not path.is_file():
        print(f"file non trovato: {path}", file=sys.stderr)
        return EXIT_USAGE
    size = path.stat().st_size
    if size > MAX_BYTES:
        print(problem("file_too_large", path.name, size_mb=mb_text(size), limit_mb=mb_text(MAX_BYTES)).message(),
              file=sys.stderr)
        return EXIT_FAILED
    plan = update.plan_update(args.table, path.read_bytes(), path.name, data_dir)
    print(update.preview_text(plan), file=sys.stdout if plan.ok else sys.stderr)
    if not plan.ok:
        return EXIT_FAILED
    if args.dry_run:
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            print("non applicato: confermare con --yes", file=sys.stderr)
            return EXIT_DECLINED
        if input("Applicare l'aggiornamento? [s/N] ").strip().lower() not in ("s", "si", "sì", "y", "yes"):
            print("non applicato")
            return EXIT_DECLINED
    try:
        backup = update.apply_update(plan, data_dir)
    except (RuntimeError, OSError) as exc:
        print(f"aggiornamento non riuscito, dati invariati: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"applicato; versione precedente salvata in data/.versions/{backup.name}")
    _refresh_images(data_dir)
    return EXIT_OK


def _refresh_images(data_dir: Path) -> None:
    """After an apply: rebuild the published images for the new data (the data stay applied if it fails)."""
    from district_stats.ops import artefacts

    if artefacts.default_root(data_dir) is None:
        return
    print("rigenerazione delle immagini pubblicate (grafici statici, download, presentazione)…", flush=True)
    why = artefacts.refresh(data_dir, progress=lambda msg: print("  " + msg, flush=True))
    if why:
        print(f"immagini non rigenerate ({why}): i dati sono aggiornati e le pagine disegnano i grafici dal vivo; "
              f"per rigenerarle: {artefacts.REBUILD_COMMAND}", file=sys.stderr)


# --- snapshot ------------------------------------------------------------------------------
def _snapshot_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("out_dir", type=Path, help="cartella della presentazione (nuova, vuota o una presentazione precedente)")
    ap.add_argument("--lang", choices=["it", "en"], default="it")


def _snapshot(args: argparse.Namespace) -> int:
    from district_stats.ops import snapshot

    try:
        screens = snapshot.write_deck(args.out_dir, args.lang, progress=lambda msg: print(msg, flush=True))
    except snapshot.FolderError as exc:
        print(f"snapshot non scritto: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (RuntimeError, OSError) as exc:
        print(f"snapshot non scritto, nessun file creato: {exc}", file=sys.stderr)
        return EXIT_FAILED
    n_images = sum(1 for p in args.out_dir.glob("*.png"))
    print(f"{len(screens)} schermate ({n_images} immagini, {len(screens)} tabelle), indice.csv e deck.html in {args.out_dir}")
    return EXIT_OK


# --- meta ----------------------------------------------------------------------------------
def _meta(args: argparse.Namespace) -> int:
    from district_stats.data import schema
    from district_stats.data.provenance import write_generated_meta

    specs = schema.CURATED + schema.DERIVED
    for spec in specs:
        write_generated_meta(spec, paths.DATA_DIR)
    print(f"aggiornati {len(specs)} file .meta.yml")
    return EXIT_OK


# --- docs ----------------------------------------------------------------------------------
def _docs_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--write", type=Path, metavar="FILE", help="replace the generated block of FILE")


def _docs(args: argparse.Namespace) -> int:
    from district_stats.ops import docs

    if args.write:
        args.write.write_text(docs.replace_block(args.write.read_text(encoding="utf-8")), encoding="utf-8")
        print(f"aggiornato {args.write}")
    else:
        print(docs.column_dictionary())
    return EXIT_OK


# --- package -------------------------------------------------------------------------------
def _package_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--zip", type=Path, metavar="FILE", help="scrive anche il pacchetto con i dati in FILE (.zip)")
    ap.add_argument("--data-dir", type=Path, default=paths.DATA_DIR, help="cartella dei dati (predefinita: data)")


def _package(args: argparse.Namespace) -> int:
    from district_stats.data import package

    try:
        print(f"aggiornato {package.write_package(args.data_dir)}")
        if args.zip:
            args.zip.write_bytes(package.package_zip(args.data_dir))
            print(f"scritto {args.zip}")
    except OSError as exc:
        print(f"pacchetto non scritto: {exc}", file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


# --- publish -------------------------------------------------------------------------------
def _publish_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--out", type=Path, default=paths.ROOT / "static",
                    help="cartella che riceve embed/ (predefinita: static)")
    ap.add_argument("--lang", choices=("it", "en", "all"), default="all", help="lingua (predefinita: tutte)")
    ap.add_argument("--data-dir", type=Path, default=paths.DATA_DIR, help="cartella dei dati (predefinita: data)")


def _publish(args: argparse.Namespace) -> int:
    from district_stats.ops.publish import LANGS, publish

    langs = LANGS if args.lang == "all" else (args.lang,)
    try:
        rep = publish(args.out, langs, args.data_dir, progress=lambda msg: print(msg, flush=True))
    except (ValueError, RuntimeError, OSError) as exc:
        print(f"pubblicazione non riuscita, file precedenti invariati: {exc}", file=sys.stderr)
        return EXIT_FAILED
    for page, size in sorted(rep.page_bytes.items()):
        narrow, wide = rep.svg_bytes[page]
        print(f"  {page}: {size / 1024:.0f} KB (grafico per telefono {narrow / 1024:.0f} KB, largo {wide / 1024:.0f} KB)")
    print(f"pubblicati {len(rep.page_bytes)} grafici: {rep.n_files} file, {rep.total_bytes / 1024:.0f} KB in {rep.embed_dir}")
    return EXIT_OK


Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None] | None, Handler]] = {
    "build": ("data/ -> data/derived/: geometria semplificata, tabelle unite, lock (0 ok, 1 errore)",
              _build_args, _build),
    "validate": ("controlla un file CSV/XLSX candidato (0 valido, 1 non valido, 2 uso errato)",
                 _validate_args, _validate),
    "update": ("sostituisce una tabella con un file ufficiale (0 applicato, 1 non valido, 2 uso errato, "
               "3 non confermato)", _update_args, _update),
    "snapshot": ("presentazione di riserva: immagini, tabelle e deck.html (0 scritto, 1 errore)",
                 _snapshot_args, _snapshot),
    "meta": ("aggiorna il blocco generato (md5, byte, righe) di ogni *.meta.yml", None, _meta),
    "docs": ("stampa o riscrive il dizionario delle colonne generato dallo schema", _docs_args, _docs),
    "package": ("scrive data/datapackage.json (Frictionless Data Package) dallo schema; --zip FILE anche il "
                "pacchetto con i dati (0 scritto, 1 errore)", _package_args, _package),
    "publish": ("grafici statici da incorporare, immagini e kit per la stampa in static/embed/, una volta per "
                "versione dei dati (0 scritto, 1 errore)", _publish_args, _publish),
}


def parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per entry of :data:`COMMANDS`."""
    ap = argparse.ArgumentParser(prog="python -m district_stats",
                                 description="Distretti del Commercio: comandi per dati, geometria e presentazione.")
    sub = ap.add_subparsers(dest="command", metavar="COMANDO", required=True)
    for name, (help_text, add_args, _handler) in COMMANDS.items():
        sp = sub.add_parser(name, help=help_text, description=help_text)
        if add_args is not None:
            add_args(sp)
    return ap


def main(argv: list[str] | None = None) -> int:
    """Run one command; returns its exit status (2 for a usage error, never a traceback for bad input)."""
    try:
        args = parser().parse_args(argv)
    except SystemExit as exc:  # argparse printed the usage or the help
        return EXIT_USAGE if exc.code else EXIT_OK
    repair(getattr(args, "data_dir", None) or paths.DATA_DIR)
    return COMMANDS[args.command][2](args)


def repair(data_dir: Path) -> None:
    """Before any command: complete or undo an update that was interrupted in ``data_dir``, and say so."""
    from district_stats.ops.journal import recover_now

    found = recover_now(data_dir)
    if found is not None:
        print(found.message("it"), file=sys.stderr)

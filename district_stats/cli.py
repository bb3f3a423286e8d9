"""One command line: ``python -m district_stats <command>``.

Commands (``--help`` on each for its options):

- ``build``: data/ -> data/derived/ (simplified geometry, joined tables, lock file);
- ``validate``: check a candidate CSV/XLSX for a table, in Italian, with row and column (without a
  file: the whole data folder, damaged side files included);
- ``update``: replace a table with an official file, or restore a saved version (preview, confirm, apply);
- ``snapshot``: the fallback deck for the round table (images, tables, deck.html), from the published images;
- ``meta``: refresh the generated block (md5, bytes, rows) of every ``*.meta.yml`` (``--rebuild``:
  rebuild damaged ones from their table);
- ``token``: print a strong code for ``DC_UPDATE_TOKEN``;
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

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_DECLINED, EXIT_STALE = 0, 1, 2, 3, 4


# --- build ---------------------------------------------------------------------------------
def _build_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--data-dir", type=Path, default=paths.DATA_DIR)
    ap.add_argument("--static-dir", type=Path, default=paths.STATIC_GEO_DIR)
    ap.add_argument("--no-static", action="store_true", help="do not write the static/ web mirror")
    # No default here: the geometry package (geopandas, half a second) is imported by the build only, not by
    # every command's argument parser.
    ap.add_argument("--tolerance", type=float, default=None, help="metres (default 200)")


def _build(args: argparse.Namespace) -> int:
    from district_stats.geo.shapes import DEFAULT_TOLERANCE_M
    from district_stats.ops.build import build

    tolerance = DEFAULT_TOLERANCE_M if args.tolerance is None else args.tolerance
    try:
        rep = build(args.data_dir, None if args.no_static else args.static_dir, tolerance)
    except (ValueError, RuntimeError, OSError) as exc:
        print(f"build non riuscita:\n{exc}", file=sys.stderr)
        return EXIT_FAILED
    print(
        f"comuni: {rep.n_comuni}; distretti mappati: {rep.n_districts_mapped}; comuni nei distretti: "
        f"{rep.n_comuni_in_districts}; residenti nei distretti: {rep.population_in_districts}"
    )
    print(f"scarto d'area dopo la semplificazione: {rep.area_drift:.4%}; comuni.geojson: {rep.region_bytes} byte")
    print(f"file scritti: {len(rep.outputs)}, {sum(rep.outputs.values())} byte in tutto")
    return EXIT_OK


# --- validate, update, meta, token (district_stats.ops.update_cli, imported when used) ------------
def _data_command(name: str) -> Handler:
    def run(args: argparse.Namespace) -> int:
        from district_stats.ops import update_cli

        return getattr(update_cli, name)(args)

    return run


def _data_args(name: str) -> Callable[[argparse.ArgumentParser], None]:
    def add(ap: argparse.ArgumentParser) -> None:
        from district_stats.ops import update_cli

        getattr(update_cli, name)(ap)

    return add


# --- snapshot ------------------------------------------------------------------------------
def _snapshot_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument(
        "out_dir", type=Path, help="cartella della presentazione (nuova, vuota o una presentazione precedente)"
    )
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
    print(
        f"{len(screens)} schermate ({n_images} immagini, {len(screens)} tabelle), indice.csv e deck.html in {args.out_dir}"
    )
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
    ap.add_argument(
        "--out", type=Path, default=paths.ROOT / "static", help="cartella che riceve embed/ (predefinita: static)"
    )
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
        print(
            f"  {page}: {size / 1024:.0f} KB (grafico per telefono {narrow / 1024:.0f} KB, largo {wide / 1024:.0f} KB)"
        )
    print(
        f"pubblicati {len(rep.page_bytes)} grafici: {rep.n_files} file, {rep.total_bytes / 1024:.0f} KB in {rep.embed_dir}"
    )
    return EXIT_OK


# --- room-files ----------------------------------------------------------------------------
def _room_args(ap: argparse.ArgumentParser) -> None:
    ap.add_argument("--port", type=int, default=8502, help="porta dei file della sala (predefinita: 8502)")
    ap.add_argument("--address", default="0.0.0.0", help="indirizzo di ascolto (predefinito: tutte le reti)")
    ap.add_argument(
        "--dashboard-port",
        type=int,
        default=8501,
        help="porta del dashboard, per il link «versione interattiva» (predefinita: 8501)",
    )


def _room_files(args: argparse.Namespace) -> int:
    from district_stats.ops.room_files import make_server

    try:
        server = make_server(args.address, args.port, args.dashboard_port)
    except OSError as exc:
        print(f"file della sala non avviati (porta {args.port}): {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"file della sala (pagine per telefono) sulla porta {args.port}", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return EXIT_OK


Handler = Callable[[argparse.Namespace], int]
COMMANDS: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None] | None, Handler]] = {
    "build": (
        "data/ -> data/derived/: geometria semplificata, tabelle unite, lock (0 ok, 1 errore)",
        _build_args,
        _build,
    ),
    "validate": (
        "controlla un file CSV/XLSX candidato, o senza file tutta la cartella dei dati (0 valido, "
        "1 non valido, 2 uso errato)",
        _data_args("validate_args"),
        _data_command("validate"),
    ),
    "update": (
        "sostituisce una tabella con un file ufficiale o ripristina una versione salvata (0 applicato, "
        "1 non valido, 2 uso errato, 3 non confermato, 4 tabella cambiata dopo l'anteprima)",
        _data_args("update_args"),
        _data_command("update_cmd"),
    ),
    "snapshot": (
        "presentazione di riserva: immagini, tabelle e deck.html (0 scritto, 1 errore)",
        _snapshot_args,
        _snapshot,
    ),
    "meta": (
        "aggiorna il blocco generato (md5, byte, righe) di ogni *.meta.yml; --rebuild ricostruisce dalla "
        "tabella quelli danneggiati",
        _data_args("meta_args"),
        _data_command("meta"),
    ),
    "token": ("stampa un codice robusto per DC_UPDATE_TOKEN", None, _data_command("token")),
    "docs": ("stampa o riscrive il dizionario delle colonne generato dallo schema", _docs_args, _docs),
    "package": (
        "scrive data/datapackage.json (Frictionless Data Package) dallo schema; --zip FILE anche il "
        "pacchetto con i dati (0 scritto, 1 errore)",
        _package_args,
        _package,
    ),
    "publish": (
        "grafici statici da incorporare, immagini e kit per la stampa in static/embed/, una volta per "
        "versione dei dati (0 scritto, 1 errore)",
        _publish_args,
        _publish,
    ),
    "room-files": (
        "serve le pagine per telefono della sala (static/embed) da un processo a sé, accanto al "
        "dashboard (start.sh, start.ps1); il codice QR le indica con DC_ROOM_PORT",
        _room_args,
        _room_files,
    ),
}


def parser() -> argparse.ArgumentParser:
    """The argument parser with one sub-command per entry of :data:`COMMANDS`."""
    ap = argparse.ArgumentParser(
        prog="python -m district_stats",
        description="Distretti del Commercio: comandi per dati, geometria e presentazione.",
    )
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
    from district_stats.ops.update_cli import repair as run

    run(data_dir)

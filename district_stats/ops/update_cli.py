"""The data commands of the command line: ``validate``, ``update``, ``meta`` and ``token``.

Each handler parses nothing itself (``district_stats.cli`` owns the parser), calls the library,
prints in Italian and returns an exit status; bad input never gives a traceback.

Exit status of ``update``: 0 applied (or nothing to do, or valid with ``--dry-run``), 1 invalid or
failed, 2 usage error, 3 not confirmed, 4 refused because the table changed after the preview
(someone else applied an update in between: run the command again to see the new preview).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from district_stats import paths
from district_stats.content.text.i18n import t
from district_stats.data import provenance, schema
from district_stats.data.candidate import Check, check_candidate
from district_stats.data.files import meta_path, table_path
from district_stats.data.loading import load_dataset
from district_stats.data.problems import problem
from district_stats.data.reader import MAX_BYTES, mb_text
from district_stats.ops import access, act_update, artefacts, health, journal, recovery, update, versions

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_DECLINED, EXIT_STALE = 0, 1, 2, 3, 4


def _err(text: str) -> None:
    print(text, file=sys.stderr)


def repair(data_dir: Path) -> None:
    """Before any command: complete or undo an update that was interrupted in ``data_dir``, and say so."""
    found = recovery.recover_now(data_dir)
    if found is not None:
        _err(found.message("it"))


# --- validate ------------------------------------------------------------------------------
def validate_args(ap: argparse.ArgumentParser) -> None:
    """The options of ``validate``."""
    ap.add_argument("path", nargs="?", help="file CSV o XLSX da controllare (senza: tutta la cartella dei dati)")
    ap.add_argument(
        "--table",
        choices=[s.name for s in schema.CURATED],
        help="tabella (altrimenti dedotta dal nome o dalle colonne)",
    )
    ap.add_argument("--lang", choices=("it", "en"), default="it")


def validate(args: argparse.Namespace) -> int:
    """A candidate file against its table and the current data; without a file, the whole data folder."""
    damaged = health.damaged_files(paths.DATA_DIR)
    for d in damaged:
        _err("attenzione: " + d.message(args.lang) if args.path else "  - " + d.message(args.lang))
    if not args.path:
        ds = load_dataset(paths.DATA_DIR)
        probs = [p for ps in ds.problems.values() for p in ps]
        for p in probs:
            _err("  - " + p.message(args.lang))
        if probs or damaged:
            _err(f"cartella dei dati: {len(probs)} problemi nelle tabelle, {len(damaged)} file da sistemare")
            return EXIT_FAILED
        print("cartella dei dati: tabelle valide, nessun file da sistemare")
        return EXIT_OK
    path = Path(args.path)
    if not path.is_file():
        _err(f"file non trovato: {path}")
        return EXIT_USAGE
    try:
        size = path.stat().st_size
        data = path.read_bytes() if size <= MAX_BYTES else b""  # a huge file is refused by its size alone
    except OSError as exc:
        _err(f"impossibile leggere {path}: {exc.strerror}")
        return EXIT_USAGE
    if size > MAX_BYTES:
        chk = Check(
            None, None, None, [problem("file_too_large", path.name, size_mb=mb_text(size), limit_mb=mb_text(MAX_BYTES))]
        )
    else:
        chk = check_candidate(data, path.name, args.table)
    if chk.ok:
        n = len(chk.raw.rows) if chk.raw else 0
        print(f"{path.name}: valido per la tabella {chk.spec.name} ({n} righe)")  # type: ignore[union-attr]
        return EXIT_OK
    table = f" (tabella {chk.spec.name})" if chk.spec else ""
    _err(f"{path.name}{table}: {len(chk.problems)} problemi")
    for p in chk.problems:
        _err("  - " + p.message(args.lang))
    return EXIT_FAILED


# --- update --------------------------------------------------------------------------------
def update_args(ap: argparse.ArgumentParser) -> None:
    """The options of ``update``."""
    ap.add_argument("table", choices=[s.name for s in schema.CURATED])
    ap.add_argument(
        "file", nargs="?", help="file CSV o XLSX candidato, oppure il PDF di un atto (district_members, grants)"
    )
    ap.add_argument("--yes", action="store_true", help="applica senza chiedere conferma")
    ap.add_argument("--dry-run", action="store_true", help="solo controllo e anteprima")
    ap.add_argument(
        "--restore",
        metavar="VERSIONE",
        help="ripristina una versione salvata in data/.versions/ (prima mostra cosa cambierebbe)",
    )
    ap.add_argument("--list-versions", action="store_true", help="elenca le versioni salvate")
    act = ap.add_argument_group("atto in PDF")
    act.add_argument(
        "--fonte",
        metavar="URL",
        help="indirizzo pubblico dell'atto (http o https): obbligatorio per un PDF, diventa la fonte delle righe nuove",
    )
    act.add_argument(
        "--bando",
        metavar="LINEA",
        help="graduatoria: la linea di finanziamento (es. L08); senza, è cercata dal numero dell'atto",
    )
    act.add_argument("--data", metavar="AAAA-MM-GG", help="data dell'atto, se non è stampata nel PDF")
    act.add_argument(
        "--corrispondenze",
        metavar="FILE",
        help="file «nome;codice» per i nomi dell'atto da risolvere "
        "(codice ISTAT, distretto D000 o «-» per lasciarlo fuori)",
    )
    act.add_argument(
        "--togli-mancanti",
        action="store_true",
        help="toglie i comuni dei distretti dell'atto che l'atto non elenca (senza: restano)",
    )


def update_cmd(args: argparse.Namespace) -> int:
    """Update a table from a file, list its saved versions or restore one (same preview, same apply)."""
    data_dir = paths.DATA_DIR
    if args.list_versions:
        return _list_versions(args.table, data_dir)
    if args.restore:
        return _restore(args, data_dir)
    if not args.file:
        _err("manca il file da caricare")
        return EXIT_USAGE
    path = Path(args.file)
    if not path.is_file():
        _err(f"file non trovato: {path}")
        return EXIT_USAGE
    size = path.stat().st_size
    if size > MAX_BYTES:
        _err(problem("file_too_large", path.name, size_mb=mb_text(size), limit_mb=mb_text(MAX_BYTES)).message())
        return EXIT_FAILED
    data = path.read_bytes()
    if act_update.is_pdf(path.name, data):
        return _act(args, path.name, data, data_dir)
    if _act_options(args):
        _err(f"{', '.join(_act_options(args))}: valgono solo per un atto in PDF")
        return EXIT_USAGE
    plan = update.plan_update(args.table, data, path.name, data_dir)
    return _preview_and_apply(plan, args, data_dir)


def _list_versions(table: str, data_dir: Path) -> int:
    try:
        found = versions.infos(table, data_dir)
    except versions.VersionsError as exc:
        _err(str(exc))
        return EXIT_FAILED
    for info in found:
        print(f"{info.name}\n    {versions.label(info)}")
    if not found:
        print("nessuna versione salvata")
    return EXIT_OK


def _act_options(args: argparse.Namespace) -> list[str]:
    given = {
        "--fonte": args.fonte,
        "--bando": args.bando,
        "--data": args.data,
        "--corrispondenze": args.corrispondenze,
        "--togli-mancanti": args.togli_mancanti,
    }
    return [k for k, v in given.items() if v]


def _act(args: argparse.Namespace, name: str, data: bytes, data_dir: Path) -> int:
    """An act's PDF: checked options, the reading (names to resolve printed with their suggestions), then the
    same preview and apply as a CSV."""
    if args.table not in act_update.ACT_TABLES:
        _err(
            f"un atto in PDF aggiorna solo {' o '.join(act_update.ACT_TABLES)}: per {args.table} caricare un CSV o XLSX"
        )
        return EXIT_USAGE
    if not args.fonte or not act_update.url_ok(args.fonte):
        _err(
            "per un atto in PDF serve --fonte URL: l'indirizzo pubblico dell'atto (http:// o https://, senza spazi "
            "né «;»), che diventa la fonte delle righe nuove" + (f"; ricevuto: {args.fonte!r}" if args.fonte else "")
        )
        return EXIT_USAGE
    options: dict = {"call": args.bando, "remove_missing": args.togli_mancanti}
    if args.data:
        try:
            options["act_date"] = dt.date.fromisoformat(args.data)
        except ValueError:
            _err(f"--data {args.data!r}: indicare la data dell'atto come AAAA-MM-GG (es. 2025-12-18)")
            return EXIT_USAGE
    if args.corrispondenze:
        mapping = Path(args.corrispondenze)
        if not mapping.is_file():
            _err(f"file delle corrispondenze non trovato: {mapping}")
            return EXIT_USAGE
        options["mapping"] = mapping
    wrong = (
        "--bando"
        if args.table != "grants" and args.bando
        else ("--togli-mancanti" if args.table == "grants" and args.togli_mancanti else "")
    )
    if wrong:
        _err(
            f"{wrong} vale solo per "
            + ("una graduatoria (grants)" if wrong == "--bando" else "un elenco dei comuni (district_members)")
        )
        return EXIT_USAGE
    plan = update.plan_act(args.table, data, name, args.fonte.strip(), data_dir, **options)
    return _preview_and_apply(plan, args, data_dir)


def _restore(args: argparse.Namespace, data_dir: Path) -> int:
    name = args.restore
    if Path(name).name != name or name in (".", ".."):
        _err(f"indicare solo il nome di una versione salvata (vedi --list-versions), non un percorso: {name}")
        return EXIT_USAGE
    try:
        plan = update.plan_restore(args.table, name, data_dir)
    except versions.VersionsError as exc:
        _err(str(exc))
        folder = data_dir / versions.FOLDER
        return EXIT_FAILED if folder.is_symlink() or (folder / name).is_symlink() else EXIT_USAGE
    return _preview_and_apply(plan, args, data_dir)


def _preview_and_apply(plan: update.Plan, args: argparse.Namespace, data_dir: Path) -> int:
    print(update.preview_text(plan), file=sys.stdout if plan.ok else sys.stderr)
    if not plan.ok:
        return EXIT_FAILED
    if not plan.has_changes:
        print("nulla da applicare: la tabella è già uguale" + (" a questa versione" if plan.restore_of else " al file"))
        return EXIT_OK
    if args.dry_run:
        return EXIT_OK
    if not args.yes:
        if not sys.stdin.isatty():
            _err("non applicato: confermare con --yes")
            return EXIT_DECLINED
        if input("Applicare? [s/N] ").strip().lower() not in ("s", "si", "sì", "y", "yes"):
            print("non applicato")
            return EXIT_DECLINED
    try:
        backup = update.apply_update(plan, data_dir)
    except update.StaleError as exc:
        _err(f"{exc}: non applicato, dati invariati (il comando rifà l'anteprima sui dati di adesso)")
        return EXIT_STALE
    except (RuntimeError, OSError) as exc:
        _err(f"aggiornamento non riuscito, dati invariati: {exc}")
        return EXIT_FAILED
    what = "ripristinata" if plan.restore_of else "applicato"
    print(f"{what} ({plan.change_id}); versione precedente salvata in {data_dir.name}/{versions.FOLDER}/{backup.name}")
    if plan.also:
        print(
            f"nello stesso passo: registro delle fonti aggiornato ({', '.join(plan.also)}; anche la sua versione "
            "precedente è salvata)"
        )
    _refresh_images(data_dir)
    return EXIT_OK


def _refresh_images(data_dir: Path) -> None:
    """After an apply: rebuild the published images for the new data (the data stay applied if it fails)."""
    if artefacts.default_root(data_dir) is None:
        return
    print("rigenerazione delle immagini pubblicate (grafici statici, download, presentazione)…", flush=True)
    from district_stats.ops import publish  # plotly and the renderer: only after an apply

    why = publish.refresh(data_dir, progress=lambda msg: print("  " + msg, flush=True))
    if why:
        _err(
            f"immagini non rigenerate ({why}): i dati sono aggiornati e le pagine disegnano i grafici dal vivo; "
            f"per rigenerarle: {artefacts.REBUILD_COMMAND}"
        )


# --- meta ----------------------------------------------------------------------------------
def meta_args(ap: argparse.ArgumentParser) -> None:
    """The options of ``meta``."""
    ap.add_argument(
        "--rebuild", action="store_true", help="ricostruisce dalla tabella i file .meta.yml mancanti o danneggiati"
    )


def meta(args: argparse.Namespace) -> int:
    """Refresh the generated block of every sidecar; with ``--rebuild`` also rebuild damaged ones (all or none)."""
    data_dir = paths.DATA_DIR
    specs = schema.CURATED + schema.DERIVED
    bad = {d.file for d in health.sidecar_damages(data_dir) if d.why != "missing"}  # a missing one is simply written
    changes, rebuilt = [], []
    for spec in specs:
        rel = meta_path(spec, Path("")).as_posix()
        if rel in bad and not args.rebuild:
            why = t(f"file_why_{provenance.meta_problem(spec, data_dir)}")
            _err(f"{rel}: {why}, lasciato com'è (per ricostruirlo: python -m district_stats meta --rebuild)")
            continue
        try:
            content = table_path(spec, data_dir).read_bytes()
        except OSError as exc:
            _err(f"{spec.filename}: tabella illeggibile ({exc.strerror}), {rel} non aggiornato")
            continue
        changes.append(journal.Change("data", rel, provenance.generated_meta(spec, data_dir, content)))
        rebuilt += [rel] if rel in bad else []
    try:
        with journal.locked(data_dir):
            recovery.recover(data_dir)
            journal.commit(changes, data_dir, {"data": data_dir}, "file di provenienza (.meta.yml)")
    except (RuntimeError, OSError) as exc:
        _err(f"file .meta.yml non scritti, nulla è cambiato: {exc}")
        return EXIT_FAILED
    print(
        f"aggiornati {len(changes)} file .meta.yml"
        + (
            f"; ricostruiti dalla tabella: {', '.join(rebuilt)} (reinserire a mano licenza e data di consultazione)"
            if rebuilt
            else ""
        )
    )
    return EXIT_OK if len(changes) == len(specs) else EXIT_FAILED


# --- token ---------------------------------------------------------------------------------
def token(_args: argparse.Namespace) -> int:
    """Print a strong code for DC_UPDATE_TOKEN and how to set it (bash and PowerShell)."""
    code = access.new_token()
    print(code)
    _err(
        "Codice robusto per il modulo di aggiornamento (32 caratteri casuali). Per usarlo:\n"
        f"  bash:        export DC_UPDATE_TOKEN='{code}'\n"
        f"  PowerShell:  $env:DC_UPDATE_TOKEN = '{code}'\n"
        "poi riavviare il cruscotto. Non scriverlo in un indirizzo (URL) né in un documento condiviso."
    )
    return EXIT_OK

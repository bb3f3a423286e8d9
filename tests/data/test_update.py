"""The data-update flow (district_stats.ops.update) against a scratch copy of data/.

The bad-input suite tries every malformed file of the reliability issue as a replacement
for a real table and checks, for each: a clear message (file, row, column where they
apply), no exception, the update refused, and every file of the data folder byte-identical
afterwards. The accepted cases check the preview, the atomic apply, the saved version, the
changelog row and the restore.
"""

from __future__ import annotations

import hashlib
import io
import json
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from district_stats import cli, paths
from district_stats.content.spreadsheets import to_csv_bytes, to_xlsx_bytes
from district_stats.content.text import fmt
from district_stats.data import schema
from district_stats.data.loading import load_dataset
from district_stats.data.reader import MAX_BYTES
from district_stats.ops import journal, update
from tests.scratch import copy_data, snapshot
from tests.updating import next_change_ids

DATA = paths.DEFAULT_DATA_DIR


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A private copy of the bundled data (the committed files are never written)."""
    return copy_data(tmp_path / "data")


def text(table: str) -> str:
    return (DATA / f"{table}.csv").read_text(encoding="utf-8")


def frame(table: str) -> pd.DataFrame:
    return pd.read_csv(DATA / f"{table}.csv", dtype="str", keep_default_na=False)


def csv_of(df: pd.DataFrame, sep: str = ",") -> bytes:
    return df.to_csv(index=False, sep=sep, lineterminator="\n").encode("utf-8")


def edit(table: str, row: int, column: str, value: str) -> bytes:
    df = frame(table)
    df.loc[row, column] = value
    return csv_of(df)


def xlsx_with_formula() -> bytes:
    df = frame("grants")
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(df.columns))
    for row in df.itertuples(index=False):
        ws.append(list(row))
    ws["E3"] = "=E2*2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def hundred_thousand_rows() -> bytes:
    """100,001 short rows (about 5 MB: under the size limit, over the row limit)."""
    head = text("grants").splitlines()[0]
    row = "G{i},D001,L03,2022,{i},allocated,,high,https://a.it,"
    return (head + "\n" + "\n".join(row.format(i=i) for i in range(100_001)) + "\n").encode()


def drop_district_with_members() -> bytes:
    df = frame("districts")
    return csv_of(df[df["district_id"] != "D001"])


# (case id, table, file name, bytes, expected problem codes: at least one must appear)
BAD: list[tuple[str, str, str, Callable[[], bytes], set[str]]] = [
    (
        "latin-1",
        "district_members",
        "m.csv",
        lambda: text("district_members").replace("Torino", "Torinò").encode("latin-1"),
        {"encoding"},
    ),
    ("utf-16 without BOM", "grants", "g.csv", lambda: text("grants").encode("utf-16-le"), {"binary", "encoding"}),
    ("quoted newline in a value", "grants", "g.csv", lambda: edit("grants", 0, "notes", "riga 1\nriga 2"), {"newline"}),
    (
        "missing column",
        "grants",
        "g.csv",
        lambda: csv_of(frame("grants").drop(columns=["amount_eur"])),
        {"missing_column"},
    ),
    ("extra column", "grants", "g.csv", lambda: csv_of(frame("grants").assign(extra="x")), {"extra_column"}),
    (
        "repeated column",
        "grants",
        "g.csv",
        lambda: text("grants").replace("grant_id,district_id", "grant_id,grant_id", 1).encode(),
        {"duplicate_column"},
    ),
    ("duplicate key", "grants", "g.csv", lambda: edit("grants", 1, "grant_id", "G001"), {"duplicate_key"}),
    (
        "unknown ISTAT code",
        "district_members",
        "m.csv",
        lambda: edit("district_members", 0, "istat_code", "099999"),
        {"unknown_istat"},
    ),
    (
        "malformed ISTAT code",
        "district_members",
        "m.csv",
        lambda: edit("district_members", 0, "istat_code", "00127A"),
        {"bad_istat"},
    ),
    (
        "comune name does not match its code",
        "district_members",
        "m.csv",
        lambda: edit("district_members", 0, "comune_name", "Ivrea"),
        {"name_mismatch"},
    ),
    (
        "comune in two districts",
        "district_members",
        "m.csv",
        lambda: edit("district_members", 1, "istat_code", "001272"),
        {"comune_in_two_districts", "name_mismatch"},
    ),
    ("negative amount", "grants", "g.csv", lambda: edit("grants", 2, "amount_eur", "-5"), {"negative"}),
    ("text amount", "grants", "g.csv", lambda: edit("grants", 2, "amount_eur", "dieci"), {"not_number"}),
    (
        "Italian grouping in a comma file",
        "grants",
        "g.csv",
        lambda: edit("grants", 2, "amount_eur", "1.234,56"),
        {"italian_number"},
    ),
    ("empty required value", "grants", "g.csv", lambda: edit("grants", 2, "district_id", ""), {"empty_value"}),
    (
        "unknown district referenced",
        "grants",
        "g.csv",
        lambda: edit("grants", 2, "district_id", "D999"),
        {"unknown_reference"},
    ),
    ("unknown enum value", "grants", "g.csv", lambda: edit("grants", 2, "confidence", "altissima"), {"bad_enum"}),
    ("bad source URL", "grants", "g.csv", lambda: edit("grants", 2, "source_urls", "javascript:alert(1)"), {"bad_url"}),
    (
        "district removed but its members remain",
        "districts",
        "d.csv",
        drop_district_with_members,
        {"unknown_reference"},
    ),
    ("empty file", "grants", "g.csv", lambda: b"", {"file_empty"}),
    ("whitespace only", "grants", "g.csv", lambda: b"  \n\n ", {"file_empty"}),
    ("header only", "grants", "g.csv", lambda: text("grants").splitlines()[0].encode() + b"\n", {"header_only"}),
    ("100k rows", "grants", "g.csv", hundred_thousand_rows, {"too_many_rows"}),
    ("binary junk", "grants", "g.csv", lambda: bytes(range(256)) * 64, {"binary"}),
    ("PNG renamed .csv", "grants", "g.csv", lambda: b"\x89PNG\r\n\x1a\n" + bytes(2000), {"binary"}),
    (
        "unclosed quote",
        "grants",
        "g.csv",
        lambda: text("grants").replace(",L03,", ',"L03,', 1).encode(),
        {"malformed", "ragged_row", "missing_column", "newline"},
    ),
    ("no separator", "grants", "g.csv", lambda: b"una sola colonna\nvalore\n", {"separator"}),
    ("XLSX with a formula", "grants", "g.xlsx", xlsx_with_formula, {"formula"}),
    ("corrupt XLSX", "grants", "g.xlsx", lambda: b"PK\x03\x04" + bytes(500), {"bad_xlsx"}),
    ("unknown format", "grants", "g.json", lambda: b'{"a": 1}', {"unknown_format"}),
    ("wrong table's file", "grants", "d.csv", lambda: text("districts").encode(), {"missing_column", "extra_column"}),
]


@pytest.mark.parametrize("case,table,name,make,codes", BAD, ids=[b[0] for b in BAD])
@pytest.mark.slow  # an update applied to a scratch copy of data/ (~2 s a case)
def test_bad_file_is_refused_with_a_message_and_data_unchanged(scratch, case, table, name, make, codes):
    before = snapshot(scratch)
    plan = update.plan_update(table, make(), name, scratch)
    assert not plan.ok
    found = {p.code for p in plan.problems}
    assert found & codes, (case, found)
    files = {name} | {f"{t}.csv" for t in schema.TABLES}  # a broken reference names the other file
    for p in plan.problems:
        msg = p.message("it")
        assert any(msg.startswith(f) for f in files) and len(msg) > 20 and "Traceback" not in msg
    with pytest.raises(ValueError):
        update.apply_update(plan, scratch)
    assert snapshot(scratch) == before


def test_row_and_column_are_named(scratch):
    plan = update.plan_update("grants", edit("grants", 2, "amount_eur", "-5"), "g.csv", scratch)
    msg = plan.problems[0].message("it")
    assert "riga 4" in msg and "amount_eur" in msg  # row 4 of the file: header + 3


def test_unknown_table_is_refused(scratch):
    before = snapshot(scratch)
    for table in ("comuni", "nonexistent", "../grants"):
        plan = update.plan_update(table, text("grants").encode(), "g.csv", scratch)
        assert [p.code for p in plan.problems] == ["unknown_table"]
    assert snapshot(scratch) == before


@pytest.mark.parametrize("variant", ["it-csv", "en-csv", "xlsx", "bom-semicolon", "utf16-bom"])
@pytest.mark.slow  # an update applied to a scratch copy of data/ (~2 s a case)
def test_round_trips_of_the_downloads_change_nothing(scratch, variant):
    ds = load_dataset(scratch)
    df = ds["grants"]
    data = {
        "it-csv": lambda: to_csv_bytes(df, "it"),
        "en-csv": lambda: to_csv_bytes(df, "en"),
        "xlsx": lambda: to_xlsx_bytes({"grants": df}),
        "bom-semicolon": lambda: b"\xef\xbb\xbf" + csv_of(frame("grants"), sep=";"),
        "utf16-bom": lambda: text("grants").encode("utf-16"),
    }[variant]()
    plan = update.plan_update("grants", data, "g.xlsx" if variant == "xlsx" else "g.csv", scratch)
    assert plan.ok, [p.message() for p in plan.problems]
    assert not plan.has_changes and plan.n_unchanged == len(df)


def italian(x: str) -> str:
    """'120576.48' -> '120.576,48' (what a spreadsheet set to Italian writes); an empty cell stays empty
    (a 'not_financed' outcome has no amount)."""
    if not x:
        return x
    whole, _, cents = x.partition(".")
    return f"{int(whole):,}".replace(",", ".") + ("," + cents if cents else "")


def test_italian_amounts_in_a_semicolon_file_are_read_as_euro(scratch):
    df = frame("grants")
    df["amount_eur"] = df["amount_eur"].map(italian)
    df.loc[0, "amount_eur"] = "1.234,56"
    plan = update.plan_update("grants", b"\xef\xbb\xbf" + csv_of(df, sep=";"), "g.csv", scratch)
    assert plan.ok, [p.message() for p in plan.problems[:3]]
    assert plan.changed == ["G001"]
    assert plan.frame.loc[plan.frame["grant_id"] == "G001", "amount_eur"].item() == pytest.approx(1234.56)


def test_mixed_number_styles_in_one_column_are_not_guessed(scratch):
    df = frame("grants")
    df.loc[0, "amount_eur"] = "1.234,56"  # the other rows keep decimal points
    plan = update.plan_update("grants", csv_of(df, sep=";"), "g.csv", scratch)
    assert not plan.ok and {p.code for p in plan.problems} == {"ambiguous_number"}


@pytest.mark.slow  # an update applied to a scratch copy of data/ (~2 s a case)
def test_preview_names_every_change_and_shows_the_dashboards_figures(scratch):
    df = frame("grants")
    old = float(df.loc[0, "amount_eur"])
    df.loc[0, "amount_eur"] = str(old + 1000)
    new = df.iloc[[0]].assign(grant_id="G999", amount_eur="12345")
    gone = df.iloc[-1]
    df = pd.concat([df.iloc[:-1], new])  # one changed, one removed (the last), one added
    plan = update.plan_update("grants", csv_of(df), "g.csv", scratch)
    assert plan.ok
    assert plan.added == ["G999"] and plan.changed == ["G001"] and plan.removed == [gone["grant_id"]]
    text_it = update.preview_text(plan, "it")
    assert "importo totale" not in text_it and "G001" not in text_it  # no sum across kinds, no bare keys
    torino = "Distretto del Commercio di Torino · Progetti strategici 2022-24 (L03) · assegnato · 2022"
    assert f"[modificata] {torino} · Importo (€): {fmt.eur(old, 'it', 2)} → {fmt.eur(old + 1000, 'it', 2)}" in text_it
    assert f"[aggiunta] {torino} · Importo (€): – → 12.345,00 €" in text_it
    districts = frame("districts").set_index("district_id")["district_name"]
    assert f"[tolta] {districts[gone['district_id']]} · " in text_it
    assert "Righe aggiunte: 1; tolte: 1; modificate: 1" in text_it
    figures = {f.key: f for f in plan.figures}
    assert figures["line:L03"].changed and not figures["comuni"].changed and not figures["total"].changed
    assert figures["line:L03"].after.value - figures["line:L03"].before.value == pytest.approx(1000 + 12345)
    assert "Investimenti 2020–2027: 30.201.125 € (invariato)" in text_it


@pytest.mark.slow  # an update applied to a scratch copy of data/ (~2 s a case)
def test_apply_writes_atomically_keeps_the_previous_version_and_logs(scratch):
    original = (scratch / "grants.csv").read_bytes()
    plan = update.plan_update("grants", edit("grants", 0, "amount_eur", "300000"), "nuovi.csv", scratch)
    backup = update.apply_update(plan, scratch)
    assert backup.read_bytes() == original and backup.parent == scratch / ".versions"
    ds = load_dataset(scratch)
    assert ds.ok and ds["grants"].loc[ds["grants"]["grant_id"] == "G001", "amount_eur"].item() == 300000
    log = ds["changelog"]
    assert log["tables"].iloc[-1] == "grants" and "nuovi.csv" in log["description_it"].iloc[-1]
    meta = (scratch / "grants.meta.yml").read_text(encoding="utf-8")
    assert hashlib.md5((scratch / "grants.csv").read_bytes()).hexdigest() in meta
    assert not list(scratch.rglob("*.tmp"))  # no temporary file left behind
    # restore puts the exact previous bytes back
    assert update.versions_of("grants", scratch) == [backup]
    assert not (scratch / ".update").exists()
    assert update.restore("grants", backup, scratch).ok
    assert (scratch / "grants.csv").read_bytes() == original


@pytest.mark.slow  # an update applied to a scratch copy of data/ (~2 s a case)
def test_stale_preview_is_not_applied(scratch):
    p1 = update.plan_update("grants", edit("grants", 0, "amount_eur", "1"), "a.csv", scratch)
    p2 = update.plan_update("grants", edit("grants", 0, "amount_eur", "2"), "b.csv", scratch)
    update.apply_update(p1, scratch)
    after_first = snapshot(scratch)
    with pytest.raises(update.StaleError):
        update.apply_update(p2, scratch)
    assert snapshot(scratch) == after_first


@pytest.mark.slow  # an update applied to a scratch copy of data/ (~2 s a case)
def test_concurrent_update_waits_then_reports_busy(scratch):
    from filelock import FileLock

    plan = update.plan_update("grants", edit("grants", 0, "amount_eur", "1"), "a.csv", scratch)
    before = snapshot(scratch)
    with FileLock(scratch / ".update.lock"):  # another writer holds the lock
        with pytest.raises(update.BusyError), journal.locked(scratch, timeout_s=0.3):
            pass
        locked = journal.locked
        try:
            journal.locked = lambda d, timeout_s=0.3: locked(d, timeout_s=0.3)  # type: ignore[assignment]
            with pytest.raises(update.BusyError):
                update.apply_update(plan, scratch)
        finally:
            journal.locked = locked  # type: ignore[assignment]
    assert snapshot(scratch) == before


@pytest.mark.slow  # a full geometry build (~15 s)
def test_members_update_rebuilds_geometry_into_the_scratch_copy(scratch):
    static_before = snapshot(paths.STATIC_GEO_DIR)
    geo_before = load_dataset(scratch)["district_geo"].set_index("district_id")["n_comuni_mapped"]
    df = frame("district_members")
    drop = df[(df["district_id"] == "D041") & (df["role"] == "member")].index[0]
    plan = update.plan_update("district_members", csv_of(df.drop(index=drop)), "m.csv", scratch)
    assert plan.ok, [p.message() for p in plan.problems]
    update.apply_update(plan, scratch)
    geo_after = load_dataset(scratch)["district_geo"].set_index("district_id")["n_comuni_mapped"]
    assert geo_after["D041"] == geo_before["D041"] - 1
    assert snapshot(paths.STATIC_GEO_DIR) == static_before  # the bundled web mirror is untouched
    lock = json.loads((scratch / "derived" / "build.lock.json").read_text(encoding="utf-8"))
    for rel, out in lock["outputs"].items():  # the lock describes the files on disk
        assert hashlib.md5((scratch / rel).read_bytes()).hexdigest() == out["md5"], rel
    assert (
        lock["inputs"]["district_members.csv"]
        == hashlib.md5((scratch / "district_members.csv").read_bytes()).hexdigest()
    )
    assert not (scratch / ".update").exists() and not list(scratch.rglob("*.tmp"))


class TestCli:
    def run(self, scratch: Path, monkeypatch, *args: str) -> int:
        monkeypatch.setattr(paths, "DATA_DIR", scratch)
        return cli.main(["update", *args])

    @pytest.mark.slow  # an update applied to a scratch copy of data/ (~2 s a case)
    def test_dry_run_and_invalid_and_usage(self, scratch, monkeypatch, tmp_path, capsys):
        good, bad = tmp_path / "good.csv", tmp_path / "bad.csv"
        good.write_bytes(edit("grants", 0, "amount_eur", "5"))
        bad.write_bytes(edit("grants", 0, "amount_eur", "-5"))
        before = snapshot(scratch)
        assert self.run(scratch, monkeypatch, "grants", str(good), "--dry-run") == cli.EXIT_OK
        assert self.run(scratch, monkeypatch, "grants", str(bad), "--yes") == cli.EXIT_FAILED
        assert "importo negativo" in capsys.readouterr().err
        assert self.run(scratch, monkeypatch, "grants", str(tmp_path / "missing.csv")) == cli.EXIT_USAGE
        assert self.run(scratch, monkeypatch, "comuni", str(good)) == cli.EXIT_USAGE
        assert self.run(scratch, monkeypatch, "grants", str(good)) == cli.EXIT_DECLINED  # not a terminal
        assert snapshot(scratch) == before
        assert self.run(scratch, monkeypatch, "grants", str(good), "--yes") == cli.EXIT_OK
        assert snapshot(scratch) != before

    def test_file_over_the_limit_is_refused_before_reading(self, scratch, monkeypatch, tmp_path, capsys):
        big = tmp_path / "big.csv"
        with open(big, "wb") as fh:
            fh.truncate(MAX_BYTES + 1)
        before = snapshot(scratch)
        assert self.run(scratch, monkeypatch, "grants", str(big), "--yes") == cli.EXIT_FAILED
        assert "20" in capsys.readouterr().err
        assert snapshot(scratch) == before

    @pytest.mark.slow  # an update applied to a scratch copy of data/ (~2 s a case)
    def test_restore_by_name(self, scratch, monkeypatch, tmp_path, capsys):
        original = (scratch / "grants.csv").read_bytes()
        good = tmp_path / "good.csv"
        good.write_bytes(edit("grants", 0, "amount_eur", "5"))
        ids = next_change_ids(scratch, 2)
        assert self.run(scratch, monkeypatch, "grants", str(good), "--yes") == 0
        version = update.versions_of("grants", scratch)[0]
        assert self.run(scratch, monkeypatch, "grants", "--restore", "../../etc/passwd") == cli.EXIT_USAGE
        assert (
            self.run(scratch, monkeypatch, "grants", "--restore", "grants.20990101T000000000000.csv") == cli.EXIT_USAGE
        )
        capsys.readouterr()
        assert self.run(scratch, monkeypatch, "grants", "--list-versions") == 0
        listed = capsys.readouterr().out
        assert version.name in listed and f"salvata dalla modifica {ids[0]} (good.csv; righe: +0 aggiunte" in listed
        applied = (scratch / "grants.csv").read_bytes()
        # the same preview as an update, and nothing applied without a confirmation
        assert self.run(scratch, monkeypatch, "grants", "--restore", version.name) == cli.EXIT_DECLINED
        assert self.run(scratch, monkeypatch, "grants", "--restore", version.name, "--dry-run") == 0
        shown = capsys.readouterr().out
        assert f"Ripristino di {version.name} nella tabella grants" in shown
        assert "[modificata] Distretto del Commercio di Torino · Progetti strategici 2022-24 (L03)" in shown
        first = pd.read_csv(DATA / "grants.csv", dtype="str")["amount_eur"].iloc[0]
        assert f"Importo (€): 5,00 € → {fmt.eur(float(first), 'it', 2)}" in shown and "importo totale" not in shown
        assert (scratch / "grants.csv").read_bytes() == applied
        assert self.run(scratch, monkeypatch, "grants", "--restore", version.name, "--yes") == 0
        assert f"ripristinata ({ids[1]})" in capsys.readouterr().out
        assert (scratch / "grants.csv").read_bytes() == original
        log = pd.read_csv(scratch / "changelog.csv", dtype="str")
        assert f"ripristino di {version.name}" in log["description_it"].iloc[-1]

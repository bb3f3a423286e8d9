"""An act's PDF through the update flow, on scratch copies of data/: the command line (names to resolve with
their suggestions, a mapping, the preview, usage errors, refusals), the same all-or-nothing apply as a CSV (the
stale refusal, a kill at a checkpoint), the act's address in the changelog, the versions index and the sources
register, and a restore that puts both tables back byte for byte.

The sample acts come from tests/acts_samples.py (made-up lists, stamped as examples, never written to data/).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from district_stats import cli, paths
from district_stats.data.loading import load_dataset
from district_stats.data.reader import MAX_BYTES
from district_stats.data.source_rules import cited_urls
from district_stats.ops import recovery, update
from tests.scratch import copy_data, copy_tree, snapshot
from tests.updating import grants_file, replace_tree

URL = "https://www.regione.piemonte.it/esempio/atto-inventato.pdf"
MAPPING = "nome;codice\nSerralunga Dalba;004218\n"


@pytest.fixture
def scratch(tmp_path: Path, monkeypatch) -> Path:
    dst = copy_data(tmp_path / "data")
    monkeypatch.setattr(paths, "DATA_DIR", dst)
    return dst


def pdf_file(tmp_path: Path, act_pdf, name: str) -> Path:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(act_pdf(name))
    return path


@pytest.mark.slow  # two readings of an act against a scratch copy of data/ (~5 s)
def test_the_command_line_names_what_to_resolve_then_previews_with_a_mapping(scratch, tmp_path, act_pdf, capsys):
    before = snapshot(scratch)
    act = pdf_file(tmp_path, act_pdf, "real_members")
    assert cli.main(["update", "district_members", str(act), "--fonte", URL]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert "«Serralunga Dalba» (p. 1) → Serralunga d'Alba (CN)? (codice 004218, 94%)" in err
    assert "--corrispondenze FILE" in err and "nulla è cambiato" in err
    mapping = tmp_path / "corrispondenze.csv"
    mapping.write_text(MAPPING, encoding="utf-8")
    args = ["update", "district_members", str(act), "--fonte", URL, "--corrispondenze", str(mapping)]
    assert cli.main([*args, "--dry-run"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert f"real_members.pdf → district_members (atto: {URL})" in out
    assert "[aggiunta] Distretto Diffuso del Commercio Alba-Bra · Serralunga d'Alba · Ruolo: – → membro" in out
    assert "[non nell'atto (resta)] Distretto Diffuso del Commercio Alba-Bra · Santo Stefano Belbo" in out
    assert "[modificata] Distretto Diffuso del Commercio Alba-Bra · Alba · Lista: lista attuale → atto ufficiale" in out
    assert f"[aggiunta] Registro delle fonti · {URL}" in out
    assert "Comuni nei distretti: 330 (28,0%) → 340 (28,8%)" in out
    assert "Mappa: Distretto Diffuso del Commercio Alba-Bra: comuni prima 9, dopo 15 (aggiunti 6, tolti 0)" in out
    assert "la lista dei comuni resta «lista comuni parziale» in districts.csv" in out
    assert cli.main(args) == cli.EXIT_DECLINED  # not a terminal, no --yes: nothing applied
    assert snapshot(scratch) == before


def test_usage_errors_of_an_act_are_named_before_anything_is_read(scratch, tmp_path, act_pdf, capsys):
    act, csv = pdf_file(tmp_path, act_pdf, "ruled_members"), tmp_path / "g.csv"
    csv.write_bytes(grants_file(scratch))
    before = snapshot(scratch)
    cases = {
        ("district_members", str(act)): "serve --fonte URL",
        ("district_members", str(act), "--fonte", "javascript:alert(1)"): "serve --fonte URL",
        ("district_members", str(act), "--fonte", "https://a.it/x y.pdf"): "serve --fonte URL",
        ("districts", str(act), "--fonte", URL): "aggiorna solo district_members o grants",
        ("grants", str(csv), "--fonte", URL): "--fonte: valgono solo per un atto in PDF",
        ("district_members", str(act), "--fonte", URL, "--bando", "L08"): "--bando vale solo per una graduatoria",
        ("grants", str(act), "--fonte", URL, "--togli-mancanti"): "--togli-mancanti vale solo per un elenco",
        ("grants", str(act), "--fonte", URL, "--data", "18/12/2025"): "AAAA-MM-GG",
        ("grants", str(act), "--fonte", URL, "--corrispondenze", str(tmp_path / "no.csv")): "non trovato",
    }
    for args, said in cases.items():
        assert cli.main(["update", *args]) == cli.EXIT_USAGE, args
        assert said in capsys.readouterr().err, args
    assert snapshot(scratch) == before


REFUSED = {
    "scanned": "è una scansione",
    "encrypted": "protetto da una password",
    "damaged": "è danneggiato",
    "text_only": "non c'è una tabella",
    "many_pages": "ha 200 pagine, oltre il limite di 100",
    "truncated": "è incompleto",
    "not_a_pdf": "non è un PDF",
}


@pytest.mark.slow  # eight refused files through the command line, the sample PDFs built first (~3 s)
def test_refused_acts_say_what_was_found_and_change_nothing(scratch, tmp_path, act_pdf, capsys):
    before = snapshot(scratch)
    for name, said in REFUSED.items():
        act = pdf_file(tmp_path, act_pdf, name)
        assert cli.main(["update", "district_members", str(act), "--fonte", URL, "--yes"]) == cli.EXIT_FAILED
        err = capsys.readouterr().err
        assert said in err and "non applicato" in err and "Traceback" not in err, name
    big = tmp_path / "grande.pdf"
    big.write_bytes(act_pdf("ruled_members") + b"\0" * (MAX_BYTES + 1 - len(act_pdf("ruled_members"))))
    assert cli.main(["update", "district_members", str(big), "--fonte", URL, "--yes"]) == cli.EXIT_FAILED
    assert "oltre il limite di 20" in capsys.readouterr().err
    assert snapshot(scratch) == before


@pytest.mark.slow  # a graduatoria applied and restored through the command line on a scratch copy (~8 s)
def test_an_act_applied_cites_its_address_everywhere_and_a_restore_puts_both_tables_back(
    scratch, tmp_path, act_pdf, capsys
):
    grants, register = (scratch / "grants.csv").read_bytes(), (scratch / "sources.csv").read_bytes()
    act = pdf_file(tmp_path, act_pdf, "real_graduatoria")
    assert cli.main(["update", "grants", str(act), "--fonte", URL, "--yes"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "[modificata] " in out and "Distretto" in out and "applicato (M" in out
    ds = load_dataset(scratch)
    assert ds.ok, {k: [p.message() for p in v[:2]] for k, v in ds.problems.items()}
    assert set(cited_urls(ds.tables)) == set(ds["sources"]["url"])  # the register holds every cited address
    row = ds["sources"].set_index("url").loc[URL]
    assert (row["publisher"], row["title"], row["source_type"], str(row["published_date"])) == (
        "Regione Piemonte",
        "Determinazione dirigenziale n. 706 del 18/12/2025",
        "atto",
        "2025-12-18",
    )
    log = ds["changelog"].iloc[-1]
    assert (
        log["tables"] == "grants; sources"
        and URL in log["description_it"]
        and "«Determinazione" in log["description_it"]
    )
    index = json.loads((scratch / ".versions" / "index.json").read_text(encoding="utf-8"))["versions"]
    assert {v["table"] for v in index.values()} == {"grants", "sources"}
    assert all(v["act_url"] == URL and v["change_id"] == log["change_id"] for v in index.values())
    version = update.versions_of("grants", scratch)[0].name
    assert cli.main(["update", "grants", "--restore", version, "--yes"]) == cli.EXIT_OK
    assert f"[tolta] Registro delle fonti · {URL}" in capsys.readouterr().out
    assert (scratch / "grants.csv").read_bytes() == grants and (scratch / "sources.csv").read_bytes() == register


def members_plan(folder: Path, act_pdf) -> update.Plan:
    plan = update.plan_act(
        "district_members", act_pdf("real_members"), "atto.pdf", URL, folder, mapping={"Serralunga Dalba": "004218"}
    )
    assert plan.ok and plan.act is not None and plan.also, [p.message() for p in plan.problems]
    return plan


@pytest.mark.slow  # an act planned, another update applied, the act refused (~5 s)
def test_an_act_previewed_before_someone_else_applied_is_refused_and_nothing_is_written(scratch, act_pdf):
    plan = members_plan(scratch, act_pdf)
    other = update.plan_update("grants", grants_file(scratch, "777"), "altro.csv", scratch)
    update.apply_update(other, scratch)
    after_other = snapshot(scratch)
    with pytest.raises(update.StaleError) as refused:
        update.apply_update(plan, scratch, rebuild=False)
    assert refused.value.files == ("grants.csv",)
    assert snapshot(scratch) == after_other


@pytest.mark.slow  # an act applied with a copy of the folder at three checkpoints, each recovered (~8 s)
def test_a_kill_while_an_act_is_applied_is_repaired_to_before_or_after(tmp_path, act_pdf, monkeypatch):
    data = copy_data(tmp_path / "data")
    plan = members_plan(data, act_pdf)
    before = snapshot(data)
    copies: dict[str, Path] = {}

    def copy_at(step: str) -> None:
        if step in ("register", "swap 4/9", "cleanup 2/4"):
            copies[step] = copy_tree(data, tmp_path / "copies" / step.replace("/", "-"))

    monkeypatch.setattr(update, "_checkpoint", copy_at)
    update.apply_update(plan, data, rebuild=False)
    after = snapshot(data)
    assert set(copies) == {"register", "swap 4/9", "cleanup 2/4"}
    assert pd.read_csv(data / "sources.csv")["url"].eq(URL).sum() == 1
    for step, want, outcome in (
        ("register", before, None),
        ("swap 4/9", after, "completed"),
        ("cleanup 2/4", after, "already_complete"),
    ):
        replace_tree(copies[step], data)
        found = recovery.recover_now(data)
        assert (found.outcome if found else None) == outcome, step
        assert snapshot(data) == want, step

"""Damaged side files degrade, are named, and are repaired: ``*.meta.yml``, the versions index, the lock files,
the artefacts' manifest. Scratch copies of data/; the commands run in-process through ``cli.main``."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import yaml

from district_stats import cli, paths
from district_stats.data import provenance, schema
from district_stats.data.files import file_md5
from district_stats.ops import health, update, versions
from tests.scratch import copy_data, snapshot
from tests.updating import NOW, grants_file

GRANTS = schema.TABLES["grants"]

DAMAGE = {
    "random bytes": (os.urandom(256) + b"\xff\xfe\x00", "not_utf8"),
    "latin-1": ("title: Importi però\n".encode("latin-1"), "not_utf8"),
    "not yaml": (b"title: [\n  - : : {", "not_yaml"),
    "a list": (b"- a\n- b\n", "wrong_shape"),
    "a number": (b"42\n", "wrong_shape"),
    "empty": (b"", "wrong_shape"),
    "nul bytes": (b"title: a\x00b\n", "not_yaml"),
}


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


@pytest.mark.parametrize("case", DAMAGE)
def test_a_damaged_sidecar_reads_as_empty_and_says_why(scratch, case):
    data, why = DAMAGE[case]
    (scratch / "grants.meta.yml").write_bytes(data)
    assert provenance.load_meta(GRANTS, scratch) == {}
    assert provenance.meta_problem(GRANTS, scratch) == why and provenance.damaged(GRANTS, scratch)
    found = health.damaged_files(scratch)
    assert [d.file for d in found] == ["grants.meta.yml"] and found[0].why == why
    assert "grants.meta.yml" in found[0].message("it") and "meta --rebuild" in found[0].message("it")


def test_a_missing_sidecar_is_named_but_is_not_damaged(scratch):
    (scratch / "grants.meta.yml").unlink()
    assert provenance.meta_problem(GRANTS, scratch) == "missing" and not provenance.damaged(GRANTS, scratch)
    assert [d.why for d in health.damaged_files(scratch)] == ["missing"]


def test_a_rebuilt_sidecar_keeps_what_the_table_says_and_invents_nothing(scratch):
    (scratch / "grants.meta.yml").write_bytes(b"\xff\xfe")
    content = (scratch / "grants.csv").read_bytes()
    meta = yaml.safe_load(provenance.generated_meta(GRANTS, scratch, content, 191))
    assert meta["title"] == GRANTS.title_it and meta["generated"]["md5"] == file_md5(scratch / "grants.csv")
    assert all(s.startswith("http") for s in meta["sources"][:-1]) and "source_urls" in meta["sources"][-1]
    assert "licence" not in meta and "date_accessed" not in meta and "ricostruito" in meta["rebuilt"]


def test_other_side_files_are_named(scratch, tmp_path):
    (scratch / ".versions").mkdir()
    (scratch / ".versions" / "index.json").write_bytes(b"\xff{")
    (scratch / "derived" / "build.lock.json").write_bytes(b"{")
    (scratch / ".update.lock").mkdir()
    embed = tmp_path / "embed"
    embed.mkdir()
    (embed / "manifest.json").write_text("[1, 2]", encoding="utf-8")
    found = {d.file: d.why for d in health.damaged_files(scratch, embed)}
    assert found == {
        ".versions/index.json": "not_utf8",
        "derived/build.lock.json": "not_json",
        ".update.lock": "unusable",
        "static/embed/manifest.json": "wrong_shape",
    }


@pytest.mark.slow  # an update planned and applied on a scratch copy (1-2 s)
def test_an_update_of_a_table_with_a_damaged_sidecar_rebuilds_it_and_says_so(scratch):
    (scratch / "grants.meta.yml").write_bytes(os.urandom(200) + b"\xff")
    (scratch / "changelog.meta.yml").write_bytes(b"- non\n- un\n- dizionario\n")
    (scratch / ".versions").mkdir()
    (scratch / ".versions" / "index.json").write_text("{rotto", encoding="utf-8")
    plan = update.plan_update("grants", grants_file(scratch), "nuovi.csv", scratch)
    said = update.preview_text(plan)
    assert plan.ok and "grants.meta.yml è danneggiato" in said and "changelog.meta.yml è danneggiato" in said
    assert "index.json) è danneggiato" in said
    update.apply_update(plan, scratch, now=NOW)
    assert health.damaged_files(scratch) == []
    meta = provenance.load_meta(GRANTS, scratch)
    assert meta["generated"]["md5"] == file_md5(scratch / "grants.csv") and "rebuilt" in meta
    assert versions.infos("grants", scratch)[0].change_id == plan.change_id


@pytest.mark.slow  # the validate and meta commands over a scratch data folder (1-3 s)
def test_validate_names_the_file_and_meta_rebuild_repairs_it(scratch, monkeypatch, capsys):
    monkeypatch.setattr(paths, "DATA_DIR", scratch)
    (scratch / "grants.meta.yml").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    assert cli.main(["validate"]) == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert "grants.meta.yml: non è testo UTF-8" in err and "python -m district_stats meta --rebuild" in err
    assert cli.main(["validate", str(scratch / "grants.csv")]) == cli.EXIT_OK  # the candidate is fine...
    assert "attenzione: grants.meta.yml" in capsys.readouterr().err  # ...and the damaged file is named
    before = snapshot(scratch)
    assert cli.main(["meta"]) == cli.EXIT_FAILED  # without --rebuild a damaged file is left as it is
    assert "grants.meta.yml: non è testo UTF-8" in capsys.readouterr().err
    assert {k: v for k, v in snapshot(scratch).items() if k != "grants.meta.yml"} == {
        k: v for k, v in before.items() if k != "grants.meta.yml"
    }
    assert cli.main(["meta", "--rebuild"]) == cli.EXIT_OK
    assert "ricostruiti dalla tabella: grants.meta.yml" in capsys.readouterr().out
    assert cli.main(["validate"]) == cli.EXIT_OK
    assert provenance.load_meta(GRANTS, scratch)["generated"]["md5"] == file_md5(scratch / "grants.csv")


def test_a_damaged_versions_index_hides_no_version(scratch):
    (scratch / ".versions").mkdir()
    name = versions.version_name("grants", NOW)
    (scratch / ".versions" / name).write_bytes((scratch / "grants.csv").read_bytes())
    for junk in (b"\xff", b"[]", b'{"versions": 3}', json.dumps({"versions": {name: "x"}}).encode()):
        (scratch / ".versions" / "index.json").write_bytes(junk)
        infos = versions.infos("grants", scratch)
        assert [i.name for i in infos] == [name] and infos[0].saved == NOW and infos[0].change_id == ""
        assert "modifica non registrata" in versions.label(infos[0])


def test_the_token_command_prints_a_strong_code(capsys):
    from district_stats.ops import access

    assert cli.main(["token"]) == cli.EXIT_OK
    out, err = capsys.readouterr()
    code = out.strip()
    assert len(code) == 32 and not access.weakness(code) and "DC_UPDATE_TOKEN" in err and code in err


@pytest.mark.slow  # an update planned and applied on a scratch copy (1-2 s)
def test_a_damaged_changelog_stops_an_update_naming_it_and_nothing_changes(scratch):
    plan = update.plan_update("grants", grants_file(scratch), "nuovi.csv", scratch)
    (scratch / "changelog.csv").write_bytes(b"\xff\xfe\x00 rotto")
    before = snapshot(scratch)
    with pytest.raises(RuntimeError, match="changelog.csv è danneggiato"):
        update.apply_update(plan, scratch, now=NOW)
    assert snapshot(scratch) == before

"""Serializable updates: an apply never overwrites a table that moved after its preview.

The preview reads every table once and keeps their sha256; the apply, under the lock and after
the recovery, refuses a moved table (:data:`update.STALE_TABLE`) or a moved table the preview was
checked against. The property, with real concurrent processes (officials in two tabs, a tab and
the command line, a restore among them) started at several delays: every change reported applied
is in the table or was visibly superseded by a later changelog row, every changelog row is a
change that was applied, and each apply was built on the table the previous one wrote (the saved
versions chain, fingerprint by fingerprint).
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from district_stats import cli, paths
from district_stats.ops import update, update_cli, versions
from tests.scratch import copy_data, snapshot
from tests.updating import amount_of, grants_file

ROOT = paths.ROOT


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


def sha_file(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.slow  # three previews on a scratch copy (~3 s)
def test_the_preview_fingerprints_the_bytes_it_diffed_and_a_moved_table_is_refused(scratch):
    first = update.plan_update("grants", grants_file(scratch, "1", "G001"), "a.csv", scratch)
    second = update.plan_update("grants", grants_file(scratch, "2", "G002"), "b.csv", scratch)
    assert first.base_sha256 == sha_file(scratch / "grants.csv") == first.inputs["grants.csv"]
    assert set(first.inputs) >= {"districts.csv", "funding_lines.csv", "grants.csv"}
    assert "changelog.csv" not in first.inputs
    update.apply_update(first, scratch)
    after_first = snapshot(scratch)
    with pytest.raises(update.StaleError) as exc:
        update.apply_update(second, scratch)
    assert str(exc.value) == "La tabella è cambiata dopo la tua anteprima: rifai l'anteprima"
    assert snapshot(scratch) == after_first and amount_of(scratch, "G001") == "1"
    # a table the preview was checked against moved: refused too, naming it
    third = update.plan_update("grants", grants_file(scratch, "3", "G003"), "c.csv", scratch)
    districts = pd.read_csv(scratch / "districts.csv", dtype="str", keep_default_na=False)
    districts.loc[0, "district_name"] = "Nome cambiato"
    names = update.plan_update(
        "districts", districts.to_csv(index=False, lineterminator="\n").encode(), "d.csv", scratch
    )
    update.apply_update(names, scratch, rebuild=False)
    with pytest.raises(update.StaleError, match=r"\(districts\.csv\): rifai l'anteprima") as exc:
        update.apply_update(third, scratch)
    assert exc.value.files == ("districts.csv",)


@pytest.mark.slow  # a command-line update on a scratch copy (~2 s)
def test_the_command_line_refuses_a_moved_table_with_a_non_zero_exit(scratch, tmp_path, monkeypatch, capsys):
    good = tmp_path / "nuovi.csv"
    good.write_bytes(grants_file(scratch, "7", "G001"))
    other = update.plan_update("grants", grants_file(scratch, "8", "G002"), "altro.csv", scratch)
    real = update.apply_update

    def someone_else_first(plan, data_dir=None, **kw):  # another official applies between preview and apply
        real(other, data_dir)
        return real(plan, data_dir, **kw)

    monkeypatch.setattr(update_cli.update, "apply_update", someone_else_first)
    monkeypatch.setattr(paths, "DATA_DIR", scratch)
    assert cli.main(["update", "grants", str(good), "--yes"]) == cli.EXIT_STALE == 4
    assert "La tabella è cambiata dopo la tua anteprima: rifai l'anteprima" in capsys.readouterr().err
    assert amount_of(scratch, "G001") != "7" and amount_of(scratch, "G002") == "8"


WORKER = r"""
import hashlib, json, sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from district_stats.data import schema
from district_stats.data.files import frame_to_csv
from district_stats.ops import update
from tests.updating import grants_file
data, me, kind, arg, amount, delay, think = (Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5],
                                             float(sys.argv[6]), float(sys.argv[7]))
(data.parent / f"ready-{{me}}").write_text("", encoding="utf-8")
while not (data.parent / "go").exists():  # all officials start together, after their imports
    time.sleep(0.005)
# The interleaving under test: when this official starts, and how long the preview is read before applying.
time.sleep(delay)
out = dict(me=me, kind=kind, arg=arg, amount=amount, attempts=[])
for attempt in range(5):  # refused as stale: preview again on the data as they are now, as the form offers
    if kind == "update":
        plan = update.plan_update("grants", grants_file(data, amount, arg), f"{{arg}}_{{amount}}.csv", data)
    else:
        plan = update.plan_restore("grants", arg, data)
    if attempt == 0:
        time.sleep(think)
    out["file"] = plan.filename
    try:
        backup = update.apply_update(plan, data)
    except update.StaleError as exc:
        out["attempts"].append(str(exc))
        continue
    except update.BusyError:
        out["attempts"].append("busy")
        continue
    wrote = frame_to_csv(plan.frame, schema.TABLES["grants"]).encode("utf-8")
    out.update(status="applied", change=plan.change_id, backup=backup.name, wrote=hashlib.sha256(wrote).hexdigest())
    break
print(json.dumps(out))
"""

#: (name, kind, grant or version, amount, start delay s, seconds spent reading the preview)
OFFICIALS = [
    ("tab-1", "update", "G001", "111111", 0.0, 1.0),  # previews with the command line, reads longer: refused
    ("cli", "update", "G002", "222222", 0.0, 0.0),  # the command line, same moment
    ("restore", "restore", "", "", 0.9, 0.0),  # puts back the version saved before the race
    ("tab-3", "update", "G001", "444444", 2.2, 0.0),  # starts after the others: sees their changes
]


@pytest.mark.slow  # four Python processes updating one scratch copy at once (~12 s)
def test_concurrent_officials_never_lose_an_update(tmp_path):
    data = copy_data(tmp_path / "data")
    setup = update.plan_update("grants", grants_file(data, "50000", "G004"), "iniziale.csv", data)
    start_version = update.apply_update(setup, data).name  # the version a restore can bring back
    start = sha_file(data / "grants.csv")
    log_before = len(pd.read_csv(data / "changelog.csv", dtype="str"))
    procs = []
    for name, kind, arg, amount, delay, think in OFFICIALS:
        arg = arg or start_version
        procs.append(
            subprocess.Popen(
                [
                    sys.executable,
                    "-c",
                    WORKER.format(root=str(ROOT)),
                    str(data),
                    name,
                    kind,
                    arg,
                    amount or "-",
                    str(delay),
                    str(think),
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
                encoding="utf-8",
            )
        )
    deadline = time.monotonic() + 180
    while len(list(tmp_path.glob("ready-*"))) < len(OFFICIALS) and time.monotonic() < deadline:
        assert all(p.poll() is None for p in procs), [p.communicate()[1][-1500:] for p in procs if p.poll()]
        time.sleep(0.02)
    (tmp_path / "go").write_text("", encoding="utf-8")
    results = []
    for p in procs:
        out, err = p.communicate(timeout=180)
        assert p.returncode == 0, err[-2000:]
        results.append(json.loads(out.strip().splitlines()[-1]))
    by = {r["me"]: r for r in results}
    applied = sorted(results, key=lambda r: int(r["change"][1:]))
    # everyone got through, re-previewing when refused; the race of the issue happened and was refused
    assert all(r.get("status") == "applied" for r in results), results
    assert by["tab-1"]["attempts"][:1] == [update.STALE_TABLE], results
    assert all(a == update.STALE_TABLE for r in results for a in r["attempts"]), results
    # each apply was built on what the previous one wrote: the version it saved is exactly that table
    previous = start
    for r in applied:
        assert sha_file(data / ".versions" / r["backup"]) == previous, (r, results)
        previous = r["wrote"]
    assert sha_file(data / "grants.csv") == previous
    # the changelog lists exactly the applied changes, in order, each naming its file
    log = pd.read_csv(data / "changelog.csv", dtype="str", keep_default_na=False).iloc[log_before:]
    assert list(log["change_id"]) == [r["change"] for r in applied]
    for (_, row), r in zip(log.iterrows(), applied, strict=True):
        assert r["file"] in row["description_it"]
    assert sum(r["attempts"] != [] for r in results) >= 1  # refused previews left no row: the count above is exact
    # every applied change is in the table unless a later row (a later change, a restore) superseded it
    expected: dict[str, str] = {}
    for r in applied:
        if r["kind"] == "restore":
            restored = pd.read_csv(data / ".versions" / r["arg"], dtype="str", keep_default_na=False)
            expected = dict(zip(restored["grant_id"], restored["amount_eur"], strict=True))
        else:
            expected[r["arg"]] = r["amount"]
    final = pd.read_csv(data / "grants.csv", dtype="str", keep_default_na=False)
    for grant, amount in expected.items():
        assert final.loc[final["grant_id"] == grant, "amount_eur"].item() == amount, (grant, results)
    infos = {i.name: i for i in versions.infos("grants", data)}
    assert [infos[r["backup"]].change_id for r in applied] == [r["change"] for r in applied]

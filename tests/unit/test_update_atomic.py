"""All-or-nothing updates: a failure at every step, and a process killed at every step, on scratch copies.

Each case compares the md5 of every file of the scratch data folder (and of a scratch web mirror)
with the state before the apply, or with the state a completed apply leaves (same clock, so the
saved version has the same name): nothing in between is ever accepted, and no temporary file or
work folder may be left.

The fast cases replace the geometry rebuild (13 s) with a stand-in that rewrites, deletes and adds
derived files and mirror copies, so the swap covers every kind of change; one slow case kills a
real districts update with its real rebuild.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from district_stats import cli, paths
from district_stats.ops import journal, update
from tests.scratch import copy_data, snapshot

ROOT = paths.ROOT
NOW = dt.datetime(2026, 11, 30, 10, 0, 0)
DIE = 86  # exit status of a process stopped by the test at a step


class Boom(RuntimeError):
    pass


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    """A scratch web mirror (as static/geo is for the bundled data)."""
    import shutil

    dst = tmp_path / "static" / "geo"
    shutil.copytree(paths.STATIC_GEO_DIR, dst)
    return dst


def grants_file(folder: Path, amount: str = "1292000") -> bytes:
    df = pd.read_csv(folder / "grants.csv", dtype="str", keep_default_na=False)
    df.loc[df["grant_id"] == "G001", "amount_eur"] = amount
    return df.to_csv(index=False, lineterminator="\n").encode()


def districts_file(folder: Path) -> bytes:
    df = pd.read_csv(folder / "districts.csv", dtype="str", keep_default_na=False)
    df.loc[0, "district_name"] = "Nuovo nome"
    return df.to_csv(index=False, lineterminator="\n").encode()


def fake_build_changes(data_dir: Path, static_dir: Path | None, tolerance_m: float = 0.0, inputs=None):
    """Stand-in for the geometry rebuild: rewrite, delete and add derived files and mirror copies."""
    geo = data_dir / "derived" / "geo"
    changes = [journal.Change("data", f"derived/geo/{rel}", (geo / rel).read_bytes() + b"\n")
               for rel in ("districts.geojson", "districts/D001.geojson", "districts/D002.geojson")]
    changes += [journal.Change("data", "derived/geo/districts/D041.geojson", None),
                journal.Change("data", "derived/geo/nuova/cartella/D999.geojson", b"{}"),
                journal.Change("data", "derived/build.lock.json", b"{}\n")]
    if static_dir is not None:
        changes += [journal.Change("static", "districts.json", b"{}"),
                    journal.Change("static", "districts/D041.json", None),
                    journal.Change("static", "districts/D999.json", b"{}")]
    return changes, None


def state(data: Path, mirror: Path | None = None) -> dict[str, str]:
    out = {f"data/{k}": v for k, v in snapshot(data).items()}
    if mirror is not None:
        out |= {f"static/{k}": v for k, v in snapshot(mirror).items()}
    return out


def reference_run(tmp_path: Path, table: str, with_mirror: bool) -> tuple[list[str], dict[str, str]]:
    """Every checkpoint a successful apply passes, in order, and the state it leaves (the reference for
    the kill tests), recorded on a copy of the bundled data (and of the web mirror)."""
    import shutil

    ref = copy_data(tmp_path / "ref" / "data")
    ref_mirror = None
    if with_mirror:
        ref_mirror = tmp_path / "ref" / "static" / "geo"
        shutil.copytree(paths.STATIC_GEO_DIR, ref_mirror)
    make = grants_file if table == "grants" else districts_file
    plan = update.plan_update(table, make(ref), "nuovi.csv", ref)
    seen: list[str] = []
    old = update._checkpoint
    update._checkpoint = seen.append  # type: ignore[assignment]
    try:
        update.apply_update(plan, ref, static_dir=ref_mirror, now=NOW)
    finally:
        update._checkpoint = old  # type: ignore[assignment]
    return seen, state(ref, ref_mirror)


def completed(tmp_path: Path, table: str, with_mirror: bool) -> dict[str, str]:
    """The state a successful apply leaves."""
    return reference_run(tmp_path, table, with_mirror)[1]


GRANTS_STEPS = ["backup", "table", "changelog", "meta", "stage 1/5", "stage 3/5", "stage 5/5", "journal",
                "swap 1/5", "swap 3/5", "swap 5/5", "finish"]


@pytest.mark.slow  # an update applied to a scratch copy of data/ (~1.5 s a case)
def test_the_apply_passes_the_expected_steps(tmp_path):
    steps, _ = reference_run(tmp_path, "grants", False)
    assert steps[:4] == ["backup", "table", "changelog", "meta"]
    assert set(GRANTS_STEPS) <= set(steps) and steps[-1] == "finish"


@pytest.mark.parametrize("step", GRANTS_STEPS)
@pytest.mark.slow  # an update applied to a scratch copy of data/ (~1.5 s a case)
def test_a_failure_at_any_step_leaves_every_file_as_it_was(scratch, monkeypatch, step):
    before = state(scratch)
    plan = update.plan_update("grants", grants_file(scratch), "nuovi.csv", scratch)

    def fail(at: str) -> None:
        if at == step:
            raise Boom(f"guasto simulato: {at}")

    monkeypatch.setattr(update, "_checkpoint", fail)
    with pytest.raises(RuntimeError, match="annullato, dati invariati: guasto simulato"):
        update.apply_update(plan, scratch, now=NOW)
    assert state(scratch) == before
    assert not (scratch / ".update").exists()


@pytest.mark.parametrize("which", ["rebuild", "stage 2/", "journal", "swap 1/", "swap 6/", "swap 12/", "finish"])
@pytest.mark.slow  # an update applied to a scratch copy of data/ (~1.5 s a case)
def test_a_failure_during_a_districts_update_rolls_back_geometry_and_mirror(scratch, mirror, monkeypatch, which):
    import district_stats.ops.build as build_mod

    monkeypatch.setattr(build_mod, "build_changes", fake_build_changes)
    before = state(scratch, mirror)
    plan = update.plan_update("districts", districts_file(scratch), "d.csv", scratch)

    def fail(at: str) -> None:
        if at.startswith(which):
            raise OSError(f"disco pieno ({at})")

    monkeypatch.setattr(update, "_checkpoint", fail)
    with pytest.raises(RuntimeError, match="disco pieno"):
        update.apply_update(plan, scratch, static_dir=mirror, now=NOW)
    assert state(scratch, mirror) == before
    assert not (scratch / ".update").exists() and not (scratch / "derived" / "geo" / "nuova").exists()


@pytest.mark.slow  # an update applied to a scratch copy of data/ (~1.5 s a case)
def test_a_districts_update_swaps_geometry_and_mirror_together(scratch, mirror, monkeypatch):
    import district_stats.ops.build as build_mod

    monkeypatch.setattr(build_mod, "build_changes", fake_build_changes)
    plan = update.plan_update("districts", districts_file(scratch), "d.csv", scratch)
    update.apply_update(plan, scratch, static_dir=mirror, now=NOW)
    assert not (scratch / "derived" / "geo" / "districts" / "D041.geojson").exists()
    assert (scratch / "derived" / "geo" / "nuova" / "cartella" / "D999.geojson").read_bytes() == b"{}"
    assert not (mirror / "districts" / "D041.json").exists() and (mirror / "districts.json").read_bytes() == b"{}"
    assert not (scratch / ".update").exists()


@pytest.mark.slow  # an update applied to a scratch copy of data/ (~1.5 s a case)
def test_a_failing_writer_is_reported_and_nothing_changes(scratch, monkeypatch):
    """The writers themselves failing (not only the checkpoints): the rename of a staged file."""
    before = state(scratch)
    plan = update.plan_update("grants", grants_file(scratch), "nuovi.csv", scratch)
    real = os.replace
    calls = {"n": 0}

    def flaky(src, dst):
        calls["n"] += 1
        if calls["n"] == 4:
            raise PermissionError("file in uso")
        return real(src, dst)

    monkeypatch.setattr(journal.os, "replace", flaky)
    with pytest.raises(RuntimeError, match="file in uso"):
        update.apply_update(plan, scratch, now=NOW)
    monkeypatch.setattr(journal.os, "replace", real)
    assert state(scratch) == before and not (scratch / ".update").exists()


# --- killed processes ------------------------------------------------------------------------------
KILLER = """
import datetime as dt, os, sys
from pathlib import Path
import district_stats.ops.build as build_mod
from district_stats.ops import update
sys.path.insert(0, {root!r})
from tests.unit import test_update_atomic as t
data, table, step, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
mirror = Path(sys.argv[5]) if len(sys.argv) > 5 else None
if mode == "exit":  # the hang mode runs the real geometry rebuild
    build_mod.build_changes = t.fake_build_changes
def stop(at):
    if at.startswith(step):
        if mode == "hang":  # wait to be killed from outside
            (data.parent / "at-step").write_text(at, encoding="utf-8")
            while True:
                __import__("time").sleep(0.05)
        os._exit({die})
update._checkpoint = stop
make = t.grants_file if table == "grants" else t.districts_file
plan = update.plan_update(table, make(data), "nuovi.csv", data)
update.apply_update(plan, data, static_dir=mirror, now=t.NOW)
"""


def killer(data: Path, table: str, step: str, mode: str, mirror: Path | None = None) -> subprocess.Popen:
    code = KILLER.format(root=str(ROOT), die=DIE)
    args = [sys.executable, "-c", code, str(data), table, step, mode] + ([str(mirror)] if mirror else [])
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.slow  # one Python process per step (~4 s each)
@pytest.mark.parametrize("step,outcome", [
    ("backup", "before"), ("meta", "before"), ("stage 3/", "before"), ("journal", "before"),
    ("swap 1/", "after"), ("swap 3/", "after"), ("swap 5/", "after"), ("finish", "after"),
])
def test_a_process_killed_at_any_step_is_repaired_by_the_next_command(scratch, tmp_path, monkeypatch, step,
                                                                      outcome, capsys):
    before = state(scratch)
    after = completed(tmp_path, "grants", False)
    proc = killer(scratch, "grants", step, "exit")
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == DIE, err.decode()[-2000:]
    assert (scratch / ".update").exists() or outcome == "before"
    monkeypatch.setattr(paths, "DATA_DIR", scratch)
    assert cli.main(["update", "grants", "--list-versions"]) == cli.EXIT_OK  # any command repairs first
    said = capsys.readouterr().err
    if (scratch / ".update").exists():
        pytest.fail("work folder left after the repair")
    assert state(scratch) == (before if outcome == "before" else after)
    if step not in ("backup", "meta"):  # killed before anything was staged: nothing to repair or to say
        assert ("completato" if outcome == "after" else "annullato") in said


@pytest.mark.slow  # a real districts update (geometry rebuild, ~15 s) killed from outside mid-swap
def test_sigkill_in_the_middle_of_the_geometry_swap_is_completed_on_restart(scratch, mirror, tmp_path):
    # One real apply on a copy gives both the steps and the state a completed apply leaves.
    steps, after = reference_run(tmp_path, "districts", True)
    steps = [s for s in steps if s.startswith("swap ")]
    middle = steps[len(steps) // 2]  # half of the ~200 geometry files swapped
    before = state(scratch, mirror)
    proc = killer(scratch, "districts", middle, "hang", mirror)
    marker = tmp_path / "at-step"
    deadline = time.monotonic() + 240
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert marker.exists(), proc.stderr.read().decode()[-2000:] if proc.poll() is not None else "timeout"
    proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no cleanup runs
    proc.wait(30)
    half = state(scratch, mirror)
    assert half != before  # really half-way: some geometry files are already swapped
    found = update.recover(scratch)
    assert found is not None and found.outcome == "completed"
    assert "completato" in found.message("it")
    assert state(scratch, mirror) == after


def test_leftover_staging_without_journal_is_discarded(scratch):
    before = state(scratch)
    (scratch / ".update" / "staging" / "data").mkdir(parents=True)
    (scratch / ".update" / "staging" / "data" / "grants.csv").write_bytes(b"mezzo file")
    found = update.recover(scratch)
    assert found is not None and found.outcome == "discarded"
    assert "annullato" in found.message("it") and "discarded" in found.message("en")
    assert state(scratch) == before and not (scratch / ".update").exists()
    assert update.recover(scratch) is None  # nothing left to repair


def test_recovery_waits_for_a_live_update(scratch):
    """A commit in progress (its process holds the lock) is never 'repaired' under its feet."""
    from filelock import FileLock

    (scratch / ".update").mkdir()
    with FileLock(scratch / ".update.lock"):
        assert journal.recover_now(scratch, timeout_s=0.2) is None
        assert (scratch / ".update").exists()
    assert journal.recover_now(scratch) is not None


def symlink(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target, target_is_directory=target.is_dir())
    except OSError as exc:  # Windows without Developer Mode cannot create links: nothing to refuse there
        pytest.skip(f"symbolic links not available: {exc}")


def test_versions_folder_that_is_a_symlink_is_refused(scratch, tmp_path):
    elsewhere = tmp_path / "altrove"
    elsewhere.mkdir()
    symlink(scratch / ".versions", elsewhere)
    before = state(scratch)
    plan = update.plan_update("grants", grants_file(scratch), "nuovi.csv", scratch)
    with pytest.raises(update.VersionsError):
        update.apply_update(plan, scratch, now=NOW)
    with pytest.raises(update.VersionsError):
        update.versions_of("grants", scratch)
    assert state(scratch) == before and not list(elsewhere.iterdir())


def test_a_version_file_that_is_a_symlink_is_never_listed_or_restored(scratch, tmp_path, monkeypatch):
    secret = tmp_path / "grants.segreto.csv"
    secret.write_bytes((scratch / "grants.csv").read_bytes())
    (scratch / ".versions").mkdir()
    link = scratch / ".versions" / "grants.20260101T000000000000.csv"
    symlink(link, secret)
    assert update.versions_of("grants", scratch) == []
    with pytest.raises(update.VersionsError):
        update.restore("grants", link, scratch)
    monkeypatch.setattr(paths, "DATA_DIR", scratch)
    assert cli.main(["update", "grants", "--restore", link.name]) == cli.EXIT_FAILED

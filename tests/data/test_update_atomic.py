"""All-or-nothing updates: a failure at every step, and a process killed at every checkpoint, on scratch copies.

Each case compares the md5 of every file of the scratch data folder (and of a scratch web mirror)
with the state before the apply, or with the state a completed apply leaves (same clock, so the
saved version has the same name): nothing in between is ever accepted, no temporary file or work
folder is left, and the recovery says what the folder holds (never «annullato» over new data).

A kill is reproduced two ways. Exactly: an apply whose checkpoint hook copies the whole folder
at every checkpoint (between two checkpoints the process is single-threaded and every write is
complete, so each copy is what a kill at that point leaves on disk); each copy is then put back at
the same path and recovered. And for real: a Python process stopped with ``os._exit`` at a few
points (mid-swap, the very last clean-up step) and one real districts update killed with SIGKILL
half-way through the geometry swap.

The fast cases replace the geometry rebuild (13 s) with a stand-in that rewrites, deletes and adds
derived files and mirror copies, so the swap covers every kind of change.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from district_stats import cli, paths
from district_stats.ops import journal, recovery, update
from tests.scratch import copy_data, copy_tree
from tests.updating import NOW, copy_mirror, districts_file, fake_build_changes, grants_file, replace_tree, state

ROOT = paths.ROOT
DIE = 86  # exit status of a process stopped by the test at a step

GRANTS_CHECKPOINTS = (
    ["backup", "table", "changelog", "meta", "index"]
    + [f"stage {i}/6" for i in range(1, 7)]
    + ["journal"]
    + [f"swap {i}/6" for i in range(1, 7)]
    + ["finish"]
    + [f"cleanup {i}/4" for i in range(1, 5)]
)


class Boom(RuntimeError):
    pass


@pytest.fixture(scope="module")
def grants_plan(tmp_path_factory) -> update.Plan:
    """One plan for every case: it depends on the bytes of the bundled data only, which each scratch copy has."""
    ref = copy_data(tmp_path_factory.mktemp("plan") / "data")
    return update.plan_update("grants", grants_file(ref), "nuovi.csv", ref)


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


@pytest.fixture
def mirror(tmp_path: Path) -> Path:
    return copy_mirror(tmp_path / "static" / "geo")


def fresh(plan: update.Plan) -> update.Plan:
    """The same plan, not yet applied (an apply records its change id on the plan)."""
    return update.Plan(**{**plan.__dict__, "change_id": ""})


def record(monkeypatch, folders: dict[str, Path], out: Path, every: int = 1) -> list[str]:
    """Make every checkpoint (or every ``every``-th swap and stage, the others all) copy ``folders`` under
    ``out/<n>/<name>``: what a kill there would leave."""
    seen: list[str] = []

    def copy_all(step: str) -> None:
        seen.append(step)
        numbered = step.startswith(("stage ", "swap "))
        n, of = step.split(" ")[1].split("/") if numbered else ("1", "1")
        if numbered and n not in ("1", of) and int(n) % every:
            return
        for name, folder in folders.items():
            copy_tree(folder, out / str(len(seen)) / name, symlinks=True)

    monkeypatch.setattr(update, "_checkpoint", copy_all)
    return seen


@pytest.fixture(scope="module")
def grants_kills(tmp_path_factory, grants_plan):
    """A grants apply recorded at every checkpoint: (data folder, before, after, {checkpoint: copy})."""
    mp = pytest.MonkeyPatch()
    base = tmp_path_factory.mktemp("kills")
    data = copy_data(base / "data")
    before = state(data)
    seen = record(mp, {"data": data}, base / "copies")
    try:
        update.apply_update(fresh(grants_plan), data, now=NOW)
    finally:
        mp.undo()
    return data, before, state(data), {s: base / "copies" / str(i) for i, s in enumerate(seen, 1)}


def test_the_apply_passes_every_checkpoint_in_order(grants_kills):
    assert list(grants_kills[3]) == GRANTS_CHECKPOINTS


def expected(step: str) -> tuple[str, str | None]:
    """(state, recovery outcome) a kill at ``step`` must lead to."""
    if step in ("backup", "table", "changelog", "meta", "index", "stage 1/6"):
        return "before", None  # nothing written yet: nothing to repair
    if step.startswith("stage") or step == "journal":
        return "before", "rolled_back"  # staged files only, no journal yet: discarded
    if step.startswith("swap"):
        return "after", "completed"  # the journal is written: completed
    if step == "cleanup 4/4":
        return "after", "nothing"  # the journal is gone, only the empty work folder is left
    return "after", "already_complete"  # 'finish' and the clean-up: the new data were already in place


@pytest.mark.parametrize("step", GRANTS_CHECKPOINTS)
def test_a_kill_at_any_checkpoint_is_repaired_and_reported_truthfully(grants_kills, step):
    data, before, after, copies = grants_kills
    replace_tree(copies[step] / "data", data)
    found = recovery.recover_now(data)
    want_state, want_outcome = expected(step)
    assert (found.outcome if found else None) == want_outcome
    assert state(data) == (before if want_state == "before" else after)
    assert not (data / ".update").exists() and not list(data.rglob("*.tmp"))
    if found is not None:
        said = found.message("it")
        assert ("annullato" in said) == (want_state == "before"), said
        assert "completato" in said or want_outcome != "completed"
        assert not found.other_folder
    assert recovery.recover_now(data) is None  # nothing left to repair


@pytest.mark.slow  # one apply with the rebuild stand-in, copied at ~20 checkpoints, each recovered (~5 s)
def test_a_districts_update_killed_at_checkpoints_recovers_geometry_and_mirror(tmp_path, monkeypatch):
    """Every kind of checkpoint (the grants case above has every single one), with geometry and mirror."""
    import district_stats.ops.build as build_mod

    monkeypatch.setattr(build_mod, "build_changes", fake_build_changes)
    data, mirror = copy_data(tmp_path / "data"), copy_mirror(tmp_path / "static" / "geo")
    before = state(data, mirror)
    plan = update.plan_update("districts", districts_file(data), "d.csv", data)
    seen = record(monkeypatch, {"data": data, "mirror": mirror}, tmp_path / "copies", every=4)
    update.apply_update(plan, data, static_dir=mirror, now=NOW)
    after = state(data, mirror)
    assert "rebuild" in seen and seen[-1] == "cleanup 4/4" and sum(s.startswith("swap") for s in seen) >= 12
    for i, step in enumerate(seen, 1):
        if not (tmp_path / "copies" / str(i)).exists():
            continue
        replace_tree(tmp_path / "copies" / str(i) / "data", data)
        replace_tree(tmp_path / "copies" / str(i) / "mirror", mirror)
        found = recovery.recover_now(data, mirror)
        on_disk = state(data, mirror)
        assert on_disk in (before, after), step
        outcome = found.outcome if found else None
        assert (on_disk == after) == (outcome in ("completed", "already_complete", "nothing")), (step, outcome)
        assert not (data / "derived" / "geo" / "nuova").exists() or on_disk == after
        assert not (data / ".update").exists()


STEPS_BEFORE_FINISH = GRANTS_CHECKPOINTS[: GRANTS_CHECKPOINTS.index("finish") + 1]


@pytest.mark.parametrize("step", STEPS_BEFORE_FINISH)
def test_a_failure_at_any_step_leaves_every_file_as_it_was(scratch, grants_plan, monkeypatch, step):
    before = state(scratch)

    def fail(at: str) -> None:
        if at == step:
            raise Boom(f"guasto simulato: {at}")

    monkeypatch.setattr(update, "_checkpoint", fail)
    with pytest.raises(RuntimeError, match="annullato, dati invariati: guasto simulato"):
        update.apply_update(fresh(grants_plan), scratch, now=NOW)
    assert state(scratch) == before
    assert not (scratch / ".update").exists()


@pytest.mark.parametrize("step", GRANTS_CHECKPOINTS[GRANTS_CHECKPOINTS.index("finish") + 1 :])
def test_a_failure_during_the_clean_up_leaves_the_update_applied_and_says_so(
    tmp_path, scratch, grants_plan, monkeypatch, step
):
    """After the swap the update is complete: a clean-up that fails never turns into «annullato»."""
    ref = copy_data(tmp_path / "ref")
    update.apply_update(fresh(grants_plan), ref, now=NOW)

    def fail(at: str) -> None:
        if at == step:
            raise OSError(f"disco pieno ({at})")

    monkeypatch.setattr(update, "_checkpoint", fail)
    plan = fresh(grants_plan)
    update.apply_update(plan, scratch, now=NOW)
    log = (ref / "changelog.csv").read_text(encoding="utf-8").splitlines()
    assert plan.change_id == log[-1].split(",")[0]  # the id the reference apply wrote: the change was recorded
    found = recovery.recover_now(scratch)  # the leftovers of the clean-up
    assert found is not None and found.outcome in ("already_complete", "nothing")
    assert state(ref) == state(scratch)


@pytest.mark.parametrize("which", ["rebuild", "stage 2/", "journal", "swap 1/", "swap 6/", "swap 12/", "finish"])
@pytest.mark.slow  # an update planned and applied on a scratch copy of data/ (~1.5 s a case)
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


@pytest.mark.slow  # an update planned and applied on a scratch copy of data/ (~1.5 s)
def test_a_districts_update_swaps_geometry_and_mirror_together(scratch, mirror, monkeypatch):
    import district_stats.ops.build as build_mod

    monkeypatch.setattr(build_mod, "build_changes", fake_build_changes)
    plan = update.plan_update("districts", districts_file(scratch), "d.csv", scratch)
    update.apply_update(plan, scratch, static_dir=mirror, now=NOW)
    assert not (scratch / "derived" / "geo" / "districts" / "D041.geojson").exists()
    assert (scratch / "derived" / "geo" / "nuova" / "cartella" / "D999.geojson").read_bytes() == b"{}"
    assert not (mirror / "districts" / "D041.json").exists() and (mirror / "districts.json").read_bytes() == b"{}"
    assert not (scratch / ".update").exists()


def test_a_failing_writer_is_reported_and_nothing_changes(scratch, grants_plan, monkeypatch):
    """The writers themselves failing (not only the checkpoints): the rename of a staged file."""
    before = state(scratch)
    real = os.replace
    calls = {"n": 0}

    def flaky(src, dst):
        calls["n"] += 1
        if calls["n"] == 4:
            raise PermissionError("file in uso")
        return real(src, dst)

    monkeypatch.setattr(journal.os, "replace", flaky)
    with pytest.raises(RuntimeError, match="file in uso"):
        update.apply_update(fresh(grants_plan), scratch, now=NOW)
    monkeypatch.setattr(journal.os, "replace", real)
    assert state(scratch) == before and not (scratch / ".update").exists()


# --- killed processes ------------------------------------------------------------------------------
KILLER = """
import os, sys
from pathlib import Path
sys.path.insert(0, {root!r})
import district_stats.ops.build as build_mod
from district_stats.ops import update
from tests import updating as u
data, table, step, mode = Path(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
mirror = Path(sys.argv[5]) if len(sys.argv) > 5 else None
if mode == "exit":  # the hang mode runs the real geometry rebuild
    build_mod.build_changes = u.fake_build_changes
def stop(at):
    if at.startswith(step):
        if mode == "hang":  # wait to be killed from outside
            (data.parent / "at-step").write_text(at, encoding="utf-8")
            while True:
                __import__("time").sleep(0.05)
        os._exit({die})
update._checkpoint = stop
make = u.grants_file if table == "grants" else u.districts_file
plan = update.plan_update(table, make(data), "nuovi.csv", data)
update.apply_update(plan, data, static_dir=mirror, now=u.NOW)
"""


def killer(data: Path, table: str, step: str, mode: str, mirror: Path | None = None) -> subprocess.Popen:
    code = KILLER.format(root=str(ROOT), die=DIE)
    args = [sys.executable, "-c", code, str(data), table, step, mode] + ([str(mirror)] if mirror else [])
    return subprocess.Popen(args, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)


@pytest.mark.slow  # one Python process per step (~3 s each)
@pytest.mark.parametrize(
    "step,outcome,says",
    [
        ("stage 3/", "before", "annullato"),
        ("swap 3/", "after", "completato"),
        ("cleanup 1/", "after", "già completo"),
        ("cleanup 4/", "after", "Nessun file era in sospeso"),
    ],
)
def test_a_process_killed_for_real_is_repaired_by_the_next_command(
    scratch, grants_kills, monkeypatch, step, outcome, says, capsys
):
    before, after = state(scratch), grants_kills[2]
    proc = killer(scratch, "grants", step, "exit")
    _out, err = proc.communicate(timeout=120)
    assert proc.returncode == DIE, err.decode()[-2000:]
    assert (scratch / ".update").exists()
    monkeypatch.setattr(paths, "DATA_DIR", scratch)
    assert cli.main(["update", "grants", "--list-versions"]) == cli.EXIT_OK  # any command repairs first
    said = capsys.readouterr().err
    assert not (scratch / ".update").exists(), "work folder left after the repair"
    assert state(scratch) == (before if outcome == "before" else after)  # same clock: same file names
    assert says in said and ("annullato" in said) == (outcome == "before"), said


@pytest.mark.slow  # a real districts update (geometry rebuild, ~15 s) killed from outside mid-swap
def test_sigkill_in_the_middle_of_the_geometry_swap_is_completed_on_restart(scratch, mirror, tmp_path):
    # One real apply on a copy gives both the steps and the state a completed apply leaves.
    ref, ref_mirror = copy_data(tmp_path / "ref" / "data"), copy_mirror(tmp_path / "ref" / "static" / "geo")
    plan = update.plan_update("districts", districts_file(ref), "nuovi.csv", ref)
    steps: list[str] = []
    old = update._checkpoint
    update._checkpoint = steps.append  # type: ignore[assignment]
    try:
        update.apply_update(plan, ref, static_dir=ref_mirror, now=NOW)
    finally:
        update._checkpoint = old  # type: ignore[assignment]
    after = state(ref, ref_mirror)
    swaps = [s for s in steps if s.startswith("swap ")]
    middle = swaps[len(swaps) // 2]  # half of the geometry files swapped
    before = state(scratch, mirror)
    proc = killer(scratch, "districts", middle, "hang", mirror)
    marker = tmp_path / "at-step"
    deadline = time.monotonic() + 240
    while not marker.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    assert marker.exists(), proc.stderr.read().decode()[-2000:] if proc.poll() is not None else "timeout"
    proc.kill()  # SIGKILL on POSIX, TerminateProcess on Windows: no cleanup runs
    proc.wait(30)
    assert state(scratch, mirror) != before  # really half-way: some geometry files are already swapped
    found = update.recover(scratch, mirror)
    assert found is not None and found.outcome == "completed"
    assert "completato" in found.message("it")
    assert state(scratch, mirror) == after


def test_leftover_staging_without_journal_is_discarded(scratch):
    before = state(scratch)
    (scratch / ".update" / "staging" / "data").mkdir(parents=True)
    (scratch / ".update" / "staging" / "data" / "grants.csv").write_bytes(b"mezzo file")
    found = update.recover(scratch)
    assert found is not None and found.outcome == "rolled_back"
    assert "annullato" in found.message("it") and "undone" in found.message("en")
    assert state(scratch) == before and not (scratch / ".update").exists()
    assert update.recover(scratch) is None  # nothing left to repair


def test_recovery_waits_for_a_live_update(scratch):
    """A commit in progress (its process holds the lock) is never 'repaired' under its feet."""
    from filelock import FileLock

    (scratch / ".update").mkdir()
    with FileLock(scratch / ".update.lock"):
        assert recovery.recover_now(scratch, timeout_s=0.2) is None
        assert (scratch / ".update").exists()
    assert recovery.recover_now(scratch) is not None


def symlink(link: Path, target: Path) -> None:
    try:
        link.symlink_to(target, target_is_directory=target.is_dir())
    except OSError as exc:  # Windows without Developer Mode cannot create links: nothing to refuse there
        pytest.skip(f"symbolic links not available: {exc}")


def test_versions_folder_that_is_a_symlink_is_refused(scratch, grants_plan, tmp_path):
    elsewhere = tmp_path / "altrove"
    elsewhere.mkdir()
    symlink(scratch / ".versions", elsewhere)
    before = state(scratch)
    with pytest.raises(update.VersionsError):
        update.apply_update(fresh(grants_plan), scratch, now=NOW)
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

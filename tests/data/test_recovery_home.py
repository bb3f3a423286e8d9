"""Recovery stays home: it acts only inside the folder it is run for, and only on journals it can trust.

Scenarios: a real copy of a data folder that holds an interrupted update (recovered inside the
copy, the original untouched byte for byte); planted journals with ``../`` paths, absolute paths,
a link that leads outside, a root this folder does not have, the old absolute format, broken JSON
and files that match neither side (each set aside as ``.update.rejected-<time>`` with a message,
and no other file touched anywhere); a lock file that cannot be used.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from district_stats import cli, paths
from district_stats.ops import health, journal, recovery, update
from tests.scratch import copy_data, copy_tree
from tests.updating import NOW, grants_file, state


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


@pytest.fixture(scope="module")
def plan(tmp_path_factory) -> update.Plan:
    """A grants plan made once: it depends only on the bundled bytes, which every scratch copy has."""
    ref = copy_data(tmp_path_factory.mktemp("plan") / "data")
    return update.plan_update("grants", grants_file(ref), "nuovi.csv", ref)


def killed_mid_swap(folder: Path, plan: update.Plan, monkeypatch) -> dict[str, str]:
    """An apply of a grants update stopped after its 3rd swap (as a kill there leaves it); returns the state
    a completed apply leaves (recorded on a copy)."""
    ref = copy_data(folder.parent / "ref")
    update.apply_update(update.Plan(**plan.__dict__), ref, now=NOW)
    plan = update.Plan(**plan.__dict__)

    class Killed(BaseException):
        pass

    def stop(at: str) -> None:
        if at == "swap 4/6":
            raise Killed

    monkeypatch.setattr(update, "_checkpoint", stop)
    monkeypatch.setattr(journal, "backward", lambda entries, dirs: True)  # a killed process undoes nothing
    monkeypatch.setattr(journal, "finish", lambda work, checkpoint=None: None)
    with pytest.raises(Killed):
        update.apply_update(plan, folder, now=NOW)
    monkeypatch.undo()
    assert (folder / ".update" / journal.JOURNAL).exists()
    return state(ref)


def test_a_copied_folder_recovers_inside_the_copy_and_never_touches_the_original(tmp_path, plan, monkeypatch):
    original = copy_data(tmp_path / "originale" / "data")
    after = killed_mid_swap(original, plan, monkeypatch)
    half = state(original)
    copy = tmp_path / "copia" / "data"
    copy_tree(original, copy)
    monkeypatch.setattr(paths, "DATA_DIR", copy)
    cli.repair(copy)  # what every command does first, here on the copy
    assert state(copy) == after and not (copy / ".update").exists()
    assert state(original) == half and (original / ".update" / journal.JOURNAL).exists()  # untouched
    found = recovery.recover_now(original)  # the original repairs itself, at home
    assert found is not None and found.outcome == "completed" and not found.other_folder
    assert state(original) == after


def test_the_copy_says_where_the_journal_came_from(tmp_path, plan, monkeypatch):
    original = copy_data(tmp_path / "originale" / "data")
    killed_mid_swap(original, plan, monkeypatch)
    copy = tmp_path / "copia" / "data"
    copy_tree(original, copy)
    found = recovery.recover_now(copy)
    assert found is not None and found.outcome == "completed" and found.other_folder
    said = found.message("it")
    assert "completato" in said and "copia" in said and "originale non è stato toccato" in said
    assert str(original) not in said  # no server path on a page


def plant(folder: Path, entries: list[dict], staged: dict[str, bytes], doc: dict | None = None) -> Path:
    """A journal written by hand, with staged files under .update/staging/<root>/<name>."""
    work = folder / ".update"
    work.mkdir(exist_ok=True)
    for rel, data in staged.items():
        (work / "staging" / rel).parent.mkdir(parents=True, exist_ok=True)
        (work / "staging" / rel).write_bytes(data)
    body = (
        {
            "format": journal.FORMAT,
            "description": "piantato",
            "folder": journal.folder_id(folder),
            "entries": entries,
            "created_dirs": [],
        }
        if doc is None
        else doc
    )
    (work / journal.JOURNAL).write_text(json.dumps(body), encoding="utf-8")
    return work


PAYLOAD = b"scritto fuori dalla cartella dei dati\n"


def escaping(tmp_path: Path, folder: Path) -> dict[str, tuple[list[dict], dict[str, bytes]]]:
    outside = tmp_path / "fuori.txt"
    (folder / "derived" / "uscita").symlink_to(tmp_path, target_is_directory=True)
    return {
        "dot-dot": ([{"root": "data", "rel": "../fuori.txt", "old": None, "new": sha(PAYLOAD)}], {}),
        "absolute": ([{"root": "data", "rel": str(outside), "old": None, "new": sha(PAYLOAD)}], {}),
        "windows": ([{"root": "data", "rel": "..\\fuori.txt", "old": None, "new": sha(PAYLOAD)}], {}),
        "drive": ([{"root": "data", "rel": "C:/fuori.txt", "old": None, "new": sha(PAYLOAD)}], {}),
        "link outside": (
            [{"root": "data", "rel": "derived/uscita/fuori.txt", "old": None, "new": sha(PAYLOAD)}],
            {"data/derived/uscita/fuori.txt": PAYLOAD},
        ),
        "unknown root": (
            [{"root": "static", "rel": "districts.json", "old": None, "new": sha(PAYLOAD)}],
            {"static/districts.json": PAYLOAD},
        ),
        "root by path": ([{"root": str(tmp_path), "rel": "fuori.txt", "old": None, "new": sha(PAYLOAD)}], {}),
        "bad fingerprint": (
            [{"root": "data", "rel": "grants.csv", "old": "x", "new": "y"}],
            {"data/grants.csv": PAYLOAD},
        ),
        "nul byte": ([{"root": "data", "rel": "grants\x00.csv", "old": None, "new": sha(PAYLOAD)}], {}),
        "not a path": ([{"root": "data", "rel": ["grants.csv"], "old": None, "new": sha(PAYLOAD)}], {}),
    }


CASES = [
    "dot-dot",
    "absolute",
    "windows",
    "drive",
    "link outside",
    "unknown root",
    "root by path",
    "bad fingerprint",
    "nul byte",
    "not a path",
]


@pytest.mark.parametrize("case", CASES)
def test_a_journal_that_would_act_outside_is_set_aside_and_nothing_is_touched(tmp_path, scratch, case):
    try:
        cases = escaping(tmp_path, scratch)
    except OSError as exc:  # Windows without Developer Mode cannot create links
        pytest.skip(f"symbolic links not available: {exc}")
    entries, staged = cases[case]
    before_outside = sorted(p.name for p in tmp_path.iterdir())
    plant(scratch, entries, staged)
    before = {k: v for k, v in state(scratch).items() if "/.update/" not in k}
    found = recovery.recover_now(scratch)
    assert found is not None and found.outcome == "set_aside" and not found.ok
    assert found.aside.startswith(".update.rejected-") and (scratch / found.aside / journal.JOURNAL).exists()
    assert not (scratch / ".update").exists()
    assert {k: v for k, v in state(scratch).items() if ".update.rejected-" not in k} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == before_outside and not (tmp_path / "fuori.txt").exists()
    said = found.message("it")
    assert "messa da parte" in said and found.aside in said and "nessun file dei dati è stato toccato" in said
    assert recovery.recover_now(scratch) is None  # updates can run again
    assert [d.why for d in health.damaged_files(scratch)] == ["set_aside"]  # and /dati keeps saying so


def test_the_old_absolute_format_is_set_aside_and_its_folder_left_alone(tmp_path, scratch):
    other = copy_data(tmp_path / "altra" / "data")
    before_other = state(other)
    (scratch / ".update" / "staging" / "data").mkdir(parents=True)
    (scratch / ".update" / "staging" / "data" / "grants.csv").write_bytes(PAYLOAD)
    old = {
        "description": "vecchio",
        "roots": {"data": str(other)},
        "entries": [{"root": "data", "rel": "grants.csv", "put": True, "existed": True}],
        "created_dirs": [],
    }
    plant(scratch, [], {}, doc=old)
    found = recovery.recover_now(scratch)
    assert found is not None and found.outcome == "set_aside" and "formato vecchio" in found.detail
    assert state(other) == before_other and (scratch / "grants.csv").read_bytes() != PAYLOAD


@pytest.mark.parametrize("junk", [b"{", b"\xff\xfe\x00", b"[]", b'{"format": 2, "entries": 5}'])
def test_a_damaged_journal_is_set_aside(scratch, junk):
    before = state(scratch)
    (scratch / ".update").mkdir()
    (scratch / ".update" / journal.JOURNAL).write_bytes(junk)
    found = recovery.recover_now(scratch)
    assert found is not None and found.outcome == "set_aside"
    assert {k: v for k, v in state(scratch).items() if ".update.rejected-" not in k} == before


def test_files_that_match_neither_side_are_never_overwritten(scratch, plan, monkeypatch):
    killed_mid_swap(scratch, plan, monkeypatch)
    (scratch / "grants.csv").unlink(missing_ok=True)
    (scratch / "changelog.csv").write_bytes(b"modificato a mano dopo l'interruzione\n")
    edited = {k: v for k, v in state(scratch).items() if "/.update/" not in k}
    found = recovery.recover_now(scratch)
    assert found is not None and found.outcome == "set_aside" and "changelog.csv" in found.detail
    assert {k: v for k, v in state(scratch).items() if ".update.rejected-" not in k} == edited


def test_a_lock_file_that_cannot_be_used_is_named_and_stops_nothing_else(scratch, plan):
    (scratch / ".update").mkdir()
    (scratch / journal.LOCK_NAME).mkdir()  # a folder where the lock file should be
    found = recovery.recover_now(scratch)
    assert found is not None and found.outcome == "blocked" and ".update.lock" in found.message("it")
    with pytest.raises(journal.LockError, match=r"\.update\.lock"):
        update.apply_update(plan, scratch, now=NOW)


def test_a_link_planted_in_the_work_folder_cannot_lead_the_swap_out(tmp_path, scratch):
    """The staged copies are read from the work folder: a link there to a folder outside is refused, and the
    file it points to is neither moved nor read into the data."""
    elsewhere = tmp_path / "altrove" / "data"
    elsewhere.mkdir(parents=True)
    (elsewhere / "grants.csv").write_bytes(PAYLOAD)
    work = scratch / ".update"
    work.mkdir()
    try:
        (work / "staging").symlink_to(tmp_path / "altrove", target_is_directory=True)
    except OSError as exc:
        pytest.skip(f"symbolic links not available: {exc}")
    old = sha((scratch / "grants.csv").read_bytes())
    plant(scratch, [{"root": "data", "rel": "grants.csv", "old": old, "new": sha(PAYLOAD)}], {})
    found = recovery.recover_now(scratch)
    assert found is not None and found.outcome == "set_aside"
    assert (elsewhere / "grants.csv").read_bytes() == PAYLOAD and sha((scratch / "grants.csv").read_bytes()) == old


def test_a_lock_file_that_is_a_link_is_never_opened(tmp_path, scratch, plan):
    precious = tmp_path / "prezioso.txt"
    precious.write_bytes(PAYLOAD)
    try:
        (scratch / journal.LOCK_NAME).symlink_to(precious)
    except OSError as exc:
        pytest.skip(f"symbolic links not available: {exc}")
    with pytest.raises(journal.LockError):
        update.apply_update(update.Plan(**plan.__dict__), scratch, now=NOW)
    assert precious.read_bytes() == PAYLOAD  # not truncated by opening the lock


def test_a_recovery_interrupted_itself_is_finished_by_the_next_one(scratch, plan, monkeypatch):
    after = killed_mid_swap(scratch, plan, monkeypatch)
    real = journal.forward

    class Killed(BaseException):
        pass

    def forward_then_die(entries, checkpoint=None):
        real(entries[:4])  # one more swap done by the recovery, then it is killed too
        raise Killed

    monkeypatch.setattr(journal, "forward", forward_then_die)
    with pytest.raises(Killed):
        recovery.recover_now(scratch)
    monkeypatch.undo()
    found = recovery.recover_now(scratch)
    assert found is not None and found.outcome == "completed" and state(scratch) == after

"""Helpers shared by the update tests: candidate files, a stand-in for the geometry rebuild, folder states."""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pandas as pd

from district_stats import paths
from district_stats.ops import journal
from tests.scratch import copy_tree, snapshot

NOW = dt.datetime(2026, 11, 30, 10, 0, 0)


def grants_file(folder: Path, amount: str = "1292000", grant: str = "G001") -> bytes:
    """grants.csv of ``folder`` with one amount changed."""
    df = pd.read_csv(folder / "grants.csv", dtype="str", keep_default_na=False)
    df.loc[df["grant_id"] == grant, "amount_eur"] = amount
    return df.to_csv(index=False, lineterminator="\n").encode()


def next_change_ids(folder: Path, n: int = 1) -> list[str]:
    """The changelog ids the next ``n`` applies in ``folder`` will write (M + three digits, after the last)."""
    log = pd.read_csv(folder / "changelog.csv", dtype="str", keep_default_na=False)
    last = max((int(x[1:]) for x in log["change_id"] if x[1:].isdigit()), default=0)
    return [f"M{last + i:03d}" for i in range(1, n + 1)]


def amount_of(folder: Path, grant: str) -> str:
    df = pd.read_csv(folder / "grants.csv", dtype="str", keep_default_na=False)
    return str(df.loc[df["grant_id"] == grant, "amount_eur"].item())


def districts_file(folder: Path) -> bytes:
    df = pd.read_csv(folder / "districts.csv", dtype="str", keep_default_na=False)
    df.loc[0, "district_name"] = "Nuovo nome"
    return df.to_csv(index=False, lineterminator="\n").encode()


def fake_build_changes(data_dir: Path, static_dir: Path | None, tolerance_m: float = 0.0, inputs=None):
    """Stand-in for the geometry rebuild (13 s): rewrite, delete and add derived files and mirror copies."""
    geo = data_dir / "derived" / "geo"
    changes = [
        journal.Change("data", f"derived/geo/{rel}", (geo / rel).read_bytes() + b"\n")
        for rel in ("districts.geojson", "districts/D001.geojson", "districts/D002.geojson")
    ]
    changes += [
        journal.Change("data", "derived/geo/districts/D041.geojson", None),
        journal.Change("data", "derived/geo/nuova/cartella/D999.geojson", b"{}"),
        journal.Change("data", "derived/build.lock.json", b"{}\n"),
    ]
    if static_dir is not None:
        changes += [
            journal.Change("static", "districts.json", b"{}"),
            journal.Change("static", "districts/D041.json", None),
            journal.Change("static", "districts/D999.json", b"{}"),
        ]
    return changes, None


def copy_mirror(dst: Path) -> Path:
    """A scratch web mirror (as static/geo is for the bundled data)."""
    copy_tree(paths.STATIC_GEO_DIR, dst)
    return dst


def state(data: Path, mirror: Path | None = None) -> dict[str, str]:
    """md5 of every file of the data folder (and of the mirror): equal states, nothing changed."""
    out = {f"data/{k}": v for k, v in snapshot(data).items()}
    if mirror is not None:
        out |= {f"static/{k}": v for k, v in snapshot(mirror).items()}
    return out


def replace_tree(src: Path, dst: Path) -> None:
    """Put the tree ``src`` at ``dst`` (same path as before, so a journal written there is at home), moved, not
    copied: ``src`` is used up (each recorded state is looked at once, and a rename costs nothing)."""
    shutil.rmtree(dst, ignore_errors=True)
    os.replace(src, dst)

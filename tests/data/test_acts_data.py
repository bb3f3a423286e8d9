"""Sample acts naming real districts and comuni (made-up membership and amounts, stamped as examples) against the
committed data: the candidate passes the project's validation and changes only what the act names."""

from __future__ import annotations

import pytest

from district_stats.acts import Reference, candidate_table, read_act
from district_stats.analysis import stats
from district_stats.data import schema
from district_stats.data.candidate import check_candidate
from district_stats.data.files import frame_to_csv, table_path

URL = "https://www.regione.piemonte.it/esempio/atto-inventato.pdf"


@pytest.fixture(scope="module")
def reference(ds) -> Reference:
    return Reference.from_tables(ds.tables)


def lines_of(table: str, frame=None) -> list[str]:
    spec = schema.TABLES[table]
    if frame is None:
        return table_path(spec).read_text(encoding="utf-8").splitlines()
    return frame_to_csv(frame, spec).splitlines()


def test_a_members_act_asks_for_one_name_then_updates_only_its_two_districts(ds, reference, act_pdf):
    first = read_act(act_pdf("real_members"), "members", URL, reference=reference, filename="atto.pdf")
    assert first.districts == ["D039", "D092"] and not first.ok and not first.problems
    assert [u.name for u in first.unresolved] == ["Serralunga Dalba"]
    assert first.unresolved[0].suggestions[0].code == "004218"  # Serralunga d'Alba
    reading = read_act(
        act_pdf("real_members"),
        "members",
        URL,
        reference=reference,
        filename="atto.pdf",
        mapping=b"nome;codice\nSerralunga Dalba;004218\n",
    )
    assert reading.ok and len(reading.rows) == 19
    assert {r.comune_text: r.comune_name for r in reading.rows}["S. Vittoria d'Alba"] == "Santa Vittoria d'Alba"
    assert {r.comune_text: r.istat_code for r in reading.rows}["Bastia Mondovi"] == "004014"

    frame, report = candidate_table(reading, ds["district_members"])
    assert report.ok and frame is not None
    check = check_candidate(
        frame_to_csv(frame, schema.DISTRICT_MEMBERS).encode(), "district_members.csv", "district_members", ds
    )
    assert check.ok, [p.message() for p in check.problems[:5]]
    before, after = lines_of("district_members"), lines_of("district_members", frame)
    others = [ln for ln in before if not ln.startswith(("D039,", "D092,"))]
    assert [ln for ln in after if not ln.startswith(("D039,", "D092,"))] == others  # byte for byte, same order
    assert len(report.by_action("added")) == 10 and len(report.by_action("updated")) == 9
    assert [c.name for c in report.by_action("not_in_act")] == ["Santo Stefano Belbo"]  # kept: not asked to remove
    assert report.n_untouched == len(ds["district_members"]) - 9
    n_before = len(stats.current_members(ds["district_members"], ds["districts"]))
    n_after = len(stats.current_members(frame, ds["districts"]))
    assert n_after == n_before + 10  # rows resting on the act count as members today


def test_the_official_may_remove_the_members_the_act_does_not_list(ds, reference, act_pdf):
    reading = read_act(
        act_pdf("real_members"), "members", URL, reference=reference, mapping={"Serralunga Dalba": "004218"}
    )
    frame, report = candidate_table(reading, ds["district_members"], remove_missing=True)
    assert frame is not None and [c.key for c in report.by_action("removed")] == ["D039/004213"]
    assert check_candidate(
        frame_to_csv(frame, schema.DISTRICT_MEMBERS).encode(), "district_members.csv", "district_members", ds
    ).ok


def test_a_graduatoria_finds_its_call_and_changes_only_that_lines_rows(ds, reference, act_pdf):
    reading = read_act(act_pdf("real_graduatoria"), "grants", URL, reference=reference)
    assert reading.ok and (reading.call, reading.call_how) == ("L08", "act")  # «D.D. n. 706 del 18/12/2025»
    assert reading.districts == ["D014", "D036", "D041", "D063"]
    frame, report = candidate_table(reading, ds["grants"])
    assert report.ok and frame is not None
    check = check_candidate(frame_to_csv(frame, schema.GRANTS).encode(), "grants.csv", "grants", ds)
    assert check.ok, [p.message() for p in check.problems[:5]]
    assert [c.key for c in report.by_action("replaced")] == ["G027", "G078"]
    last = max(int(g[1:]) for g in ds["grants"]["grant_id"])
    assert [c.key for c in report.by_action("added")] == [f"G{last + 1}", f"G{last + 2}"]
    before, after = lines_of("grants"), lines_of("grants", frame)
    changed = {"G027", "G078"}
    assert [ln for ln in after if ln.split(",")[0] not in changed][: len(before) - 2] == [
        ln for ln in before if ln.split(",")[0] not in changed
    ]
    g = frame.set_index("grant_id")
    assert g.loc["G078", "amount_eur"] == 288123.45 and g.loc["G078", "source_urls"] == URL
    assert g.loc["G120", "amount_kind"] == "requested"  # Novara's requested amount stays beside the new allocation

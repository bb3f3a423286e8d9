"""An act updates what it names: candidate tables from readings, on tiny made-up tables."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from district_stats.acts import ActInfo, ActReading, ActRow, Unresolved, candidate_table
from district_stats.data import schema
from district_stats.data.files import frame_to_csv

URL = "https://www.regione.piemonte.it/esempio/atto.pdf"
ACT = ActInfo("D.D. n. 906 del 18/12/2025", "906", dt.date(2025, 12, 18))
M_COLS = schema.DISTRICT_MEMBERS.column_names
G_COLS = schema.GRANTS.column_names


def members() -> pd.DataFrame:
    rows = [  # district, code, name, role, year, basis
        ("D901", "004003", "Alba", "capofila", 2024, "current"),
        ("D901", "004029", "Bra", "member", 2021, "current"),
        ("D901", "004105", "La Morra", "former_member", 2021, "current"),
        ("D901", "004050", "Castiglione Falletto", "member", 2021, "candidacy"),
        ("D901", "004073", "Cortemilia", "member", 2024, "current"),
        ("D902", "004067", "Cherasco", "capofila", 2026, "current"),
        ("D903", "004086", "Farigliano", "member", 2025, "current"),
    ]
    frame = pd.DataFrame(
        [
            {
                "district_id": d,
                "istat_code": c,
                "comune_name": n,
                "role": r,
                "stated_year": y,
                "list_basis": b,
                "confidence": "medium",
                "source_urls": "https://example.org/a",
                "notes": None,
            }
            for d, c, n, r, y, b in rows
        ],
        columns=M_COLS,
    )
    return frame.astype({"stated_year": "Int64"})


def member_reading(rows: list[tuple[str, str, str]], **kw) -> ActReading:
    return ActReading(
        "district_members",
        "atto.pdf",
        URL,
        ACT,
        capofila={"D901": "004003", "D902": "004067"},
        rows=[
            ActRow(page=1, district_text=d, district_id=d, comune_text=n, istat_code=c, comune_name=n, **kw)
            for d, c, n in rows
        ],
    )


def test_only_the_districts_of_the_act_change_and_the_rest_is_byte_for_byte_the_same():
    before = members()
    reading = member_reading(
        [
            ("D901", "004003", "Alba"),
            ("D901", "004029", "Bra"),
            ("D901", "004105", "La Morra"),
            ("D901", "004011", "Barbaresco"),
        ]
    )
    frame, report = candidate_table(reading, before)
    assert report.ok and frame is not None and report.districts == ["D901"]
    assert list(frame.columns) == M_COLS and dict(frame.dtypes) == dict(before.dtypes)
    rows = {(r.district_id, r.istat_code): r for r in frame.itertuples()}
    added = rows[("D901", "004011")]
    assert (added.role, added.stated_year, added.list_basis, added.confidence, added.source_urls) == (
        "member",
        2025,
        "act",
        "high",
        URL,
    )
    assert added.notes == "atto: D.D. n. 906 del 18/12/2025 (p. 1)"
    alba, bra, morra = rows[("D901", "004003")], rows[("D901", "004029")], rows[("D901", "004105")]
    assert (alba.role, alba.stated_year, alba.list_basis, alba.confidence) == ("capofila", 2025, "act", "high")
    assert alba.source_urls == f"{URL};https://example.org/a"  # the act first, the other sources kept
    assert morra.role == "member" and bra.stated_year == 2025
    old_lines = frame_to_csv(before, schema.DISTRICT_MEMBERS).splitlines()
    new_lines = frame_to_csv(frame, schema.DISTRICT_MEMBERS).splitlines()
    untouched = [ln for ln in old_lines if not ln.startswith("D901,")]
    assert [ln for ln in new_lines if not ln.startswith("D901,")] == untouched  # same rows, same order, same bytes
    assert rows[("D901", "004050")].list_basis == "candidacy"  # a candidacy row the act does not list: untouched
    assert new_lines.index(next(ln for ln in new_lines if "004011" in ln)) < new_lines.index(
        next(ln for ln in new_lines if ln.startswith("D902"))
    )  # a new row goes with its district
    assert {c.action for c in report.changes} == {"added", "updated", "not_in_act"}
    assert [c.name for c in report.by_action("not_in_act")] == ["Cortemilia"]  # kept, reported
    assert ("D901", "004073") in rows and report.n_rows_after == len(before) + 1
    assert dict((f, (o, n)) for f, o, n in report.by_action("updated")[0].fields)["list_basis"] == ("current", "act")


def test_members_not_in_the_act_are_removed_only_when_asked():
    reading = member_reading([("D901", "004003", "Alba")])
    frame, report = candidate_table(reading, members(), remove_missing=True)
    assert frame is not None
    kept = set(frame.loc[frame["district_id"] == "D901", "istat_code"])
    assert kept == {"004003", "004105", "004050"}  # former member and candidacy rows are not «members»
    assert sorted(c.name for c in report.by_action("removed")) == ["Bra", "Cortemilia"]


def test_a_comune_the_act_moves_from_another_district_is_never_moved_silently():
    reading = member_reading([("D901", "004003", "Alba"), ("D901", "004086", "Farigliano")])
    frame, report = candidate_table(reading, members())
    assert frame is None and [p.code for p in report.problems] == ["act_comune_elsewhere"]
    assert "Farigliano (004086) è oggi nel distretto D903" in report.problems[0].message()


def test_a_reading_that_is_not_ready_gives_no_candidate():
    reading = member_reading([("D901", "004003", "Alba")])
    reading.unresolved.append(Unresolved("Somariva", "comune", (2,)))
    frame, report = candidate_table(reading, members())
    assert frame is None and [p.code for p in report.problems] == ["act_unresolved_comune_none"]
    empty = ActReading("district_members", "atto.pdf", URL, ACT)
    assert [p.code for p in candidate_table(empty, members())[1].problems] == ["act_no_rows"]


def test_the_capofila_the_act_marks():
    reading = member_reading([("D902", "004067", "Cherasco"), ("D902", "004105", "La Morra")])
    reading.rows[1] = ActRow(
        page=1, district_text="D902", district_id="D902", istat_code="004105", comune_name="La Morra", is_capofila=True
    )
    frame, _ = candidate_table(reading, members())
    roles = dict(
        zip(
            frame.loc[frame["district_id"] == "D902", "istat_code"],
            frame.loc[frame["district_id"] == "D902", "role"],
            strict=True,
        )
    )
    assert roles == {"004067": "member", "004105": "capofila"}


def grants() -> pd.DataFrame:
    rows = [  # id, district, line, amount, kind, rank, restates
        ("G001", "D901", "L08", 290000.0, "allocated", 13, None),
        ("G002", "D901", "L08", 60000.0, "cofinancing", None, None),
        ("G003", "D902", "L08", 100.0, "allocated", None, None),
        ("G004", "D902", "L08", 200.0, "allocated", None, None),
        ("G005", "D903", "L08", 290300.0, "allocated", None, None),
        ("G006", "D901", "L03", 292000.0, "allocated", 7, None),
        ("G010", "D901", "L09", 292000.0, "business_call", None, "G006"),
    ]
    frame = pd.DataFrame(
        [
            {
                "grant_id": g,
                "district_id": d,
                "line_id": ln,
                "year": 2025,
                "amount_eur": a,
                "amount_kind": k,
                "rank": r,
                "confidence": "medium",
                "source_urls": "https://example.org/g",
                "restates_grant_id": rs,
                "refers_to_grant_ids": None,
                "notes": "old note",
            }
            for g, d, ln, a, k, r, rs in rows
        ],
        columns=G_COLS,
    )
    return frame.astype({"year": "Int64", "rank": "Int64"})


def grant_reading(rows: list[tuple[str, float | None, int]], call: str = "L08") -> ActReading:
    return ActReading(
        "grants",
        "atto.pdf",
        URL,
        ACT,
        call=call,
        call_how="given",
        rows=[
            ActRow(
                page=2,
                district_text=f"Distretto {d}",
                district_id=d,
                amount_eur=a,
                not_financed=a is None,
                amount_text="" if a is None else str(a),
                score_text="90,5",
                rank=r,
            )
            for d, a, r in rows
        ],
    )


def test_a_graduatoria_replaces_the_lines_amounts_and_adds_new_rows():
    before = grants()
    frame, report = candidate_table(
        grant_reading([("D901", 288123.45, 1), ("D902", 150.0, 2), ("D904", None, 3)]), before
    )
    assert report.ok and frame is not None and report.call == "L08"
    g = frame.set_index("grant_id")
    assert (g.loc["G001", "amount_eur"], g.loc["G001", "rank"], g.loc["G001", "confidence"]) == (288123.45, 1, "high")
    assert g.loc["G001", "source_urls"] == URL and g.loc["G001", "year"] == 2025
    assert g.loc["G001", "notes"].startswith("atto: D.D. n. 906 del 18/12/2025 (p. 2); punteggio 90,5; prima: 290000")
    assert g.loc["G002", "amount_eur"] == 60000.0 and g.loc["G002", "notes"] == "old note"  # co-financing untouched
    assert "G004" not in g.index and g.loc["G003", "amount_eur"] == 150.0  # two rows of one district: one left
    assert g.loc["G011", "amount_kind"] == "not_financed" and pd.isna(g.loc["G011", "amount_eur"])
    assert g.loc["G011", "district_id"] == "D904" and g.loc["G011", "rank"] == 3  # the ids continue the sequence
    assert [c.key for c in report.by_action("replaced")] == ["G001", "G003"]
    assert [c.key for c in report.by_action("removed")] == ["G004"] and [c.key for c in report.by_action("added")] == [
        "G011"
    ]
    assert [c.key for c in report.by_action("not_in_act")] == ["G005"]  # kept, reported
    fields = {f: (o, n) for f, o, n in report.by_action("replaced")[0].fields}
    assert fields["amount_eur"] == ("290000", "288123.45") and fields["rank"] == ("13", "1")
    unchanged = ["G002", "G005", "G006", "G010"]
    assert g.loc[unchanged].equals(before.set_index("grant_id").loc[unchanged])
    assert dict(frame.dtypes) == dict(before.dtypes)


def test_a_replaced_row_that_another_row_cites_is_a_problem():
    before = grants()
    before.loc[before["grant_id"] == "G010", "restates_grant_id"] = "G004"
    before.loc[before["grant_id"] == "G010", "district_id"] = "D902"
    frame, report = candidate_table(grant_reading([("D902", 150.0, 1)]), before)
    assert frame is None and [p.code for p in report.problems] == ["act_grant_referenced"]


def test_the_report_in_words():
    frame, report = candidate_table(
        member_reading([("D901", "004003", "Alba"), ("D901", "004011", "Barbaresco")]), members()
    )
    it, en = report.summary("it"), report.summary("en")
    assert it[0] == "L'atto «D.D. n. 906 del 18/12/2025» copre 1 distretto (D901): cambiano solo le sue righe."
    assert "1 riga nuova: Barbaresco (D901)" in it
    assert any(
        line.startswith("2 righe non nell'atto (restano come sono): Bra (D901), Cortemilia (D901)") for line in it
    )
    assert it[-1] == "6 righe della tabella restano identiche." and en[-1].startswith("6 rows of the table stay")


def test_a_district_without_rows_gets_its_list_in_id_order():
    reading = member_reading([("D902", "004011", "Barbaresco")])
    before = members()
    before = before[before["district_id"] != "D902"].reset_index(drop=True)
    frame, report = candidate_table(reading, before)
    assert list(frame["district_id"]) == ["D901"] * 5 + ["D902", "D903"]
    assert frame.iloc[5]["istat_code"] == "004011" and [c.action for c in report.changes] == ["added"]

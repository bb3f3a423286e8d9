"""The preview an official signs, on tiny synthetic frames (named SYNTH_*: never real data): every change by
name (district, comune or call, field, old -> new), the dashboard's figures before -> after computed by its own
rules (never a sum across kinds of amount), the districts whose comuni change, the sources register kept in step."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from district_stats.content.text.safe_text import visible
from district_stats.data import schema
from district_stats.ops import changes, effects, preview, register_sync
from district_stats.ops.act_update import is_pdf, url_ok
from district_stats.ops.plan import ActSource, Plan

SYNTH_NAMES = {"D901": "Distretto Esempio Uno", "D902": "Distretto Esempio Due"}
SYNTH_GRANTS = pd.DataFrame(
    {
        "grant_id": ["G1", "G2", "G3"],
        "district_id": ["D901", "D902", "D902"],
        "line_id": ["S1", "S1", "B1"],
        "year": [2022, 2022, 2023],
        "amount_eur": [100.0, 50.0, 999.0],
        "amount_kind": ["allocated", "allocated", "business_call"],
        "amount_approximate": [False] * 3,
        "rank": [None, None, None],
        "confidence": ["high"] * 3,
        "source_urls": ["https://a.it"] * 3,
        "restates_grant_id": [None] * 3,
        "refers_to_grant_ids": [None] * 3,
        "notes": [None] * 3,
    }
)
SYNTH_MEMBERS = pd.DataFrame(
    {
        "district_id": ["D901", "D901", "D902"],
        "istat_code": ["000001", "000002", "000003"],
        "comune_name": ["Alfa", "Beta", "Gamma"],
        "role": ["capofila", "member", "capofila"],
        "list_basis": ["current"] * 3,
    }
)
SYNTH_DISTRICTS = pd.DataFrame(
    {
        "district_id": ["D901", "D902"],
        "district_name": ["Distretto Esempio Uno", "Distretto Esempio Due"],
        "short_name": ["Uno", "Due"],
        "province_code": ["TO", "CN"],
        "district_type": ["urbano", "diffuso"],
        "active_status": ["confirmed", "confirmed"],
        "members_status": ["complete", "partial"],
    }
)
SYNTH_COMUNI = pd.DataFrame(
    {"istat_code": ["000001", "000002", "000003", "000004"], "population": [1000, 2000, 3000, 4000]}
)
SYNTH_LINES = pd.DataFrame(
    {
        "line_id": ["S1", "B1"],
        "label_it": ["Bando strategico", "Bandi imprese"],
        "label_en": ["Strategic", "Biz"],
        "amount_eur": [1000.0, None],
        "in_reconstruction": [True, False],
        "in_extended_reconstruction": [True, False],
        "district_amounts": ["strategic_call", "not_summed"],
        "n_beneficiaries": pd.array([10, None], dtype="Int64"),
    }
)


def tables(grants: pd.DataFrame = SYNTH_GRANTS, members: pd.DataFrame = SYNTH_MEMBERS) -> dict[str, pd.DataFrame]:
    return {
        "grants": grants,
        "district_members": members,
        "districts": SYNTH_DISTRICTS,
        "comuni": SYNTH_COMUNI,
        "funding_lines": SYNTH_LINES,
    }


def test_a_changed_amount_is_named_by_district_call_and_field():
    after = SYNTH_GRANTS.assign(amount_eur=[100.0, 75.0, 999.0])
    rows = changes.row_changes(schema.GRANTS, SYNTH_GRANTS, after, [], [], ["G2"], SYNTH_NAMES)
    assert [(r.action, r.district, r.item, r.column, r.old, r.new) for r in rows] == [
        ("changed", "Distretto Esempio Due", "S1", "amount_eur", "50", "75")
    ]
    assert dict(rows[0].detail) == {"amount_kind": "allocated", "year": "2022"}


def test_added_and_removed_rows_are_named_and_sorted_by_district():
    after = pd.concat(
        [
            SYNTH_MEMBERS.iloc[[0, 2]],
            pd.DataFrame(
                {
                    "district_id": ["D902"],
                    "istat_code": ["000004"],
                    "comune_name": ["Delta"],
                    "role": ["member"],
                    "list_basis": ["act"],
                }
            ),
        ],
        ignore_index=True,
    )
    rows = changes.row_changes(
        schema.DISTRICT_MEMBERS, SYNTH_MEMBERS, after, ["D902/000004"], ["D901/000002"], [], SYNTH_NAMES
    )
    assert [(r.action, r.district, r.item, r.new or r.old) for r in rows] == [
        ("added", "Distretto Esempio Due", "Delta", "member"),
        ("removed", "Distretto Esempio Uno", "Beta", "member"),
    ]


def test_districts_whose_comuni_change_before_and_after():
    after = SYNTH_MEMBERS.assign(role=["capofila", "former_member", "capofila"])  # Beta leaves D901
    found = changes.district_changes(SYNTH_MEMBERS, after, SYNTH_NAMES, also=["D902"])
    assert [(d.district_id, d.before, d.after, d.removed) for d in found] == [
        ("D901", ("000001", "000002"), ("000001",), ("000002",)),
        ("D902", ("000003",), ("000003",), ()),
    ]
    assert dict(found[0].comuni) == {"000001": "Alfa", "000002": "Beta"}


def test_figures_follow_the_dashboards_rules_and_never_sum_kinds():
    before = effects.figures(tables(), ("B1",))
    assert before["comuni"].value == 3 and before["residents"].value == 6000
    assert before["complete"].value == 1 and before["complete"].n == 2
    assert (before["calls"].value, before["calls"].n) == (999.0, 1)  # business calls alone
    assert before["line:S1"].value == 150 and before["line:S1"].share == pytest.approx(0.15)
    assert before["line:B1"].value == 0 and before["total"].value == 1000  # the call is not an allocation
    after = effects.figures(tables(SYNTH_GRANTS.assign(amount_eur=[100.0, 75.0, 999.0])), ("B1",))
    moved = {d.key: d for d in effects.deltas(before, after, (SYNTH_LINES,)) if d.changed}
    assert list(moved) == ["line:S1"] and moved["line:S1"].label_it == "Bando strategico"


def test_the_before_figures_are_kept_per_data_version():
    first = effects.before_figures(("v-test",), tables())
    assert effects.before_figures(("v-test",), {}) is first  # the second call never recomputes
    assert effects.before_figures(("v-other",), {}) == {}


def test_an_unknown_total_is_not_zero():
    d = effects.FigureDelta("x", effects.Value(1.0, total=float("nan")), effects.Value(1.0, total=float("nan")))
    assert not d.changed and effects.FigureDelta("x", None, effects.Value(0.0)).changed


def _plan() -> Plan:
    before, after = (
        effects.figures(tables(), ()),
        effects.figures(tables(SYNTH_GRANTS.assign(amount_eur=[100.0, 75.0, 999.0])), ()),
    )
    return Plan(
        "grants",
        "nuovi importi.csv",
        frame=SYNTH_GRANTS,
        changed=["G2"],
        rows=changes.row_changes(
            schema.GRANTS, SYNTH_GRANTS, SYNTH_GRANTS.assign(amount_eur=[100, 75, 999.0]), [], [], ["G2"], SYNTH_NAMES
        ),
        figures=effects.deltas(before, after, (SYNTH_LINES,)),
    )


def test_the_preview_in_words_names_old_and_new_values_and_the_figures():
    v = preview.view(_plan(), "it")
    assert v.rows == [
        [
            "modificata",
            "Distretto Esempio Due",
            "Bando strategico (S1) · assegnato · 2022",
            "Importo (€)",
            "50,00 €",
            "75,00 €",
        ]
    ]
    lines = {f.label: (f.before, f.after, f.changed) for f in v.figures}
    assert lines["Bando strategico: importi attribuiti ai distretti"] == (
        "150 € di 1.000 € (15,0%), 2 distretti",
        "175 € di 1.000 € (17,5%), 2 distretti",
        True,
    )
    assert lines["Comuni nei distretti"][2] is False
    text = preview.preview_text(_plan(), "it")
    assert "importo totale" not in text and "G2" not in text  # no key instead of a name, no mixed sum
    assert "[modificata] Distretto Esempio Due · Bando strategico (S1)" in text and "50,00 € → 75,00 €" in text
    assert "modified" not in preview.preview_text(_plan(), "en") and "changed" in preview.preview_text(_plan(), "en")


def test_hostile_values_stay_plain_text_in_the_preview():
    plan = _plan()
    plan.rows = [
        changes.RowChange(
            "added",
            "district_members",
            "D9/1",
            "D9",
            "**EVIL** [x](https://evil.example)",
            "<b>EVIL</b>\u202e",
            "comune",
            "role",
            "",
            "member",
        )
    ]
    row = preview.view(plan, "it").rows[0]
    assert row[1] == "**EVIL** [x](https://evil.example)" and row[2] == "<b>EVIL</b>"  # literal, invisible dropped
    assert visible(preview.safe_text.md(row[1])) == row[1]


SYNTH_REGISTER = pd.DataFrame(
    {
        "url": ["https://a.it", "https://old-act.it"],
        "publisher": ["A", "Regione Piemonte"],
        "title": [None, "D.D. 1"],
        "title_basis": ["not_verified", "page"],
        "published_date": [None, "2025-01-01"],
        "published_precision": ["none", "day"],
        "published_basis": ["not_verified", "page"],
        "accessed_date": pd.to_datetime(["2026-12-01", "2026-12-02"]),
        "source_type": ["altro", "atto"],
        "language": ["it", "it"],
        "notes": ["by hand", register_sync.MARK + " (a.pdf)."],
    }
)


def test_the_register_gains_the_acts_address_and_loses_an_act_row_no_longer_cited():
    act = ActSource(
        "https://new-act.it/dd.pdf",
        "Determinazione dirigenziale n. 9 del 18/12/2025",
        dt.date(2025, 12, 18),
        True,
        None,
        "atto.pdf",
    )
    cited = {"grants": SYNTH_GRANTS.assign(source_urls=["https://a.it", "https://new-act.it/dd.pdf", "https://a.it"])}
    out = register_sync.register_after(SYNTH_REGISTER, cited, act, dt.date(2026, 12, 7))
    assert out.added == ("https://new-act.it/dd.pdf",) and out.removed == ("https://old-act.it",)
    row = out.frame.set_index("url").loc["https://new-act.it/dd.pdf"]
    assert (
        row["publisher"],
        row["source_type"],
        row["title_basis"],
        row["published_date"],
        row["published_basis"],
    ) == ("Regione Piemonte", "atto", "page", "2025-12-18", "page")
    assert list(out.frame["url"]) == sorted(out.frame["url"]) and "https://a.it" in set(out.frame["url"])
    given = register_sync.act_row(ActSource("https://x.it", "", dt.date(2025, 1, 1), False), dt.date(2026, 1, 1))
    assert given["title"] is None and given["published_basis"] == "not_verified" and given["published_date"] is None
    assert register_sync.register_after(SYNTH_REGISTER.iloc[:1], {"grants": SYNTH_GRANTS}, None).frame is None


def test_an_address_cited_again_gets_back_its_row_from_the_saved_register():
    """The restore of a version from before an act: the address the act had replaced is cited again."""
    saved = SYNTH_REGISTER.astype("str").assign(
        accessed_date=["2026-12-01", "2026-12-02"], title=["", "D.D. 1"], published_date=["", "2025-01-01"]
    )
    cited = {"grants": SYNTH_GRANTS.assign(source_urls=["https://a.it", "https://old-act.it", "https://a.it"])}
    out = register_sync.register_after(SYNTH_REGISTER.iloc[:1], cited, None, saved=lambda: iter([saved]))
    assert out.added == ("https://old-act.it",) and not out.removed
    back = out.frame.set_index("url").loc["https://old-act.it"]
    assert (back["title"], back["published_date"], back["accessed_date"]) == (
        "D.D. 1",
        "2025-01-01",
        pd.Timestamp("2026-12-02"),
    )
    unknown = register_sync.register_after(SYNTH_REGISTER.iloc[:1], cited, None, saved=lambda: iter([]))
    assert unknown.frame is None  # nobody read that page: no row is made up for it


@pytest.mark.parametrize(
    "url,ok",
    [
        ("https://www.regione.piemonte.it/atto.pdf", True),
        ("http://a.it/x?y=1", True),
        ("ftp://a.it/x.pdf", False),
        ("javascript:alert(1)", False),
        ("", False),
        ("https://a.it/x y", False),
        ("https://a.it/x;https://b.it", False),
        ('https://a.it/"><b>', False),
        ("https://a.it/" + "x" * 600, False),
    ],
)
def test_the_acts_address_is_checked(url, ok):
    assert url_ok(url) is ok


def test_a_pdf_is_told_by_its_name_or_its_first_bytes():
    assert is_pdf("ATTO.PDF", b"") and is_pdf("allegato", b"%PDF-1.7\n") and not is_pdf("g.csv", b"a,b\n")


SYNTH_GEO = {
    "type": "FeatureCollection",
    "features": [
        {
            "type": "Feature",
            "id": code,
            "properties": {},
            "geometry": {
                "type": "Polygon",
                "coordinates": [[[7 + i, 45], [7.5 + i, 45], [7.5 + i, 45.5], [7 + i, 45]]],
            },
        }
        for i, code in enumerate(("000001", "000002", "000003", "000004"))
    ],
}


def test_the_change_map_draws_before_and_after_with_every_name_escaped():
    from district_stats.content.figures.change_map import change_map
    from tests.markup import figure_problems

    fig = change_map(
        ("000001", "000002"),
        ("000001", "000003", "000004"),
        {"000001": "Alfa", "000002": "<b>EVIL</b>", "000003": "Gamma", "000004": "Delta"},
        SYNTH_GEO,
        '<a href="javascript:alert(1)">EVIL</a>',
        not_in_act=("000001",),
    )
    drawn = {(t.geo, t.name): list(t.locations) for t in fig.data}
    assert drawn == {
        ("geo", "resta"): ["000001"],
        ("geo", "tolto"): ["000002"],
        ("geo2", "aggiunto"): ["000003", "000004"],
        ("geo2", "non nell'atto (resta)"): ["000001"],
    }
    assert [a.text for a in fig.layout.annotations] == ["Prima: 2 comuni", "Dopo: 3 comuni"]
    assert figure_problems(fig.to_json()) == []

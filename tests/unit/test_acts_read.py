"""Reading sample acts (tests/acts_samples.py): every layout gives the same rows, names resolved or asked for."""

from __future__ import annotations

import datetime as dt

import pytest

from district_stats.acts import read_act
from tests.acts_samples import URL

MEMBERS = [
    ("D901", "004003"),
    ("D901", "004029"),
    ("D901", "004211"),
    ("D901", None),
    ("D902", "004067"),
    ("D902", "004105"),
]


def read(act_pdf, act_reference, name: str, kind: str = "members", **kw):
    return read_act(act_pdf(name), kind, URL, reference=act_reference, filename=f"{name}.pdf", **kw)


@pytest.mark.parametrize("name", ["ruled_members", "borderless_members", "heading_members", "grouped_members"])
def test_each_members_layout_gives_the_same_rows(act_pdf, act_reference, name):
    r = read(act_pdf, act_reference, name)
    assert [(row.district_id, row.istat_code) for row in r.rows] == MEMBERS
    assert [row.comune_text for row in r.rows][2:4] == ["Sant’Albano Stura", "Somariva del Bosco"]
    assert {row.page for row in r.rows} == {1} and {row.province for row in r.rows} == {"CN"}
    assert r.act.label == "Determinazione dirigenziale n. 906 del 18/12/2025"
    assert r.act.act_date == dt.date(2025, 12, 18) and r.act.number == "906"
    assert r.districts == ["D901", "D902"] and r.table == "district_members" and r.source_url == URL


def test_an_unresolved_name_blocks_and_comes_with_suggestions(act_pdf, act_reference):
    r = read(act_pdf, act_reference, "ruled_members")
    assert not r.ok and not r.problems and len(r.unresolved) == 1
    u = r.unresolved[0]
    assert (u.name, u.kind, u.pages, u.province) == ("Somariva del Bosco", "comune", (1,), "CN")
    assert u.suggestions[0].code == "004222" and u.suggestions[0].label == "Sommariva del Bosco (CN)"
    assert u.suggestions[0].score >= 90 and all(s.score < u.suggestions[0].score for s in u.suggestions[1:])
    message = r.all_problems()[0].message()
    assert "«Somariva del Bosco»" in message and "Sommariva del Bosco (CN)" in message and "p. 1" in message


@pytest.mark.parametrize(
    "mapping",
    [{"Somariva del Bosco": "004222"}, b"nome;codice\nsomariva del bosco;4222\n", "Somariva del Bosco,004222"],
)
def test_the_officials_mapping_resolves_the_name_on_the_next_reading(act_pdf, act_reference, mapping):
    r = read(act_pdf, act_reference, "ruled_members", mapping=mapping)
    assert r.ok and [row.istat_code for row in r.rows][3] == "004222"
    assert r.rows[3].comune_name == "Sommariva del Bosco"


def test_wrapped_cells_are_joined_into_the_row_above(act_pdf, act_reference):
    r = read(act_pdf, act_reference, "wrapped_members", mapping={"Somariva del Bosco": "004222"})
    assert r.ok
    assert [row.district_text for row in r.rows] == ["Distretto del Commercio delle Colline Esempio"] * 4 + [
        "Distretto Diffuso del Commercio della Valle Immaginaria e delle Terre di Mezzo"
    ]
    assert [row.district_id for row in r.rows] == ["D901"] * 4 + ["D903"]
    assert r.rows[-1].istat_code == "004050"


@pytest.mark.parametrize(
    "name",
    [
        "multipage_members",
        "multipage_borderless_no_repeat",
        pytest.param("multipage_borderless", marks=pytest.mark.slow),  # three pages: ~0.7 s each; the two
        pytest.param("multipage_no_repeat", marks=pytest.mark.slow),  # above cover both mechanisms in the fast tier
    ],
)
def test_a_table_across_three_pages_with_or_without_its_header_repeated(act_pdf, act_reference, name):
    r = read(act_pdf, act_reference, name)
    assert r.ok and r.n_pages == 3
    assert [row.istat_code for row in r.rows] == [f"099{i:03d}" for i in range(1, 91)]  # none lost, no header row
    assert [row.page for row in r.rows] == sorted(row.page for row in r.rows) and r.rows[-1].page == 3
    assert r.rows[0].page == 1 and {row.page for row in r.rows} == {1, 2, 3}


def test_lists_of_comuni_written_in_the_text(act_pdf, act_reference):
    r = read(act_pdf, act_reference, "inline_members", mapping={"Somariva del Bosco": "004222"})
    assert r.ok, [p.message() for p in r.all_problems()]
    assert [row.district_id for row in r.rows] == ["D901"] * 16 + ["D902"] * 2
    assert [row.istat_code for row in r.rows][:4] == ["004003", "004029", "004211", "004222"]
    assert [row.istat_code for row in r.rows][4:16] == [f"099{i:03d}" for i in range(1, 13)]  # over wrapped lines
    assert [row.comune_name for row in r.rows][16:] == ["Cherasco", "La Morra"]  # «Cherasco e La Morra.»


def test_a_graduatoria_gives_amounts_scores_positions_and_its_call(act_pdf, act_reference):
    r = read(act_pdf, act_reference, "graduatoria", "grants")
    assert r.ok and r.table == "grants"
    assert [(row.district_id, row.amount_eur, row.score_text, row.rank) for row in r.rows] == [
        ("D901", 292306.63, "92,50", 1),
        ("D902", 250000.0, "88,00", 2),
        ("D903", 1234.56, "71,25", 3),
    ]
    assert (r.call, r.call_how) == ("L01a", "act")  # «D.D. n. 146 del 28/06/2021» is cited by L01a
    assert r.rows[2].district_text.endswith("Valle Immaginaria e delle Terre di Mezzo")  # wrapped in its cell


@pytest.mark.parametrize("shaded", [False, True])
def test_a_borderless_graduatoria_and_a_call_given_by_the_official(act_reference, shaded):
    """Without lines; and on bands of colour (boxes behind every other row, which are not a ruled table)."""
    from tests.acts_samples import graduatoria

    r = read_act(graduatoria(ruled=False, shaded=shaded), "grants", URL, reference=act_reference, call="L08")
    assert r.ok and (r.call, r.call_how) == ("L08", "given")
    assert [row.amount_eur for row in r.rows] == [292306.63, 250000.0, 1234.56]


def test_a_call_that_does_not_exist_or_cannot_be_found_is_asked_for(act_pdf, act_reference):
    from tests.acts_samples import graduatoria

    r = read(act_pdf, act_reference, "graduatoria", "grants", call="L99")
    assert not r.ok and [p.code for p in r.problems] == ["act_unknown_call"]
    assert "L01a, L08" in r.problems[0].message()
    other = read_act(graduatoria(act="D.D. n. 1 del 02/01/2024"), "grants", URL, reference=act_reference)
    assert [p.code for p in other.problems] == ["act_no_call"]
    assert "D.D. n. 1 del 02/01/2024" in other.problems[0].message()


def test_district_on_every_row_or_in_a_heading_and_a_list_in_one_cell(act_reference):
    from tests.acts_samples import members_act

    r = read_act(
        members_act(
            [
                ("Distretto Urbano del Commercio di Prova", "Cherasco, La Morra e Alba", "CN"),
                ("Colline Esempio", "Bra (capofila); Lu e Cuccaro Monferrato (AL)", ""),
            ]
        ),
        "members",
        URL,
        reference=act_reference,
    )
    assert r.ok
    assert [(row.district_id, row.istat_code, row.is_capofila) for row in r.rows] == [
        ("D902", "004067", False),
        ("D902", "004105", False),
        ("D902", "004003", False),
        ("D901", "004029", True),
        ("D901", "006091", False),
    ]
    assert r.rows[-1].province == "AL"


def test_a_comune_in_two_districts_of_the_act_is_a_problem(act_reference):
    from tests.acts_samples import members_act

    r = read_act(
        members_act([("Prova", "Cherasco", "CN"), ("Colline Esempio", "Cherasco", "CN")]),
        "members",
        URL,
        reference=act_reference,
    )
    assert [p.code for p in r.problems] == ["act_comune_twice"] and not r.ok


def test_the_act_date_missing_and_given(act_reference):
    from tests.acts_samples import members_act

    pdf = members_act([("Prova", "Cherasco", "CN")], act="Allegato senza numero")
    r = read_act(pdf, "members", URL, reference=act_reference)
    assert [p.code for p in r.problems] == ["act_no_date"]
    r2 = read_act(pdf, "members", URL, reference=act_reference, act_date=dt.date(2024, 3, 1))
    assert r2.ok and r2.act.year == 2024


def test_a_bad_address_or_kind_is_refused(act_pdf, act_reference):
    r = read_act(
        act_pdf("ruled_members"),
        "members",
        "javascript:alert(1)",
        reference=act_reference,
        mapping={"Somariva del Bosco": "004222"},
    )
    assert [p.code for p in r.problems] == ["act_bad_url"] and not r.ok
    assert [p.code for p in read_act(b"", "comuni", URL, reference=act_reference).problems] == ["act_bad_kind"]


def test_a_members_act_read_as_grants_says_which_columns_it_found(act_pdf, act_reference):
    r = read(act_pdf, act_reference, "ruled_members", "grants")
    assert [p.code for p in r.problems] == ["pdf_wrong_table_grants"]
    msg = r.problems[0].message()
    assert "district | comune | province" in msg and "pagine: 1" in msg
    g = read(act_pdf, act_reference, "graduatoria", "members")
    assert [p.code for p in g.problems] == ["pdf_wrong_table_members"]


def test_a_ranking_by_beneficiary_with_a_not_financed_row_and_a_total(act_reference):
    from tests.acts_samples import graduatoria

    ranking = [
        ("1°", "Comune di Alba", "90", "€ 100.000,00"),
        ("2°", "Comune di Cherasco", "80", "non finanziato"),
        ("", "Totale", "", "€ 100.000,00"),
    ]
    r = read_act(
        graduatoria(ranking=ranking, header=("N.", "Ente beneficiario", "Punteggio", "Importo concesso (€)")),
        "grants",
        URL,
        reference=act_reference,
        call="L08",
    )
    assert r.ok, [p.message() for p in r.all_problems()]
    assert [(row.district_id, row.district_how, row.amount_eur, row.not_financed, row.rank) for row in r.rows] == [
        ("D901", "capofila", 100000.0, False, 1),
        ("D902", "capofila", None, True, 2),
    ]


def test_an_amount_that_cannot_be_read_is_named(act_reference):
    from tests.acts_samples import graduatoria

    r = read_act(
        graduatoria(ranking=[(1, "Colline Esempio", "90", "vedi nota 3")]),
        "grants",
        URL,
        reference=act_reference,
        call="L08",
    )
    assert [p.code for p in r.problems] == ["act_bad_amount"] and "«vedi nota 3»" in r.problems[0].message()


def test_province_names_istat_codes_and_names_left_out(act_reference):
    from tests.acts_samples import members_act

    pdf = members_act(
        [
            ("Prova", "Cherasco", "Cuneo"),
            ("Prova", "Unione Montana Esempio", "Cuneo"),
            ("Colline Esempio", "Alba", "Torino"),
        ]
    )
    r = read_act(pdf, "members", URL, reference=act_reference)
    assert [u.name for u in r.unresolved] == ["Unione Montana Esempio", "Alba"]  # Alba is in CN, not TO: asked
    assert r.rows[0].province == "CN" and r.rows[0].istat_code == "004067"
    again = read_act(pdf, "members", URL, reference=act_reference, mapping="Unione Montana Esempio;-\nAlba;004003\n")
    assert again.ok and again.skipped == ["Unione Montana Esempio (p. 1)"]
    assert [row.istat_code for row in again.rows] == ["004067", "004003"]


@pytest.mark.slow  # builds and reads every sample, ~2.5 s
def test_every_sample_page_is_stamped_as_an_example(act_pdf):
    import io

    import pdfplumber

    from tests.acts_samples import ALL, STAMP

    for name in sorted(set(ALL) - {"scanned", "encrypted", "truncated", "damaged", "not_a_pdf", "many_pages"}):
        with pdfplumber.open(io.BytesIO(act_pdf(name))) as pdf:
            for page in pdf.pages:
                assert STAMP in (page.extract_text() or ""), (name, page.page_number)


def test_amounts_split_by_year_read_from_the_total_column(act_reference):
    from tests.acts_samples import table_act

    rows = [
        ("N.", "Denominazione distretto", "Contributo 2025", "Contributo 2026", "Contributo totale"),
        (1, "Colline Esempio", "100.000,00", "50.000,00", "150.000,00"),
    ]
    r = read_act(table_act(rows, act="D.D. n. 146 del 28/06/2021"), "grants", URL, reference=act_reference)
    assert r.ok and [(row.district_id, row.amount_eur) for row in r.rows] == [("D901", 150000.0)]
    no_total = read_act(table_act([row[:4] for row in rows]), "grants", URL, reference=act_reference, call="L08")
    assert [p.code for p in no_total.problems] == ["pdf_wrong_table_grants"]  # two amounts, none the total: asked


def test_a_ranking_by_ente(act_reference):
    from tests.acts_samples import table_act

    rows = [("Ente", "Contributo"), ("Comune di Cherasco", "€ 20.000,00"), ("Comune di Alba", "€ 19.500,00")]
    r = read_act(table_act(rows), "grants", URL, reference=act_reference, call="L01a")
    assert r.ok and [(row.district_id, row.amount_eur, row.rank) for row in r.rows] == [
        ("D902", 20000.0, None),
        ("D901", 19500.0, None),
    ]  # no position printed, no score: no rank


def test_a_ranking_in_score_order_without_positions_ranks_by_its_order(act_reference):
    from tests.acts_samples import table_act

    rows = [
        ("Distretto", "Punteggio", "Contributo concesso"),
        ("Colline Esempio", "92,5", "€ 1.000,00"),
        ("Prova", "88", "€ 900,00"),
        ("Totale", "", "€ 1.900,00"),
    ]
    r = read_act(table_act(rows), "grants", URL, reference=act_reference, call="L08")
    assert r.ok and [(row.district_id, row.rank) for row in r.rows] == [("D901", 1), ("D902", 2)]

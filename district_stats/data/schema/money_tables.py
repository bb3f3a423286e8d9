"""The money: the funding lines, the grants to districts, the figures announced and the kinds of
intervention each line admits (see :mod:`district_stats.data.schema`).
"""

from __future__ import annotations

from district_stats.data.schema.base import (
    AMOUNT_BASIS,
    AMOUNT_KINDS,
    BENEFICIARIES,
    DATE_PRECISION,
    DISTRICT_AMOUNTS,
    INTERVENTIONS,
    LINE_KINDS,
    QUALIFIERS,
    UNITS,
    Column,
    TableSpec,
    _conf,
    _notes,
    _urls,
)

FUNDING_LINES = TableSpec(
    name="funding_lines",
    filename="funding_lines.csv",
    title_it="Linee di finanziamento e bandi",
    title_en="Funding lines and calls",
    one_row_per="funding line, call or round",
    key=("line_id",),
    max_rows=500,
    checks=("parent_exists",),
    columns=(
        Column("line_id", "id", "Codice della linea", "Line code", pattern=r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)?[a-z]?"),
        Column(
            "parent_line_id",
            "id",
            "Linea di cui è parte",
            "Parent line",
            nullable=True,
            pattern=r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)?[a-z]?",
        ),
        Column("line_name", "str", "Denominazione (dalle fonti)", "Name (as in the sources)"),
        Column("label_it", "str", "Etichetta breve (italiano)", "Short label (Italian)"),
        Column("label_en", "str", "Etichetta breve (inglese)", "Short label (English)"),
        Column("line_kind", "enum", "Tipo di voce", "Kind of entry", enum=LINE_KINDS),
        Column("act", "str", "Atto amministrativo", "Administrative act", nullable=True),
        Column("act_date", "date", "Data dell'atto", "Date of the act", nullable=True),
        Column("start_year", "int", "Primo anno", "First year", min_value=2019, unit="anno"),
        Column("end_year", "int", "Ultimo anno", "Last year", min_value=2019, unit="anno"),
        Column("amount_eur", "float", "Importo", "Amount", nullable=True, min_value=0, unit="EUR"),
        Column(
            "cap_eur",
            "float",
            "Contributo regionale massimo per distretto fissato dal bando (fonte nelle note; "
            "vuoto se non fissato o non trovato): un importo sommato sopra il tetto è approssimato o in una "
            "contraddizione",
            "Maximum regional grant per district set by the call (source in the notes; empty when "
            "none or not found): a summed amount above it is approximate or in a contradiction",
            nullable=True,
            required=False,
            min_value=0,
            unit="EUR",
        ),
        Column("amount_basis", "enum", "Natura dell'importo", "What the amount is", enum=AMOUNT_BASIS),
        Column("beneficiary_type", "enum", "Beneficiari", "Beneficiaries", enum=BENEFICIARIES),
        Column(
            "n_beneficiaries",
            "int",
            "Numero di beneficiari",
            "Number of beneficiaries",
            nullable=True,
            min_value=0,
            unit="beneficiari",
        ),
        Column("n_beneficiaries_note", "str", "Nota sui beneficiari", "Note on beneficiaries", nullable=True),
        Column("intervention_type", "str", "Interventi ammessi", "Eligible interventions", nullable=True),
        Column(
            "in_reconstruction",
            "bool",
            "Entra nel totale ricostruito 2020-2027 (≈ 30,2 mln)",
            "Counted in the reconstructed 2020-2027 total (≈ 30.2 mln)",
        ),
        Column(
            "in_extended_reconstruction",
            "bool",
            "Entra nel totale esteso (con i nuovi distretti)",
            "Counted in the extended total (with the new districts)",
        ),
        Column(
            "business_reserve_base",
            "bool",
            "Base della riserva minima per le imprese",
            "Base of the minimum reserve for businesses",
        ),
        Column(
            "district_amounts",
            "enum",
            "Come contano gli importi per distretto di questa linea: bando "
            "strategico, altra assegnazione regionale, mai sommati",
            "How per-district amounts of this line count: strategic call, other regional allocation, never summed",
            enum=DISTRICT_AMOUNTS,
        ),
        Column(
            "eligible_rounds",
            "str",
            "Per i turni di finanziamento: i distretti che potevano riceverlo, per "
            "tornata di costituzione (separate da ';')",
            "For funding rounds: the districts that could receive it, by round of establishment (separated by ';')",
            nullable=True,
        ),
        Column(
            "closed_to_funded_in",
            "str",
            "Per i turni di finanziamento: chiuso ai distretti già finanziati in "
            "questi turni (codici di linea separati da ';')",
            "For funding rounds: closed to districts already funded in these rounds (line codes separated by ';')",
            nullable=True,
        ),
        _conf(),
        _urls(),
        _notes(),
    ),
)


GRANTS = TableSpec(
    name="grants",
    filename="grants.csv",
    title_it="Importi per distretto",
    title_en="Amounts per district",
    one_row_per="amount allocated, called or paid for one district",
    key=("grant_id",),
    max_rows=20_000,
    checks=("no_duplicate_fact", "amount_matches_kind", "restatements", "grant_references"),
    columns=(
        Column("grant_id", "id", "Codice dell'importo", "Amount code", pattern=r"G\d{3,5}"),
        Column(
            "district_id",
            "id",
            "Codice del distretto",
            "District code",
            pattern=r"D\d{3}",
            references="districts.district_id",
        ),
        Column(
            "line_id",
            "id",
            "Linea di finanziamento (vuota se la fonte non la dice)",
            "Funding line (empty when the source does not say)",
            nullable=True,
            pattern=r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)?[a-z]?",
            references="funding_lines.line_id",
        ),
        Column("year", "int", "Anno", "Year", nullable=True, min_value=2019, unit="anno"),
        Column(
            "amount_eur",
            "float",
            "Importo (vuoto solo per un esito «not_financed», che non ha importo)",
            "Amount (empty only for a 'not_financed' outcome, which has no amount)",
            nullable=True,
            min_value=0,
            unit="EUR",
        ),
        Column(
            "amount_kind",
            "enum",
            "Natura: assegnato (contributo regionale), pagato, bando imprese, richiesto, "
            "cofinanziamento, fondi locali, totale di progetto (con cofinanziamento: mai sommato come "
            "assegnazione regionale), non finanziato (esito di una graduatoria, senza importo)",
            "Kind: allocated (regional grant), paid, business call, requested, co-financing, local funds, "
            "project total (includes co-financing: never summed as a regional allocation), not financed "
            "(outcome of a ranking, no amount)",
            enum=AMOUNT_KINDS,
        ),
        Column(
            "amount_approximate",
            "bool",
            "true: la fonte arrotonda («circa», «quasi», «oltre»; parole nelle note) "
            "e ogni totale che la include si legge «circa» (vuoto = false)",
            "true: the source rounds ('circa', "
            "'quasi', 'oltre'; words in the notes) and every total that includes it reads 'about' (empty = false)",
            nullable=True,
            required=False,
        ),
        Column("rank", "int", "Posizione in graduatoria", "Rank in the ranking", nullable=True, min_value=1),
        _conf(),
        _urls(),
        Column(
            "restates_grant_id",
            "id",
            "Riga di cui questa ripete lo stesso denaro (es. un bando imprese pagato "
            "con un contributo già in tabella): non entra mai in una somma",
            "Row whose money this one "
            "restates (e.g. a business call funded by a grant already in the table): never enters a sum",
            nullable=True,
            required=False,
            pattern=r"G\d{3,5}",
        ),
        Column(
            "refers_to_grant_ids",
            "str",
            "Per un importo pagato: le righe assegnate che paga (codici separati "
            "da ';'), il riferimento con cui è confrontato",
            "For a paid amount: the allocated rows it pays (codes separated by ';'), the reference it is compared with",
            nullable=True,
            required=False,
        ),
        _notes(),
    ),
)


HEADLINE_FIGURES = TableSpec(
    name="headline_figures",
    filename="headline_figures.csv",
    title_it="Cifre annunciate",
    title_en="Announced figures",
    one_row_per="figure stated by a source",
    key=("figure_id",),
    max_rows=500,
    columns=(
        Column("figure_id", "id", "Codice della cifra", "Figure code", pattern=r"[a-z][a-z0-9_]*"),
        Column("claim_group", "id", "Gruppo (stessa grandezza)", "Group (same quantity)", pattern=r"[a-z][a-z0-9_]*"),
        Column("label_it", "str", "Etichetta (italiano)", "Label (Italian)"),
        Column("label_en", "str", "Etichetta (inglese)", "Label (English)"),
        Column("value", "float", "Valore", "Value", min_value=0),
        Column("unit", "enum", "Unità", "Unit", enum=UNITS),
        Column(
            "qualifier",
            "enum",
            "Come è detta: esatta, circa, quasi, oltre, almeno",
            "How it is stated: exact, about, almost, over, at least",
            enum=QUALIFIERS,
        ),
        Column("as_of_date", "date", "Data della dichiarazione", "Date of the statement"),
        Column("date_precision", "enum", "Precisione della data", "Date precision", enum=DATE_PRECISION),
        Column("said_by", "str", "Chi lo dice", "Who says it"),
        Column(
            "statement", "str", "Cosa dice la fonte (citazione o sintesi)", "What the source says (quote or summary)"
        ),
        Column("is_primary", "bool", "Cifra di riferimento del gruppo", "Reference figure of its group"),
        _conf(),
        _urls(),
        _notes(),
    ),
)


INTERVENTIONS_TABLE = TableSpec(
    name="line_interventions",
    filename="line_interventions.csv",
    title_it="Tipi di intervento per linea",
    title_en="Kinds of intervention per line",
    one_row_per="(line, kind of intervention) pair",
    key=("line_id", "intervention_kind"),
    max_rows=500,
    columns=(
        Column(
            "line_id",
            "id",
            "Linea",
            "Line",
            pattern=r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)?[a-z]?",
            references="funding_lines.line_id",
        ),
        Column("intervention_kind", "enum", "Tipo di intervento", "Kind of intervention", enum=INTERVENTIONS),
        Column("evidence", "str", "Testo della fonte che lo ammette", "Source text that makes it eligible"),
        _urls(),
    ),
)

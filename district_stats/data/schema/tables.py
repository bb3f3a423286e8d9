"""The tables of ``data/``, each declared once (see :mod:`district_stats.data.schema`)."""

from __future__ import annotations

from district_stats.data.schema.base import (
    ACTIVE_STATUS,
    AMOUNT_BASIS,
    AMOUNT_KINDS,
    BENEFICIARIES,
    DATE_PRECISION,
    DISTRICT_AMOUNTS,
    DISTRICT_TYPES,
    INTERVENTIONS,
    LINE_KINDS,
    LIST_BASIS,
    MEMBERS_STATUS,
    PROVINCES,
    QUALIFIERS,
    RESOLUTIONS,
    ROLES,
    ROUNDS,
    UNITS,
    Column,
    TableSpec,
    _conf,
    _notes,
    _urls,
)

DISTRICTS = TableSpec(
    name="districts",
    filename="districts.csv",
    title_it="Distretti del Commercio",
    title_en="Commerce districts",
    one_row_per="district",
    key=("district_id",),
    max_rows=500,
    columns=(
        Column("district_id", "id", "Codice del distretto", "District code", pattern=r"D\d{3}"),
        Column("district_name", "str", "Nome del distretto", "District name"),
        Column("short_name", "str", "Nome breve (etichette della mappa)", "Short name (map labels)"),
        Column("district_type", "enum", "Tipo: urbano (DUC) o diffuso (DDC)", "Type: urban (DUC) or diffuse (DDC)",
               enum=DISTRICT_TYPES),
        Column("capofila_ente", "str", "Ente capofila (comune o unione)", "Lead body (comune or union)"),
        Column("capofila_istat_code", "istat", "Codice ISTAT del comune capofila (vuoto se l'ente è un'unione)",
               "ISTAT code of the lead comune (empty when the lead body is a union)", nullable=True),
        Column("province_code", "enum", "Provincia del capofila", "Province of the lead body",
               enum=tuple(PROVINCES)),
        Column("n_comuni_reported", "int", "Numero di comuni dichiarato dalle fonti", "Number of comuni reported",
               nullable=True, min_value=1, unit="comuni"),
        Column("n_comuni_reported_note", "str", "Nota sul numero di comuni", "Note on the number of comuni",
               nullable=True, required=False),
        Column("members_status", "enum", "Lista dei comuni: completa, parziale o solo capofila",
               "Member list: complete, partial or lead comune only", enum=MEMBERS_STATUS),
        Column("established_round", "enum", "Tornata di istituzione", "Round of establishment", enum=ROUNDS),
        Column("active_status", "enum",
               "confirmed: attivo secondo una fonte 2025-26; unconfirmed: nell'elenco 2021, nessuna conferma; "
               "not_renewed: iscrizione non rinnovata nel 2025",
               "confirmed: active per a 2025-26 source; unconfirmed: in the 2021 list, no confirmation; "
               "not_renewed: listing not renewed in 2025",
               enum=ACTIVE_STATUS),
        _conf(),
        _urls(),
        _notes(),
    ),
)

DISTRICT_MEMBERS = TableSpec(
    name="district_members",
    filename="district_members.csv",
    title_it="Comuni dei distretti",
    title_en="District member comuni",
    one_row_per="(district, comune) pair",
    key=("district_id", "istat_code"),
    max_rows=5_000,
    checks=("one_district_per_comune", "one_capofila_per_district", "name_matches_code"),
    columns=(
        Column("district_id", "id", "Codice del distretto", "District code", pattern=r"D\d{3}",
               references="districts.district_id"),
        Column("istat_code", "istat", "Codice ISTAT del comune", "ISTAT code of the comune"),
        Column("comune_name", "str", "Nome ufficiale ISTAT del comune", "Official ISTAT name of the comune"),
        Column("role", "enum", "Ruolo: capofila, membro o ex membro", "Role: lead, member or former member",
               enum=ROLES),
        Column("stated_year", "int", "Anno in cui la fonte afferma l'appartenenza: la data della pagina o dell'atto "
               "più recente tra le fonti della riga che nomina il comune in questo distretto",
               "Year the source states the membership: the date of the most recent page or act among the row's "
               "sources that names the comune in this district", min_value=2019, unit="anno"),
        Column("list_basis", "enum", "Su cosa si basa la riga: current = il distretto com'è (lista attuale, "
               "graduatoria, conferma); act = un atto ufficiale della Regione che elenca i comuni del distretto "
               "(letto dal suo PDF); candidacy = candidatura prima del riconoscimento; founding = composizione "
               "di fondazione poi cambiata o abbandonata secondo fonti successive. Solo «current» e «act» "
               "contano come appartenenza di oggi",
               "What the row rests on: current = the district as it stands (a current list, a ranking, a "
               "confirmation); act = an official act of the Regione listing the district's comuni (read from its "
               "PDF); candidacy = an application before the district was recognised; founding = a founding "
               "composition that later sources show changed or abandoned. Only 'current' and 'act' count as "
               "membership today", enum=LIST_BASIS),
        _conf(),
        _urls(),
        _notes(),
    ),
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
        Column("parent_line_id", "id", "Linea di cui è parte", "Parent line", nullable=True,
               pattern=r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)?[a-z]?"),
        Column("line_name", "str", "Denominazione (dalle fonti)", "Name (as in the sources)"),
        Column("label_it", "str", "Etichetta breve (italiano)", "Short label (Italian)"),
        Column("label_en", "str", "Etichetta breve (inglese)", "Short label (English)"),
        Column("line_kind", "enum", "Tipo di voce", "Kind of entry", enum=LINE_KINDS),
        Column("act", "str", "Atto amministrativo", "Administrative act", nullable=True),
        Column("act_date", "date", "Data dell'atto", "Date of the act", nullable=True),
        Column("start_year", "int", "Primo anno", "First year", min_value=2019, unit="anno"),
        Column("end_year", "int", "Ultimo anno", "Last year", min_value=2019, unit="anno"),
        Column("amount_eur", "float", "Importo", "Amount", nullable=True, min_value=0, unit="EUR"),
        Column("cap_eur", "float", "Contributo regionale massimo per distretto fissato dal bando (fonte nelle note; "
               "vuoto se non fissato o non trovato): un importo sommato sopra il tetto è approssimato o in una "
               "contraddizione", "Maximum regional grant per district set by the call (source in the notes; empty when "
               "none or not found): a summed amount above it is approximate or in a contradiction", nullable=True,
               required=False, min_value=0, unit="EUR"),
        Column("amount_basis", "enum", "Natura dell'importo", "What the amount is", enum=AMOUNT_BASIS),
        Column("beneficiary_type", "enum", "Beneficiari", "Beneficiaries", enum=BENEFICIARIES),
        Column("n_beneficiaries", "int", "Numero di beneficiari", "Number of beneficiaries", nullable=True,
               min_value=0, unit="beneficiari"),
        Column("n_beneficiaries_note", "str", "Nota sui beneficiari", "Note on beneficiaries", nullable=True),
        Column("intervention_type", "str", "Interventi ammessi", "Eligible interventions", nullable=True),
        Column("in_reconstruction", "bool", "Entra nel totale ricostruito 2020-2027 (≈ 30,2 mln)",
               "Counted in the reconstructed 2020-2027 total (≈ 30.2 mln)"),
        Column("in_extended_reconstruction", "bool", "Entra nel totale esteso (con i nuovi distretti)",
               "Counted in the extended total (with the new districts)"),
        Column("business_reserve_base", "bool", "Base della riserva minima per le imprese",
               "Base of the minimum reserve for businesses"),
        Column("district_amounts", "enum", "Come contano gli importi per distretto di questa linea: bando "
               "strategico, altra assegnazione regionale, mai sommati",
               "How per-district amounts of this line count: strategic call, other regional allocation, "
               "never summed", enum=DISTRICT_AMOUNTS),
        Column("eligible_rounds", "str", "Per i turni di finanziamento: i distretti che potevano riceverlo, per "
               "tornata di costituzione (separate da ';')", "For funding rounds: the districts that could "
               "receive it, by round of establishment (separated by ';')", nullable=True),
        Column("closed_to_funded_in", "str", "Per i turni di finanziamento: chiuso ai distretti già finanziati in "
               "questi turni (codici di linea separati da ';')", "For funding rounds: closed to districts already "
               "funded in these rounds (line codes separated by ';')", nullable=True),
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
        Column("district_id", "id", "Codice del distretto", "District code", pattern=r"D\d{3}",
               references="districts.district_id"),
        Column("line_id", "id", "Linea di finanziamento (vuota se la fonte non la dice)",
               "Funding line (empty when the source does not say)", nullable=True,
               pattern=r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)?[a-z]?", references="funding_lines.line_id"),
        Column("year", "int", "Anno", "Year", nullable=True, min_value=2019, unit="anno"),
        Column("amount_eur", "float", "Importo (vuoto solo per un esito «not_financed», che non ha importo)",
               "Amount (empty only for a 'not_financed' outcome, which has no amount)", nullable=True, min_value=0,
               unit="EUR"),
        Column("amount_kind", "enum", "Natura: assegnato (contributo regionale), pagato, bando imprese, richiesto, "
               "cofinanziamento, fondi locali, totale di progetto (con cofinanziamento: mai sommato come "
               "assegnazione regionale), non finanziato (esito di una graduatoria, senza importo)",
               "Kind: allocated (regional grant), paid, business call, requested, co-financing, local funds, "
               "project total (includes co-financing: never summed as a regional allocation), not financed "
               "(outcome of a ranking, no amount)", enum=AMOUNT_KINDS),
        Column("amount_approximate", "bool", "true: la fonte arrotonda («circa», «quasi», «oltre»; parole nelle note) "
               "e ogni totale che la include si legge «circa» (vuoto = false)", "true: the source rounds ('circa', "
               "'quasi', 'oltre'; words in the notes) and every total that includes it reads 'about' (empty = false)",
               nullable=True, required=False),
        Column("rank", "int", "Posizione in graduatoria", "Rank in the ranking", nullable=True, min_value=1),
        _conf(),
        _urls(),
        Column("restates_grant_id", "id", "Riga di cui questa ripete lo stesso denaro (es. un bando imprese pagato "
               "con un contributo già in tabella): non entra mai in una somma", "Row whose money this one "
               "restates (e.g. a business call funded by a grant already in the table): never enters a sum",
               nullable=True, required=False, pattern=r"G\d{3,5}"),
        Column("refers_to_grant_ids", "str", "Per un importo pagato: le righe assegnate che paga (codici separati "
               "da ';'), il riferimento con cui è confrontato", "For a paid amount: the allocated rows it pays "
               "(codes separated by ';'), the reference it is compared with", nullable=True, required=False),
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
        Column("qualifier", "enum", "Come è detta: esatta, circa, quasi, oltre, almeno",
               "How it is stated: exact, about, almost, over, at least", enum=QUALIFIERS),
        Column("as_of_date", "date", "Data della dichiarazione", "Date of the statement"),
        Column("date_precision", "enum", "Precisione della data", "Date precision", enum=DATE_PRECISION),
        Column("said_by", "str", "Chi lo dice", "Who says it"),
        Column("statement", "str", "Cosa dice la fonte (citazione o sintesi)", "What the source says (quote or summary)"),
        Column("is_primary", "bool", "Cifra di riferimento del gruppo", "Reference figure of its group"),
        _conf(),
        _urls(),
        _notes(),
    ),
)

TIMELINE = TableSpec(
    name="timeline",
    filename="timeline.csv",
    title_it="Cronologia",
    title_en="Timeline",
    one_row_per="event (act, ranking, announcement)",
    key=("event_id",),
    max_rows=500,
    columns=(
        Column("event_id", "id", "Codice dell'evento", "Event code", pattern=r"E\d{2,3}"),
        Column("event_date", "date", "Data", "Date"),
        Column("date_precision", "enum", "Precisione della data", "Date precision", enum=DATE_PRECISION),
        Column("label_it", "str", "Evento (italiano)", "Event (Italian)"),
        Column("label_en", "str", "Evento (inglese)", "Event (English)"),
        Column("line_id", "id", "Linea collegata", "Related line", nullable=True,
               pattern=r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)?[a-z]?", references="funding_lines.line_id"),
        Column("n_districts", "int", "Distretti riconosciuti dopo l'evento", "Districts recognised after the event",
               nullable=True, min_value=0, unit="distretti"),
        _conf(),
        _urls(),
        Column("venue", "str", "Luogo (eventi pubblici come convegni)", "Venue (public events such as conferences)",
               nullable=True, required=False),
        Column("promoters", "str", "Chi promuove l'evento, poi chi collabora (separati da ;)",
               "Who promotes the event, then who works with them (separated by ;)", nullable=True, required=False),
    ),
)

CONTRADICTIONS = TableSpec(
    name="contradictions",
    filename="contradictions.csv",
    title_it="Contraddizioni tra le fonti",
    title_en="Contradictions between sources",
    one_row_per="contradiction between two sources",
    key=("contradiction_id",),
    max_rows=500,
    columns=(
        Column("contradiction_id", "id", "Codice", "Code", pattern=r"C\d{2,3}"),
        Column("topic_it", "str", "Tema (italiano)", "Topic (Italian)"),
        Column("topic_en", "str", "Tema (inglese)", "Topic (English)"),
        Column("claim_a", "str", "Prima versione", "First version"),
        Column("source_url_a", "urls", "Fonte della prima versione", "Source of the first version"),
        Column("claim_b", "str", "Seconda versione", "Second version"),
        Column("source_url_b", "urls", "Fonte della seconda versione", "Source of the second version"),
        Column("related_ids", "str", "Righe collegate (es. D016, G071, L03)", "Related rows (e.g. D016, G071, L03)",
               nullable=True),
        Column("note_it", "str", "Nota (italiano)", "Note (Italian)"),
        Column("note_en", "str", "Nota (inglese)", "Note (English)"),
        Column("resolution", "enum", "unresolved: le due versioni restano in disaccordo; explained: una fonte spiega "
               "la differenza (la nota dice come), non è una contraddizione (vuoto = unresolved)",
               "unresolved: the two versions still disagree; explained: a source explains the difference (the "
               "note says how), it is not a contradiction (empty = unresolved)", nullable=True, required=False,
               enum=RESOLUTIONS),
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
        Column("line_id", "id", "Linea", "Line", pattern=r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)?[a-z]?",
               references="funding_lines.line_id"),
        Column("intervention_kind", "enum", "Tipo di intervento", "Kind of intervention", enum=INTERVENTIONS),
        Column("evidence", "str", "Testo della fonte che lo ammette", "Source text that makes it eligible"),
        _urls(),
    ),
)

COMUNE_NAME_MAP = TableSpec(
    name="comune_name_map",
    filename="comune_name_map.csv",
    title_it="Varianti dei nomi dei comuni",
    title_en="Comune name variants",
    one_row_per="name variant found in the sources",
    key=("alias",),
    max_rows=5_000,
    columns=(
        Column("alias", "str", "Nome come scritto nella fonte", "Name as written in the source"),
        Column("istat_code", "istat", "Codice ISTAT del comune", "ISTAT code of the comune"),
        Column("note", "str", "Motivo", "Reason", nullable=True),
    ),
)

KNOWN_GAPS = TableSpec(
    name="known_gaps",
    filename="known_gaps.csv",
    title_it="Lacune note",
    title_en="Known gaps",
    one_row_per="known gap",
    key=("gap_id",),
    max_rows=500,
    columns=(
        Column("gap_id", "id", "Codice", "Code", pattern=r"K\d{2,3}"),
        Column("area", "enum", "Ambito", "Area", enum=("distretti", "comuni", "importi", "atti")),
        Column("description_it", "str", "Descrizione (italiano)", "Description (Italian)"),
        Column("description_en", "str", "Descrizione (inglese)", "Description (English)"),
        _urls(nullable=True),
    ),
)

CHANGELOG = TableSpec(
    name="changelog",
    filename="changelog.csv",
    title_it="Registro delle modifiche ai dati",
    title_en="Data changelog",
    one_row_per="change",
    key=("change_id",),
    max_rows=5_000,
    columns=(
        Column("change_id", "id", "Codice", "Code", pattern=r"M\d{3,4}"),
        Column("change_date", "date", "Data", "Date"),
        Column("tables", "str", "Tabelle", "Tables"),
        Column("description_it", "str", "Descrizione (italiano)", "Description (Italian)"),
        Column("description_en", "str", "Descrizione (inglese)", "Description (English)"),
    ),
)

COMUNI = TableSpec(
    name="comuni",
    filename="derived/comuni.csv",
    title_it="Comuni del Piemonte (derivato)",
    title_en="Comuni of Piemonte (derived)",
    one_row_per="comune of Piemonte",
    key=("istat_code",),
    max_rows=1_500,
    derived=True,
    columns=(
        Column("istat_code", "istat", "Codice ISTAT", "ISTAT code"),
        Column("comune_name", "str", "Nome ufficiale", "Official name"),
        Column("province_code", "enum", "Provincia", "Province", enum=tuple(PROVINCES)),
        Column("population", "int", "Residenti", "Residents", min_value=0, unit="abitanti"),
        Column("population_year", "int", "Anno dei residenti (1° gennaio)", "Year of residents (1 January)",
               min_value=2019, unit="anno"),
        Column("area_km2", "float", "Superficie", "Area", min_value=0, unit="km²"),
        Column("label_lon", "float", "Longitudine del punto etichetta", "Label point longitude", unit="gradi"),
        Column("label_lat", "float", "Latitudine del punto etichetta", "Label point latitude", unit="gradi"),
        Column("district_id", "id", "Distretto attuale (vuoto se nessuno)", "Current district (empty if none)",
               nullable=True, pattern=r"D\d{3}"),
        Column("role", "enum", "Ruolo nel distretto", "Role in the district", nullable=True, enum=ROLES[:2]),
    ),
)

DISTRICT_GEO = TableSpec(
    name="district_geo",
    filename="derived/district_geo.csv",
    title_it="Geometria dei distretti: punti etichetta e estensione (derivato)",
    title_en="District geometry: label points and extent (derived)",
    one_row_per="district with at least one mapped comune",
    key=("district_id",),
    max_rows=500,
    derived=True,
    columns=(
        Column("district_id", "id", "Codice del distretto", "District code", pattern=r"D\d{3}"),
        Column("n_comuni_mapped", "int", "Comuni mappati", "Comuni mapped", min_value=0, unit="comuni"),
        Column("population", "int", "Residenti dei comuni mappati", "Residents of mapped comuni", min_value=0,
               unit="abitanti"),
        Column("area_km2", "float", "Superficie", "Area", min_value=0, unit="km²"),
        Column("label_lon", "float", "Longitudine del punto etichetta", "Label point longitude", unit="gradi"),
        Column("label_lat", "float", "Latitudine del punto etichetta", "Label point latitude", unit="gradi"),
        Column("min_lon", "float", "Estensione: ovest", "Extent: west", unit="gradi"),
        Column("min_lat", "float", "Estensione: sud", "Extent: south", unit="gradi"),
        Column("max_lon", "float", "Estensione: est", "Extent: east", unit="gradi"),
        Column("max_lat", "float", "Estensione: nord", "Extent: north", unit="gradi"),
    ),
)

"""The districts and their comuni: the districts, their members, the comuni (derived from ISTAT), the names
that map to a comune and each district's extent (see :mod:`district_stats.data.schema`).
"""

from __future__ import annotations

from district_stats.data.schema.base import (
    ACTIVE_STATUS,
    DISTRICT_TYPES,
    LIST_BASIS,
    MEMBERS_STATUS,
    PROVINCES,
    ROLES,
    ROUNDS,
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
        Column(
            "district_type",
            "enum",
            "Tipo: urbano (DUC) o diffuso (DDC)",
            "Type: urban (DUC) or diffuse (DDC)",
            enum=DISTRICT_TYPES,
        ),
        Column("capofila_ente", "str", "Ente capofila (comune o unione)", "Lead body (comune or union)"),
        Column(
            "capofila_istat_code",
            "istat",
            "Codice ISTAT del comune capofila (vuoto se l'ente è un'unione)",
            "ISTAT code of the lead comune (empty when the lead body is a union)",
            nullable=True,
        ),
        Column("province_code", "enum", "Provincia del capofila", "Province of the lead body", enum=tuple(PROVINCES)),
        Column(
            "n_comuni_reported",
            "int",
            "Numero di comuni dichiarato dalle fonti",
            "Number of comuni reported",
            nullable=True,
            min_value=1,
            unit="comuni",
        ),
        Column(
            "n_comuni_reported_note",
            "str",
            "Nota sul numero di comuni",
            "Note on the number of comuni",
            nullable=True,
            required=False,
        ),
        Column(
            "members_status",
            "enum",
            "Lista dei comuni: completa, parziale o solo capofila",
            "Member list: complete, partial or lead comune only",
            enum=MEMBERS_STATUS,
        ),
        Column("established_round", "enum", "Tornata di istituzione", "Round of establishment", enum=ROUNDS),
        Column(
            "active_status",
            "enum",
            "confirmed: attivo secondo una fonte 2025-26; unconfirmed: nell'elenco 2021, nessuna conferma; "
            "not_renewed: iscrizione non rinnovata nel 2025",
            "confirmed: active per a 2025-26 source; unconfirmed: in the 2021 list, no confirmation; "
            "not_renewed: listing not renewed in 2025",
            enum=ACTIVE_STATUS,
        ),
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
        Column(
            "district_id",
            "id",
            "Codice del distretto",
            "District code",
            pattern=r"D\d{3}",
            references="districts.district_id",
        ),
        Column("istat_code", "istat", "Codice ISTAT del comune", "ISTAT code of the comune"),
        Column("comune_name", "str", "Nome ufficiale ISTAT del comune", "Official ISTAT name of the comune"),
        Column(
            "role", "enum", "Ruolo: capofila, membro o ex membro", "Role: lead, member or former member", enum=ROLES
        ),
        Column(
            "stated_year",
            "int",
            "Anno in cui la fonte afferma l'appartenenza: la data della pagina o dell'atto "
            "più recente tra le fonti della riga che nomina il comune in questo distretto",
            "Year the source states the membership: the date of the most recent page or act among the row's "
            "sources that names the comune in this district",
            min_value=2019,
            unit="anno",
        ),
        Column(
            "list_basis",
            "enum",
            "Su cosa si basa la riga: current = il distretto com'è (lista attuale, "
            "graduatoria, conferma); act = un atto ufficiale della Regione che elenca i comuni del distretto "
            "(letto dal suo PDF); candidacy = candidatura prima del riconoscimento; founding = composizione "
            "di fondazione poi cambiata o abbandonata secondo fonti successive. Solo «current» e «act» "
            "contano come appartenenza di oggi",
            "What the row rests on: current = the district as it stands (a current list, a ranking, a "
            "confirmation); act = an official act of the Regione listing the district's comuni (read from its "
            "PDF); candidacy = an application before the district was recognised; founding = a founding "
            "composition that later sources show changed or abandoned. Only 'current' and 'act' count as "
            "membership today",
            enum=LIST_BASIS,
        ),
        _conf(),
        _urls(),
        _notes(),
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
        Column(
            "population_year",
            "int",
            "Anno dei residenti (1° gennaio)",
            "Year of residents (1 January)",
            min_value=2019,
            unit="anno",
        ),
        Column("area_km2", "float", "Superficie", "Area", min_value=0, unit="km²"),
        Column("label_lon", "float", "Longitudine del punto etichetta", "Label point longitude", unit="gradi"),
        Column("label_lat", "float", "Latitudine del punto etichetta", "Label point latitude", unit="gradi"),
        Column(
            "district_id",
            "id",
            "Distretto attuale (vuoto se nessuno)",
            "Current district (empty if none)",
            nullable=True,
            pattern=r"D\d{3}",
        ),
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
        Column(
            "population",
            "int",
            "Residenti dei comuni mappati",
            "Residents of mapped comuni",
            min_value=0,
            unit="abitanti",
        ),
        Column("area_km2", "float", "Superficie", "Area", min_value=0, unit="km²"),
        Column("label_lon", "float", "Longitudine del punto etichetta", "Label point longitude", unit="gradi"),
        Column("label_lat", "float", "Latitudine del punto etichetta", "Label point latitude", unit="gradi"),
        Column("min_lon", "float", "Estensione: ovest", "Extent: west", unit="gradi"),
        Column("min_lat", "float", "Estensione: sud", "Extent: south", unit="gradi"),
        Column("max_lon", "float", "Estensione: est", "Extent: east", unit="gradi"),
        Column("max_lat", "float", "Estensione: nord", "Extent: north", unit="gradi"),
    ),
)

"""The record around the figures: the timeline of events, where sources contradict each other, the
known gaps and the changelog of the data (see :mod:`district_stats.data.schema`).
"""

from __future__ import annotations

from district_stats.data.schema.base import (
    DATE_PRECISION,
    RESOLUTIONS,
    Column,
    TableSpec,
    _conf,
    _urls,
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
        Column(
            "line_id",
            "id",
            "Linea collegata",
            "Related line",
            nullable=True,
            pattern=r"[A-Z][A-Z0-9]*(-[A-Z0-9]+)?[a-z]?",
            references="funding_lines.line_id",
        ),
        Column(
            "n_districts",
            "int",
            "Distretti riconosciuti dopo l'evento",
            "Districts recognised after the event",
            nullable=True,
            min_value=0,
            unit="distretti",
        ),
        _conf(),
        _urls(),
        Column(
            "venue",
            "str",
            "Luogo (eventi pubblici come convegni)",
            "Venue (public events such as conferences)",
            nullable=True,
            required=False,
        ),
        Column(
            "promoters",
            "str",
            "Chi promuove l'evento, poi chi collabora (separati da ;)",
            "Who promotes the event, then who works with them (separated by ;)",
            nullable=True,
            required=False,
        ),
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
        Column(
            "related_ids",
            "str",
            "Righe collegate (es. D016, G071, L03)",
            "Related rows (e.g. D016, G071, L03)",
            nullable=True,
        ),
        Column("note_it", "str", "Nota (italiano)", "Note (Italian)"),
        Column("note_en", "str", "Nota (inglese)", "Note (English)"),
        Column(
            "resolution",
            "enum",
            "unresolved: le due versioni restano in disaccordo; explained: una fonte spiega "
            "la differenza (la nota dice come), non è una contraddizione (vuoto = unresolved)",
            "unresolved: the two versions still disagree; explained: a source explains the difference (the "
            "note says how), it is not a contradiction (empty = unresolved)",
            nullable=True,
            required=False,
            enum=RESOLUTIONS,
        ),
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

"""The sources register (``data/sources.csv``), declared like every other table of ``data/``.

One row per address that any table cites: who published the page, its real title and date as read on
the page (or as the research dossier states it was read there), when it was read and what kind of
source it is. Nothing is taken from the address itself: a ``/2021/07/24/`` in a URL is not a date, a
slug is not a title; what nobody read stays empty and says ``not_verified``.
"""

from __future__ import annotations

from district_stats.data.schema.base import (
    LANGUAGES,
    PUBLISHED_PRECISION,
    SOURCE_BASIS,
    SOURCE_TYPES,
    Column,
    TableSpec,
    _notes,
)

SOURCES = TableSpec(
    name="sources",
    filename="sources.csv",
    title_it="Registro delle fonti",
    title_en="Sources register",
    one_row_per="address cited by any table (page, act or document)",
    key=("url",),
    max_rows=5_000,
    checks=("source_dates",),
    columns=(
        Column(
            "url",
            "url",
            "Indirizzo citato dalle tabelle (colonne source_urls, source_url_a, source_url_b), "
            "scritto esattamente come lo citano",
            "Address cited by the tables (columns source_urls, "
            "source_url_a, source_url_b), written exactly as they cite it",
        ),
        Column(
            "publisher",
            "str",
            "Editore come lo conoscono i lettori: la testata, l'ente, il comune; un "
            "aggregatore che ripubblica articoli altrui è detto tale",
            "Publisher as readers know it: the "
            "outlet, the body, the comune; an aggregator that republishes others' articles is named as such",
        ),
        Column(
            "title",
            "str",
            "Titolo com'è sulla pagina (vuoto se non verificato: mai ricavato dall'indirizzo)",
            "Title as it is on the page (empty when not verified: never made from the address)",
            nullable=True,
        ),
        Column(
            "title_basis",
            "enum",
            "Da dove viene il titolo: page = letto sulla pagina (una sua copia "
            "archiviata); dossier = il dossier di ricerca lo riporta come letto sulla pagina; not_verified = "
            "nessuno lo ha letto sulla pagina (titolo vuoto)",
            "Where the title comes from: page = read on the "
            "page (a stored copy of it); dossier = the research dossier states it as read on the page; "
            "not_verified = nobody read it on the page (title empty)",
            enum=SOURCE_BASIS,
        ),
        Column(
            "published_date",
            "str",
            "Data di pubblicazione della pagina, AAAA-MM-GG, AAAA-MM o AAAA secondo la "
            "precisione; vuota se la pagina non ne ha una o se non è stata verificata",
            "Publication date of the page, YYYY-MM-DD, YYYY-MM or YYYY by precision; empty when the page has "
            "none or it was not verified",
            nullable=True,
            unit="data",
        ),
        Column(
            "published_precision",
            "enum",
            "Precisione della data: giorno, mese, anno, none (nessuna data)",
            "Precision of the date: day, month, year, none (no date)",
            enum=PUBLISHED_PRECISION,
        ),
        Column(
            "published_basis",
            "enum",
            "Da dove viene la data: page, dossier o not_verified come per il "
            "titolo; page con precisione none = «non indicata» (la pagina letta non porta una data)",
            "Where the date comes from: page, dossier or not_verified as for the title; page with precision "
            "none = 'not stated' (the page that was read carries no date)",
            enum=SOURCE_BASIS,
        ),
        Column(
            "accessed_date",
            "date",
            "Data in cui la pagina è stata letta: la copia archiviata per le righe "
            "«page», la data di accesso del dossier per le altre",
            "Date the page was read: the stored copy for 'page' rows, the dossier's access date for the others",
        ),
        Column(
            "source_type",
            "enum",
            "Tipo di fonte: atto (atto amministrativo o documento ufficiale di un ente "
            "pubblico), comunicato (di un ente o di un'associazione), stampa_locale, stampa_nazionale, "
            "sito_comune (sito di un comune o di un'unione), sito_ente (sito di un altro ente: un distretto, "
            "ISTAT…), altro (aggregatori, blog, copie di documenti)",
            "Kind of source: atto (an administrative "
            "act or official document of a public body), comunicato (a release of a body or association), "
            "stampa_locale (local press), stampa_nazionale (national press and agencies), sito_comune (site "
            "of a comune or union), sito_ente (site of another body: a district, ISTAT…), altro "
            "(aggregators, blogs, copies of documents)",
            enum=SOURCE_TYPES,
        ),
        Column(
            "language", "enum", "Lingua della pagina (ISO 639-1)", "Language of the page (ISO 639-1)", enum=LANGUAGES
        ),
        _notes(),
    ),
)

"""Building blocks of the column dictionary: enums, :class:`Column`, :class:`TableSpec`.

The loaders (:mod:`district_stats.data.loading`), the validation CLI, the update flow, the
README's column dictionary and the data tests all read these declarations, so a
column is described, typed and constrained in exactly one place.

Kinds of column (``Column.kind``):

- ``str``: free text; ``int`` / ``float``: numbers (``unit`` says which);
- ``date``: ISO ``YYYY-MM-DD``; ``bool``: ``true``/``false``;
- ``enum``: one of ``Column.enum``;
- ``istat``: ISTAT comune code, stored as 6 digits (``001272``), must be a comune of Piemonte;
- ``id``: identifier matching ``Column.pattern``;
- ``urls``: one or more ``http(s)://`` addresses separated by ``;``;
- ``url``: exactly one ``http(s)://`` address.
"""

from __future__ import annotations

from dataclasses import dataclass, field

PROVINCES: dict[str, str] = {
    "TO": "Torino",
    "VC": "Vercelli",
    "NO": "Novara",
    "CN": "Cuneo",
    "AT": "Asti",
    "AL": "Alessandria",
    "BI": "Biella",
    "VB": "Verbano-Cusio-Ossola",
}
CONFIDENCE = ("high", "medium", "low")
DISTRICT_TYPES = ("urbano", "diffuso", "unknown")
MEMBERS_STATUS = ("complete", "partial", "capofila_only")
ROUNDS = ("costituzione_2021", "nuovi_2024_25", "nuovi_2025_12", "altro")
ACTIVE_STATUS = ("confirmed", "unconfirmed", "not_renewed")
ROLES = ("capofila", "member", "former_member")
#: What a membership row rests on: the district as it stands (a current list, a ranking, a confirmation),
#: an official act of the Regione that lists the district's comuni (read from its PDF, ``district_stats.acts``),
#: a candidacy (the application to a call, before the district was recognised) or a founding composition
#: that later sources show changed or abandoned. Only ``current`` and ``act`` rows count as members today
#: (``analysis.stats.current_members``).
LIST_BASIS = ("current", "act", "candidacy", "founding")
#: List bases that count as membership today.
CURRENT_BASES = ("current", "act")
LINE_KINDS = ("bando", "graduatoria", "totale", "quota_imprese", "protocollo", "annuncio", "misura_adiacente")
#: How the per-district amounts of a line count: a strategic-project call (the "bandi strategici" of a
#: profile), another regional allocation (set-up, first activities, new districts), or never summed
#: (announcements, the business share, protocols, adjacent measures, aggregates of other lines).
DISTRICT_AMOUNTS = ("strategic_call", "regional", "not_summed")
AMOUNT_BASIS = ("allocated", "endowment", "computed", "announced", "reserve", "none")
BENEFICIARIES = ("comuni", "distretti", "imprese", "altro")
#: Kinds of per-district amount. Only ``allocated`` rows on a summed line enter the allocation totals;
#: ``project_total`` is a programme total that includes co-financing (never a regional allocation);
#: ``not_financed`` records an outcome (a project rejected or not financed in a round) and has no amount.
AMOUNT_KINDS = (
    "allocated",
    "paid",
    "business_call",
    "requested",
    "cofinancing",
    "local_funds",
    "project_total",
    "not_financed",
)
#: Amount kinds that are outcomes, recorded without an amount.
OUTCOME_KINDS = ("not_financed",)
#: Whether two sources that disagree have been explained by a source (``explained``) or not.
RESOLUTIONS = ("unresolved", "explained")
UNITS = ("count", "eur", "share")
QUALIFIERS = ("exact", "about", "almost", "over", "at_least")
INTERVENTIONS = (
    "riqualificazione_urbana",
    "innovazione_tecnologica",
    "formazione",
    "marketing_territoriale",
    "sostegno_imprese",
)
DATE_PRECISION = ("day", "month", "year")
#: Precision of a cited page's publication date; ``none`` with basis ``page`` is «non indicata» (the page
#: was read and carries no date), with basis ``not_verified`` the date is simply not known.
PUBLISHED_PRECISION = ("day", "month", "year", "none")
#: Where a cited page's title or date comes from: ``page`` = read on the page (a stored copy of it);
#: ``dossier`` = stated by the research dossier as read on the page; ``not_verified`` = nobody here read it on
#: the page, so it is left empty. Never from the page's address.
SOURCE_BASIS = ("page", "dossier", "not_verified")
#: Kinds of cited page: ``atto`` = an administrative act or an official document of a public body (a
#: delibera, a determina, a call, a ranking, the Regione's environment report); ``comunicato`` = a release
#: of an institution or association (the Regione's news service, a foundation's or an association's news);
#: ``stampa_locale`` / ``stampa_nazionale`` = a newspaper, news site or agency with a local or national
#: readership; ``sito_comune`` = a comune's or an Unione's own site; ``sito_ente`` = the site of another body
#: (a district, a consortium, ISTAT, a package index); ``altro`` = aggregators that republish other outlets'
#: articles, blogs, document mirrors and copies.
SOURCE_TYPES = ("atto", "comunicato", "stampa_locale", "stampa_nazionale", "sito_comune", "sito_ente", "altro")
LANGUAGES = ("it", "en", "fr")


@dataclass(frozen=True)
class Column:
    """One column of a table.

    ``nullable`` allows empty cells; ``required=False`` allows the column to be
    absent from a candidate file (it is then filled with empty values).
    """

    name: str
    kind: str
    description_it: str
    description_en: str
    nullable: bool = False
    required: bool = True
    enum: tuple[str, ...] = ()
    unit: str = ""
    pattern: str = ""
    min_value: float | None = None
    references: str = ""  # "table.column" this column must exist in


@dataclass(frozen=True)
class TableSpec:
    """A table of ``data/``: file name, key, columns and row limits."""

    name: str
    filename: str
    title_it: str
    title_en: str
    key: tuple[str, ...]
    columns: tuple[Column, ...]
    max_rows: int = 20_000
    derived: bool = False
    one_row_per: str = ""
    checks: tuple[str, ...] = field(default=())

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


def _conf() -> Column:
    return Column("confidence", "enum", "Affidabilità della fonte", "Confidence in the source", enum=CONFIDENCE)


def _urls(nullable: bool = False) -> Column:
    return Column(
        "source_urls",
        "urls",
        "Fonti pubbliche (URL separati da ';')",
        "Public sources (URLs separated by ';')",
        nullable=nullable,
    )


def _notes() -> Column:
    return Column("notes", "str", "Note di ricerca", "Research notes", nullable=True, required=False)

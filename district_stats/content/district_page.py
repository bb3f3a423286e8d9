"""The /distretti page: the searchable list of districts, and one district's profile.

:func:`district_page` hands the profile everything it shows, ready: the district's facts
(:mod:`~district_stats.content.district_facts`), its comuni, its rounds and every amount with the
funding line named, the contradictions that concern it, which source backs which fact, and the small
map of its comuni (a pydeck deck, data inline) when its geometry is there. Texts are plain (the app
escapes them); tables keep the schema's column names (the app shows them with human headers).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd
import pydeck as pdk

from district_stats.analysis import filters
from district_stats.analysis.profiles import district_profile
from district_stats.analysis.views import Views
from district_stats.content.district_facts import Badge, DistrictFacts, facts_of, split_urls
from district_stats.content.figures import comuni_maps, inset_map
from district_stats.content.style import badge_color
from district_stats.content.text import wording
from district_stats.content.text.i18n import t
from district_stats.data.schema import DISTRICT_TYPES, PROVINCES

#: Columns of the district list (those present), then of the profile's tables.
LIST_COLUMNS = [
    "short_name",
    "district_type",
    "province_code",
    "capofila_ente",
    "n_comuni_mapped",
    "n_comuni_historic",
    "n_comuni_reported",
    "members_status",
    "active_status",
    "population",
    "allocated_eur",
    "allocated_approximate",
    "rounds_found",
    "business_calls_eur",
    "confidence",
    "district_id",
]
#: The list as a plain table (what a reader needs to find a district; every column is in the sortable table).
BRIEF_COLUMNS = [
    "short_name",
    "district_type",
    "province_code",
    "n_comuni_mapped",
    "active_status",
    "allocated_eur",
    "rounds_found",
    "district_id",
]
MEMBER_COLUMNS = [
    "comune_name",
    "role",
    "list_basis",
    "stated_year",
    "province_code",
    "population",
    "confidence",
    "source_urls",
    "istat_code",
]
GRANT_COLUMNS = [
    "line",
    "year",
    "amount_eur",
    "amount_kind",
    "rank",
    "confidence",
    "amount_approximate",
    "source_urls",
    "grant_id",
    "line_id",
]


@dataclass(frozen=True)
class DistrictList:
    """The list as shown (``shown``: the rows and columns of the table), its count line and the download
    (every column of the filtered rows but the label points)."""

    shown: pd.DataFrame
    count: str
    download: pd.DataFrame

    @property
    def brief(self) -> pd.DataFrame:
        """The rows with the columns of :data:`BRIEF_COLUMNS` (the plain table of the list)."""
        return self.shown[[c for c in BRIEF_COLUMNS if c in self.shown.columns]]

    @property
    def names(self) -> dict[str, str]:
        """The listed districts: id -> short name, in the list's order (the «open» picker)."""
        return dict(zip(self.shown["district_id"], self.shown["short_name"]))


#: What the province and type pickers (URL ``prov`` and ``tipo``, on the list, the map and the investments) accept
#: besides empty (any): the province codes and the district types.
PROVINCE_CODES: tuple[str, ...] = tuple(PROVINCES)
TYPE_CODES: tuple[str, ...] = DISTRICT_TYPES


def filter_choices(lang: str = "it") -> tuple[dict[str, str], dict[str, str]]:
    """The province and type pickers' options in words, any first: {'': 'Tutte', 'TO': 'Torino', ...} and
    {'': 'Tutti', 'urbano': 'urbano', ...}."""
    provinces = {"": t("all_f", lang), **PROVINCES}
    types = {"": t("all_m", lang), **{k: t(k, lang) for k in DISTRICT_TYPES}}
    return provinces, types


def chosen_filters(prov: str, tipo: str, lang: str = "it") -> list[str]:
    """The province and type chosen in words ('' for any), for a folded filter box's label."""
    provinces, types = filter_choices(lang)
    return [provinces[prov] if prov in PROVINCES else "", types[tipo] if tipo in DISTRICT_TYPES else ""]


def district_list(views: Views, prov: str = "", tipo: str = "", query: str = "", lang: str = "it") -> DistrictList:
    """The districts in province ``prov`` and of type ``tipo`` whose names contain ``query`` (empty: any)."""
    table = filters.districts_in(views.districts, prov, tipo, query)
    shown = table.assign(
        rounds_found=[
            t("rounds_of", lang, found=f, n=n) for f, n in zip(table["n_rounds_found"], table["n_rounds_open"])
        ]
    )
    return DistrictList(
        shown[[c for c in LIST_COLUMNS if c in shown.columns]],
        t("list_count", lang, n=len(shown), total=len(views.districts)),
        table.drop(columns=["label_lon", "label_lat"]),
    )


@dataclass(frozen=True)
class Contradiction:
    """Two sources that disagree about the district: the topic, each claim and its source."""

    topic: str
    claim_a: str
    url_a: str
    claim_b: str
    url_b: str


@dataclass(frozen=True)
class DistrictPage:
    """Everything the profile of one district shows, for one language.

    ``sources_by_fact``: the URLs behind the listing, the comuni, the amounts and the residents;
    ``backs``: every source of the profile with the facts it backs, in order of first use; ``inset``: the
    map of its comuni (None when its geometry is missing: the page says so); ``capofila_code`` its star.
    """

    facts: DistrictFacts
    badges: tuple[Badge, ...]
    members: pd.DataFrame
    round_rows: pd.DataFrame
    grants: pd.DataFrame
    contradictions: tuple[Contradiction, ...]
    sources_by_fact: Mapping[str, tuple[str, ...]]
    backs: tuple[tuple[str, str], ...]
    notes: str
    inset: pdk.Deck | None
    map_alt: str


def _backs(row: pd.Series, members: pd.DataFrame, grants: pd.DataFrame, lang: str) -> tuple[tuple[str, str], ...]:
    """Each source with the facts it backs (listing, comuni, amounts), in order of first use."""
    out: dict[str, list[str]] = {}
    for what, cells in (
        ("src_what_list", [row["source_urls"]]),
        ("src_what_members", members["source_urls"]),
        ("src_what_money", grants["source_urls"]),
    ):
        for cell in cells:
            for u in split_urls(cell):
                if t(what, lang) not in out.setdefault(u, []):
                    out[u].append(t(what, lang))
    return tuple((u, ", ".join(what)) for u, what in out.items())


def _grants(grants: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The district's amounts with the funding line named («senza linea» when the source gives none)."""
    line = [
        (r["label_en"] if lang == "en" else r["label_it"]) if pd.notna(r["line_id"]) else t("no_line", lang)
        for _, r in grants.iterrows()
    ]
    return grants.assign(line=line)[GRANT_COLUMNS]


def _inset(views: Views, members: pd.DataFrame, district_id: str, geo: Mapping | None) -> pdk.Deck | None:
    """The small map of the district's comuni, the capofila darker; None without its geometry."""
    ds_geo = views.ds["district_geo"]
    row = ds_geo[ds_geo["district_id"] == district_id]
    if row.empty or geo is None:
        return None
    cap = members[members["role"] == "capofila"]["istat_code"]
    return inset_map.inset_deck(geo, str(cap.iloc[0]) if not cap.empty else None, comuni_maps.extent_of(row.iloc[0]))


def district_card(views: Views, district_id: str, lang: str = "it") -> DistrictFacts | None:
    """The card of ``district_id`` (the map page's card, the presenter's district): its facts, as the profile
    shows them (None when there is no such district)."""
    row = views.district(district_id)
    return None if row is None else facts_of(row, views.district_rounds(district_id), lang)


def district_page(views: Views, district_id: str, lang: str = "it", geo: Mapping | None = None) -> DistrictPage | None:
    """The profile of ``district_id`` (None when there is no such district); ``geo`` is the GeoJSON of its
    comuni (``derived/geo/districts/<id>.geojson``, None when unavailable)."""
    p = district_profile(views, district_id)
    if p is None:
        return None
    r = p.row
    rounds = views.district_rounds(district_id)
    facts = facts_of(r, rounds, lang)
    con = tuple(
        Contradiction(
            str(c["topic_en"] if lang == "en" else c["topic_it"]),
            str(c["claim_a"]),
            str(c["source_url_a"]),
            str(c["claim_b"]),
            str(c["source_url_b"]),
        )
        for _, c in p.contradictions.iterrows()
    )
    by_fact = {
        "listing": facts.listing_urls,
        "members": tuple(p.members["source_urls"]),
        "money": tuple(u for cell in rounds["source_urls"] for u in cell),
        "residents": views.residents_urls(),
    }
    return DistrictPage(
        facts=facts,
        badges=(
            *facts.badges,
            Badge(t(str(r["established_round"]), lang), badge_color("established_round", r["established_round"])),
        ),
        members=p.members[[c for c in MEMBER_COLUMNS if c in p.members.columns]],
        round_rows=wording.round_rows(rounds, lang),
        grants=_grants(p.grants, lang) if not p.grants.empty else p.grants,
        contradictions=con,
        sources_by_fact=by_fact,
        backs=_backs(r, p.members, p.grants, lang),
        notes=str(r["notes"]) if pd.notna(r["notes"]) else "–",
        inset=_inset(views, p.members, district_id, geo),
        map_alt=t("prof_map_alt", lang, name=str(r["short_name"])),
    )

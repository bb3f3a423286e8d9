"""The /dati page's reading parts: the coverage paragraph and the contradictions, both versions side by side.

:func:`coverage_md` gives the same counts as the KPIs, the map and the presenter (districts, lists, comuni,
residents, amounts) and how many sources are cited with their title and date. :func:`contradictions` gives
each contradiction as a reader compares it: the topic, its status, the first and the second version each
with its source cited from the register, and the note. Texts are plain, except ``coverage_md`` (Markdown of
numbers and catalogue words only).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from district_stats.analysis import counts, filters
from district_stats.analysis.views import Views
from district_stats.content.text import display, fmt, sources, wording
from district_stats.content.text.i18n import t


def coverage_md(v: Views, lang: str = "it") -> str:
    """/dati's coverage paragraph (Markdown, numbers only: nothing from outside), with the same counts as the
    KPIs, the map and the presenter: districts, lists (complete, incomplete), comuni, residents, amounts, and
    the pages of the sources register cited with their title and date."""
    cov, d = v.coverage, v.ds["districts"]
    tr = counts.traced_total(v.traced_share)
    titled, dated, both, n_pages = sources.verified_share(v.sources)
    return (
        t(
            "cov_text",
            lang,
            n=cov.n_districts,
            nr=int((d["active_status"] == "not_renewed").sum()),
            off=fmt.num(v.headline("districts_2025_12")["value"], lang),
            complete=cov.n_complete,
            partial=cov.n_partial,
            cap=cov.n_capofila_only,
            incomplete=cov.n_incomplete,
            comuni=fmt.num(cov.n_covered, lang),
            total=fmt.num(cov.n_comuni, lang),
            share=fmt.pct(cov.share_comuni, lang),
            pop=fmt.num(cov.population_covered, lang),
            share_pop=fmt.pct(cov.share_population, lang),
            grants=len(v.ds["grants"]),
            traced=wording.about(fmt.pct(tr.share, lang, 0), tr.approximate, lang),
        )
        + " "
        + t("cov_sources", lang, n=n_pages, titled=titled, dated=dated, both=both)
    )


@dataclass(frozen=True)
class Version:
    """One version of a contested figure: what the source says, and the source as readers cite it (label and
    address; none when the row gives no address)."""

    claim: str
    sources: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class ContradictionItem:
    """Two sources that disagree: the topic, its status in words, both versions and the note."""

    topic: str
    status: str
    first: Version
    second: Version
    note: str


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def contradictions(v: Views, lang: str = "it") -> list[ContradictionItem]:
    """Every contradiction of the data, in the table's order, both versions with their sources."""
    c = v.ds["contradictions"]
    out = []
    for _, r in c.iterrows():
        status = display.enum_text("resolution", _text(r.get("resolution")) or "unresolved", lang)
        out.append(
            ContradictionItem(
                topic=_text(r["topic_en" if lang == "en" else "topic_it"]),
                status=str(status),
                first=Version(_text(r["claim_a"]), tuple(sources.labels(r["source_url_a"], v.sources, lang))),
                second=Version(_text(r["claim_b"]), tuple(sources.labels(r["source_url_b"], v.sources, lang))),
                note=_text(r.get("note_en" if lang == "en" else "note_it")),
            )
        )
    return out


def filtered_tables(v: Views, prov: str = "", tipo: str = "") -> tuple[int, dict[str, pd.DataFrame]]:
    """The download of the districts in province ``prov`` of type ``tipo`` (empty: any): how many districts, and
    every table restricted to them (schema column names: they go back into the update flow)."""
    ids = set(filters.districts_in(v.districts, prov, tipo)["district_id"])
    return len(ids), filters.tables_of(v.ds.tables, ids)

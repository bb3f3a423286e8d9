"""One-time import of the November 2026 research dossier into the curated tables of ``data/``.

Usage: ``python tools/import_dossier.py DOSSIER_DIR [EXTRA_ADDITIONS_CSV ...]``

The dossier (``districts_raw.csv``, ``additions_2026-11.csv``, ``grants_by_district.csv``,
``funding_lines.csv`` and their notes) holds every fact with its public source URL and a
confidence grade. This script carries those facts over, harmonises comune names to ISTAT
codes and applies the corrections that the dossier's own notes document (the
``OVERRIDES`` below, each with its reason). Hand-written tables that have no dossier CSV
(headline figures, timeline, contradictions, known gaps) live in ``data/`` directly.

After the import, ``data/`` is the source of truth and is edited directly (see
``data/changelog.csv``); this script is kept to show how the first version was made.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

from district_stats.geo import load_istat_comuni
from district_stats.harmonize import Harmonizer
from district_stats.paths import DATA_DIR

SHORT_NAMES = {
    "D001": "Torino", "D002": "Ivrea", "D003": "Rivarolo Canavese", "D004": "Bussoleno", "D005": "Alpignano",
    "D006": "San Benigno Canavese", "D007": "Carmagnola", "D008": "Chieri", "D009": "Moncalieri",
    "D010": "Pianezza", "D011": "La Via delle 5", "D012": "Chierese", "D013": "Ciriacese",
    "D014": "Settimo Torinese", "D015": "Valli di Lanzo", "D016": "Terre Canavesane", "D017": "Collegno",
    "D018": "Pinerolo", "D019": "Sacra di San Michele", "D020": "Collina del Monferrato Torinese",
    "D021": "Cuorgnè", "D022": "Dalla Dora al Chiusella", "D023": "Venaria Reale", "D024": "Chivasso",
    "D025": "Collina Morenica", "D026": "Avigliana", "D027": "Anfiteatro Morenico Canavesano",
    "D028": "Orbassano", "D029": "Monte Musinè", "D030": "Alta Valle Susa", "D031": "Grugliasco",
    "D032": "Susa", "D033": "Axima (Alpi Graie)", "D034": "Nichelino", "D035": "Colline del Sangone",
    "D036": "Cuneo", "D037": "Fossano-Savigliano", "D038": "Busca", "D039": "Alba-Bra", "D040": "Valle Grana",
    "D041": "Mondovì", "D042": "Dronero-Valle Maira", "D043": "Borgo San Dalmazzo", "D044": "Ceva",
    "D045": "Terre del Monviso", "D046": "Terre di Mezzo", "D047": "Asti", "D048": "Valtriversa",
    "D049": "Terre di Vini e di Tartufi", "D050": "Cuore del Monferrato", "D051": "Nizza-Canelli (DOC Valley)",
    "D052": "Acqui Terme", "D053": "Alessandria", "D054": "Valenza", "D055": "Tortona",
    "D056": "Casale Monferrato", "D057": "Novi Ligure", "D058": "Ovada", "D059": "Borghi dei Campionissimi",
    "D060": "Shopping e Natura", "D061": "Gavishire", "D062": "Lago Maggiore", "D063": "Novara",
    "D064": "Borgomanero", "D065": "Verbania", "D066": "Cusio", "D067": "Ornavasso", "D068": "Vercelli",
    "D069": "Porta delle Grange", "D070": "Terre d'Acqua", "D071": "Al Point (Cigliano)", "D072": "Gattinara",
    "D073": "Borgosesia", "D074": "Santhià", "D075": "Valsesia", "D076": "Biella", "D077": "Cossato",
    "D078": "Canavese Orientale e Dora Baltea", "D079": "Giaveno", "D080": "Alto Tanaro",
    "D081": "Valli Chisone e Germanasca", "D082": "Scalenghe", "D083": "Beinasco", "D084": "Brandizzo",
    "D085": "Gassino Torinese", "D086": "Borgaro Torinese", "D087": "Volpiano", "D088": "Caselle Torinese",
    "D089": "Valchiusella", "D090": "Foglizzo-San Giusto", "D091": "Caluso", "D092": "Porta della Langa",
    "D093": "Serravalle Scrivia", "D094": "San Mauro Torinese",
}

# District ids given to the districts that the 2026-11 additions name for the first time,
# keyed by their capofila as written there.
NEW_IDS = {
    "Brandizzo": "D084", "Gassino Torinese": "D085", "Borgaro Torinese": "D086", "Volpiano": "D087",
    "Caselle Torinese": "D088", "Issiglio (named; capofila role not stated)": "D089",
    "not stated (San Giusto Canavese hosted presentation)": "D090", "not stated": "D090",
    "Caluso": "D091", "Carrù": "D092", "Serravalle Scrivia": "D093", "San Mauro Torinese": "D094",
}

# Corrections that the dossier notes document; each value says why.
OVERRIDES: dict[str, dict[str, object]] = {
    "D004": {"district_name": "Distretto Urbano del Commercio di Bussoleno", "members_status": "complete",
             "n_comuni_reported": 1, "why": "additions notes: single-comune DUC in 2025-26 (torino.plus 2026)"},
    "D012": {"district_name": "Distretto Diffuso del Commercio del Chierese", "capofila_ente": "Santena",
             "capofila_comune": "Santena", "n_comuni_reported": 14, "members_status": "complete",
             "active_status": "confirmed",
             "extra_urls": ["https://www.rossosantena.it/2025/05/31/santena-nuovo-capofila-del-distretto-diffuso-del-commercio-del-chierese/"],
             "why": "additions notes: renamed Chierese in 2025, Santena capofila, 14 comuni (delibera 52/2025)"},
    "D027": {"members_status": "complete", "n_comuni_reported": 2,
             "why": "renewed in 2025 with Romano Canavese and Strambino only; 3 former members"},
    "D048": {"n_comuni_reported": 14, "members_status": "complete",
             "why": "additions: 14 comuni (Cellarengo and Valfenera joined in 2021)"},
    "D062": {"district_name": "Distretto Diffuso del Commercio del Lago Maggiore", "members_status": "complete",
             "n_comuni_reported": 6,
             "extra_urls": ["https://corrieredinovara.it/attualita/approvato-il-progetto-del-distretto-diffuso-del-commercio-del-lago-maggiore/"],
             "why": "additions notes: Distretto Diffuso del Commercio del Lago Maggiore, 6 comuni confirmed"},
    "D071": {"district_name": "Distretto Diffuso del Commercio Al Point (Cigliano)",
             "why": "additions notes: the district is 'Al Point' (alpoint.it)"},
    "D034": {"district_name": "Distretto del Commercio di Nichelino (Stupinigi)"},
    "D044": {"capofila_ente": "Ceva (2021); Unione Montana Valli Mongia e Cevetta (progetto 2023)",
             "capofila_comune": "Ceva"},
    "D075": {"capofila_ente": "Quarona (2025-26; Varallo nel 2021-23)", "capofila_comune": "Quarona"},
    "D078": {"capofila_ente": "non indicato dalle fonti", "capofila_comune": None,
             "why": "the dossier only infers Verolengo; no source states it"},
    "D020": {"members_status": "partial", "why": "8 members added from primachivasso; total not stated"},
    "D042": {"members_status": "partial", "why": "12 members added from targatocn 2024; total not stated"},
}

CAPOFILA_UNION = {"D013", "D015", "D030", "D033", "D045", "D049", "D060", "D080", "D081"}
CONFIRMED_2025 = {
    "D001", "D002", "D003", "D004", "D005", "D007", "D009", "D012", "D013", "D014", "D017", "D024", "D025",
    "D027", "D030", "D037", "D039", "D041", "D045", "D052", "D053", "D054", "D055", "D056", "D057", "D058",
    "D062", "D063", "D064", "D065", "D067", "D068", "D070", "D073", "D074", "D075", "D076",
}
ROUND_BY_ID = {"D078": "nuovi_2024_25", "D079": "nuovi_2024_25", "D080": "nuovi_2025_12",
               "D081": "nuovi_2025_12", "D082": "nuovi_2025_12", "D083": "nuovi_2025_12"}

# The 2021 candidacy of Bussoleno (DDC "Orsiera ValSusaCentro") and the 2025 leavers of D027.
FORMER_MEMBERS = {
    "D004": (["Bruzolo", "Chianocco", "Mattie", "San Giorio di Susa", "Villar Focchiardo"],
             "https://valsusaoggi.it/bussoleno-vuole-essere-distretto-del-commercio-bando-regionale;https://puntovalsusa.it/?p=5754",
             "medium", "named in the 2021 candidacy as DDC 'Orsiera ValSusaCentro'; the 2025-26 district is the DUC of Bussoleno alone"),
    "D027": (["Mercenasco", "Scarmagno", "Perosa Canavese"], "https://123ru.net/foreign/405395582", "medium",
             "did not renew in 2025"),
}

GRANT_DISTRICT_BY_CAPOFILA = {
    "Nichelino": "D034", "Quarona": "D075", "Varallo": "D075", "Caluso": "D091", "Carrù": "D092",
    "Unione di Comuni (San Damiano d'Asti)": "D049",
    "Unione dei Comuni del Ciriacese e Basso Canavese": "D013",
    "Unione Montana Valli Mongia e Cevetta Langa Cebana Alta Valle Bormida": "D044",
}


def split_urls(text: str) -> list[str]:
    return [u.strip() for u in re.split(r"[;\s]+", text) if u.strip().startswith("http")]


def main(dossier: Path, extra: list[Path]) -> None:
    istat = load_istat_comuni()
    official = dict(zip(istat["istat_code"], istat["comune_name"], strict=True))
    aliases = read_csv(DATA_DIR / "comune_name_map.csv")
    harm = Harmonizer(official, {a["alias"]: a["istat_code"] for a in aliases})

    raw = read_csv(dossier / "districts_raw.csv")
    adds = read_csv(dossier / "additions_2026-11.csv")
    for path in extra:
        adds += read_csv(path)
    districts, members = build_districts(raw, adds, harm)
    grants = build_grants(read_csv(dossier / "grants_by_district.csv"), adds, districts)
    write_csv(DATA_DIR / "districts.csv", districts)
    write_csv(DATA_DIR / "district_members.csv", members)
    write_csv(DATA_DIR / "grants.csv", grants)
    unused = harm.unused_aliases()
    print(f"{len(districts)} districts, {len(members)} member rows, {len(grants)} grants; unused aliases: {unused}")


def code_of(harm: Harmonizer, name: str) -> str:
    m = harm.match(name)
    if m.istat_code is None:
        raise SystemExit(f"comune name not harmonised ({m.status}): {name!r} {m.candidates}")
    return m.istat_code


def build_districts(raw: list[dict], adds: list[dict], harm: Harmonizer) -> tuple[list[dict], list[dict]]:
    districts: list[dict] = []
    members: dict[tuple[str, str], dict] = {}

    def add_member(did: str, name: str, urls: str, conf: str, note: str = "", role: str = "member") -> None:
        code = code_of(harm, name)
        key = (did, code)
        rank = {"high": 0, "medium": 1, "low": 2}
        if key in members:
            old = members[key]
            # Same comune named again: keep the strongest grade, add the new source.
            old["source_urls"] = ";".join(dict.fromkeys(old["source_urls"].split(";") + urls.split(";")))
            if rank[conf] < rank[old["confidence"]]:
                old["confidence"] = conf
            if role == "former_member":  # a later source says the comune left
                old["role"], old["notes"] = role, note
            return
        members[key] = {"district_id": did, "istat_code": code, "comune_name": harm.official[code], "role": role,
                        "confidence": conf, "source_urls": urls, "notes": note}

    for r in raw:
        did = r["district_id"]
        ov = OVERRIDES.get(did, {})
        cap_ente = str(ov.get("capofila_ente", r["capofila"]))
        if "capofila_comune" in ov:
            cap_comune = ov["capofila_comune"]
        elif did in CAPOFILA_UNION or cap_ente.startswith("Unione"):
            cap_comune = None
        else:
            cap_comune = cap_ente
        urls = split_urls(r["source_urls"]) + list(ov.get("extra_urls", []))
        n_rep = ov.get("n_comuni_reported", _leading_int(r["n_municipalities_reported"]))
        status = ov.get("members_status", {"yes": "complete", "partial": "partial", "no": "capofila_only"}[
            r["members_complete"]])
        notes = r["notes"]
        if ov.get("why"):
            notes = (notes + " | Correction 2026-11: " + str(ov["why"])).strip(" |")
        districts.append({
            "district_id": did,
            "district_name": ov.get("district_name", r["district_name"]),
            "short_name": SHORT_NAMES[did],
            "district_type": r["type"],
            "capofila_ente": cap_ente,
            "capofila_istat_code": code_of(harm, str(cap_comune)) if cap_comune else "",
            "province_code": r["province"].replace("VCO", "VB"),
            "n_comuni_reported": n_rep if n_rep is not None else "",
            "n_comuni_reported_note": r["n_municipalities_reported"],
            "members_status": status,
            "established_round": ROUND_BY_ID.get(did, "costituzione_2021"),
            "active_status": "confirmed" if did in CONFIRMED_2025 or did in ROUND_BY_ID else "unconfirmed",
            "confidence": r["confidence"],
            "source_urls": ";".join(dict.fromkeys(urls)),
            "notes": notes,
        })
        cap_code = code_of(harm, str(cap_comune)) if cap_comune else None
        for name in [m.strip() for m in r["member_municipalities"].split(";") if m.strip()]:
            code = code_of(harm, name)
            add_member(did, name, ";".join(split_urls(r["source_urls"])), r["confidence"],
                       role="capofila" if code == cap_code else "member")
        if did in FORMER_MEMBERS:
            names, furls, fconf, fnote = FORMER_MEMBERS[did]
            for name in names:
                add_member(did, name, furls, fconf, fnote, role="former_member")
        if cap_code and (did, cap_code) not in members:
            add_member(did, harm.official[cap_code], ";".join(urls), r["confidence"], role="capofila")
        elif cap_code:
            members[(did, cap_code)]["role"] = "capofila"

    by_id = {d["district_id"]: d for d in districts}
    # Contradiction rows go to data/contradictions.csv by hand (each needs both sources).
    adds = [a for a in adds if a["kind"] != "contradiction"]
    for a in adds:
        did = a["district_id"] or NEW_IDS.get(a["capofila"], "")
        if not did:
            raise SystemExit(f"addition without district: {a}")
        if a["kind"] == "district" and did not in by_id:
            by_id[did] = new_district(did, a, harm)
            districts.append(by_id[did])
        elif a["kind"] == "district":
            by_id[did]["source_urls"] = ";".join(dict.fromkeys(by_id[did]["source_urls"].split(";") +
                                                               [a["source_url"]]))
    for a in adds:
        did = a["district_id"] or NEW_IDS.get(a["capofila"], "")
        if a["kind"] == "dropped":
            d = by_id[did]
            d["source_urls"] = ";".join(dict.fromkeys(d["source_urls"].split(";") + [a["source_url"]]))
            d["notes"] = (d["notes"] + f" | Not renewed? ({a['confidence']}): " + a["notes"]).strip(" |")
            if a["confidence"] == "high":
                d["active_status"] = "not_renewed"
        if a["kind"] in ("member", "former_member") and a["comune"] and (did, a["comune"]) not in NOT_MEMBERS:
            code = code_of(harm, a["comune"])
            role = "former_member" if a["kind"] == "former_member" else (
                "capofila" if code == by_id[did]["capofila_istat_code"] else "member")
            add_member(did, a["comune"], a["source_url"], a["confidence"], a.get("value", "") or a.get("notes", ""),
                       role=role)
    # Terre d'acqua: the February 2024 call lists Trino and 19 other comuni (primavercelli 2024).
    if "D070" in by_id and sum(1 for (d, _c), m in members.items() if d == "D070" and m["role"] != "former_member") == 20:
        by_id["D070"]["n_comuni_reported"] = 20
    districts.sort(key=lambda d: d["district_id"])
    out = sorted(members.values(), key=lambda m: (m["district_id"], m["role"] != "capofila", m["comune_name"]))
    return districts, out


# Type of districts first named by the second additions file, as their sources state it.
TYPE_BY_ID = {"D093": "urbano", "D094": "unknown"}


def new_district(did: str, a: dict, harm: Harmonizer) -> dict:
    value = a.get("value") or a.get("notes", "")
    dtype = TYPE_BY_ID.get(did) or ("urbano" if "urbano" in value else "diffuso" if "diffuso" in value else "unknown")
    # Porta della Langa was activated by a delibera of November 2025; Serravalle's act was not found.
    rnd = "altro" if did in ("D092", "D093") else "nuovi_2024_25"
    cap = a["capofila"]
    cap_known = cap in ("Brandizzo", "Gassino Torinese", "Borgaro Torinese", "Volpiano", "Caselle Torinese",
                        "Caluso", "Carrù", "Serravalle Scrivia", "San Mauro Torinese")
    return {
        "district_id": did,
        "district_name": a["district_name"],
        "short_name": SHORT_NAMES[did],
        "district_type": dtype,
        "capofila_ente": cap if cap_known else "non indicato dalle fonti",
        "capofila_istat_code": code_of(harm, cap) if cap_known else "",
        "province_code": a["province"].replace("VCO", "VB"),
        "n_comuni_reported": 1 if dtype == "urbano" or did == "D094" else (2 if did == "D090" else ""),
        "n_comuni_reported_note": value,
        "members_status": "complete" if dtype == "urbano" or did in ("D090", "D094") else "partial",
        "established_round": rnd,
        "active_status": "confirmed",
        "confidence": a["confidence"],
        "source_urls": a["source_url"],
        "notes": value,
    }


def build_grants(rows: list[dict], adds: list[dict], districts: list[dict]) -> list[dict]:
    by_cap = {}
    for d in districts:
        by_cap.setdefault(d["capofila_ente"], d["district_id"])
    by_cap.update({"Unione Montana Valle Varaita": "D045", "Unione Montana Alta Valle Susa": "D030",
                   "Unione Montana Alpi Graie": "D033", "Unione Montana Alta Val Tanaro": "D080",
                   "Unione Montana Valli Chisone e Germanasca": "D081", "Arona": "D062", "Ceva": "D044",
                   "Santena": "D012"})
    by_cap.update(GRANT_DISTRICT_BY_CAPOFILA)
    out = []
    for r in rows:
        did = by_cap.get(r["capofila"])
        if did is None:
            raise SystemExit(f"grant without district: {r['capofila']!r}")
        line_text = r["line"]
        token = line_text.split()[0]
        line_id: str | None = token if re.fullmatch(r"L0\d[ab]?|L0[1-9]", token) else None
        if line_id in ("L03",) and ("(probable)" in line_text or "or L04" in line_text):
            line_id = None  # the dossier only guesses the call
        kind = "business_call" if line_id == "L09" else "allocated"
        if token == "Comune":
            kind = "local_funds"
        year_m = re.match(r"(\d{4})", r["year"])
        year = int(year_m.group(1)) if year_m and " or " not in r["year"] else ""
        rank_m = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)\b", line_text)
        out.append({"district_id": did, "line_id": line_id or "", "year": year, "amount_eur": r["amount_eur"],
                    "amount_kind": kind, "rank": int(rank_m.group(1)) if rank_m else "",
                    "confidence": r["confidence"], "source_urls": r["source_url"], "notes": line_text})
    for a in adds:
        if a["kind"] != "amount" or "amount_eur" in a:
            continue
        did = a["district_id"] or NEW_IDS[a["capofila"]]
        if "amount_eur" in a and a.get("amount_eur"):
            amount, line_id, year, kind = a["amount_eur"], a.get("line_id", ""), a.get("year", ""), a.get(
                "amount_kind") or "allocated"
        else:
            amount = re.match(r"~?([\d.]+)", a["value"]).group(1)
            text = a["value"]
            # New 2024-25 districts were funded by the one regional call for new districts (L06).
            new_2024 = did in ("D084", "D085", "D086", "D087", "D088", "D089", "D090", "D091")
            line_id = "L06" if ("nuovi distretti" in text or "2024-25 round" in text or new_2024) else (
                "L09" if "bando vetrine" in text else "")
            # L06 grants were all decided with the December 2024 recognition of the 20 new districts.
            year = 2024 if line_id == "L06" else (2023 if line_id == "L09" else "")
            kind = "business_call" if line_id == "L09" else "allocated"
        out.append({"district_id": did, "line_id": line_id, "year": year, "amount_eur": amount,
                    "amount_kind": kind, "rank": "", "confidence": a["confidence"], "source_urls": a["source_url"],
                    "notes": a.get("value") or a.get("notes", "")})
    out += extra_amounts(adds)
    out.sort(key=lambda g: (g["district_id"], str(g["year"]), g["line_id"], float(g["amount_eur"])))
    for i, g in enumerate(out, start=1):
        g["grant_id"] = f"G{i:03d}"
    cols = ["grant_id", "district_id", "line_id", "year", "amount_eur", "amount_kind", "rank", "confidence",
            "source_urls", "notes"]
    return [{c: g[c] for c in cols} for g in out]


def _leading_int(text: str) -> int | None:
    m = re.match(r"\s*(\d+)", text)
    return int(m.group(1)) if m else None


def read_csv(path: Path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def write_csv(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)




# --- funding lines -----------------------------------------------------------------------
LINE_META = {
    # line_id: (parent, kind, basis, label_it, label_en, in_reconstruction, in_extended, reserve_base)
    "L01": ("L01-TOT", "bando", "endowment", "Bando istituzione 2020", "2020 set-up call", False, False, False),
    "L01a": ("L01-TOT", "graduatoria", "allocated", "Istituzione: 1ª graduatoria (25)", "Set-up: 1st ranking (25)",
             False, False, False),
    "L01b": ("L01-TOT", "graduatoria", "allocated", "Istituzione: integrazione luglio 2021",
             "Set-up: July 2021 top-up", False, False, False),
    "L01c": ("L01-TOT", "graduatoria", "none", "Istituzione: scorrimento ottobre 2021",
             "Set-up: October 2021 extension", False, False, False),
    "L01d": ("L01-TOT", "graduatoria", "allocated", "Istituzione: ultima tranche dicembre 2021",
             "Set-up: last tranche December 2021", False, False, False),
    "L01-TOT": ("AGG-2021", "totale", "allocated", "Contributi di istituzione 2021-22", "Set-up grants 2021-22",
                True, True, False),
    "L02a": ("L02", "graduatoria", "allocated", "Prime attività: primi 25 distretti", "First activities: first 25",
             False, False, False),
    "L02b": ("L02", "graduatoria", "computed", "Prime attività: altri 52 distretti", "First activities: other 52",
             False, False, False),
    "L02": ("AGG-2021", "totale", "computed", "Prime attività 2021-22 (50.596 € × 77)",
            "First activities 2021-22 (€50,596 × 77)", True, True, False),
    "AGG-2021": ("", "totale", "allocated", "Piano 2020-22: istituzione + prime attività",
                 "2020-22 plan: set-up + first activities", False, False, False),
    "L03": ("", "bando", "allocated", "Progetti strategici 2022-24", "Strategic projects 2022-24", True, True, True),
    "L04": ("", "bando", "allocated", "Progetti strategici 2023-25", "Strategic projects 2023-25", True, True, True),
    "L05": ("", "annuncio", "announced", "Annuncio «9 milioni nel 2024» (nessun atto)",
            "'€9M in 2024' announcement (no act)", False, False, False),
    "L06": ("", "bando", "endowment", "Nuovi distretti 2024-25", "New districts 2024-25", False, True, False),
    "L07": ("", "graduatoria", "computed", "4 nuovi distretti, dicembre 2025", "4 new districts, December 2025",
            False, True, False),
    "L08": ("", "bando", "allocated", "Progetti strategici 2025-27", "Strategic projects 2025-27", True, True, True),
    "L09": ("", "quota_imprese", "reserve", "Quota imprese (≥ 30% dei progetti strategici)",
            "Business share (≥ 30% of strategic projects)", False, False, False),
    "L10": ("", "protocollo", "none", "Protocollo Regione-FCSP-Unioncamere 2022-23",
            "Regione-FCSP-Unioncamere protocol 2022-23", False, False, False),
    "L11": ("", "protocollo", "none", "Protocollo Regione-FCSP-Unioncamere 2024-25",
            "Regione-FCSP-Unioncamere protocol 2024-25", False, False, False),
    "X1": ("", "misura_adiacente", "allocated", "Fondo unico per il commercio (non solo distretti)",
           "Single commerce fund (not district-specific)", False, False, False),
    "X2": ("", "misura_adiacente", "allocated", "PN Metro Plus Torino (non è politica dei distretti)",
           "PN Metro Plus Torino (not district policy)", False, False, False),
    "X3": ("", "misura_adiacente", "allocated", "Botteghe dei servizi, comuni montani (altra politica)",
           "Mountain service shops (other policy)", False, False, False),
}
L02_ROW = {
    "line_id": "L02", "name": "Prime attività distrettuali – 50.596 euro in conto capitale per ciascuno dei 77 distretti",
    "act": "D.D. n. 291/A2009B/2021 e D.G.R. n. 38-4133/2021 (primi 25); Elenco D.D. n. 133 e n. 198/A2009B/2022",
    "date": "2021-11-19", "years": "2021-2022", "amount_eur": "3895892", "beneficiary_type": "distretti",
    "n_beneficiaries": "77", "category": "avvio attività (conto capitale)",
    "source_urls": "https://iltorinese.it/2021/12/26/distretti-urbani-per-rilanciare-il-commercio-in-arrivo-i-fondi-regionali/;"
                   "https://www.atnews.it/2021/11/al-via-la-seconda-fase-dei-distretti-del-commercio-sovvenzioni-nellastigiano-ai-primi-tre-distretti-riconosciuti-162564/",
    "confidence": "high",
    "notes": "Computed: 5.402.796 (plan) - 1.506.904 (istituzione) = 3.895.892 = 77 x 50.596 exactly.",
}
AMOUNT_OVERRIDE = {"L09": ""}  # the 7,45 mln is a press estimate of the reserve: kept in headline_figures


def build_funding_lines(rows: list[dict]) -> list[dict]:
    rows = [r for r in rows if r["line_id"] in LINE_META] + [L02_ROW]
    out = []
    for r in rows:
        parent, kind, basis, lit, len_, rec, ext, res = LINE_META[r["line_id"]]
        years = re.findall(r"\d{4}", r["years"])
        # X2's only date is an application deadline, not the date of an act.
        date_m = None if r["line_id"] == "X2" else re.search(r"\d{4}-\d{2}-\d{2}", r["date"])
        nb_m = re.match(r"\s*(\d+)", r["n_beneficiaries"])
        out.append({
            "line_id": r["line_id"], "parent_line_id": parent, "line_name": r["name"], "label_it": lit,
            "label_en": len_, "line_kind": kind, "act": r["act"], "act_date": date_m.group(0) if date_m else "",
            "start_year": years[0], "end_year": years[-1],
            "amount_eur": AMOUNT_OVERRIDE.get(r["line_id"], r["amount_eur"]), "amount_basis": basis,
            "beneficiary_type": r["beneficiary_type"], "n_beneficiaries": nb_m.group(1) if nb_m else "",
            "n_beneficiaries_note": r["n_beneficiaries"], "intervention_type": r["category"],
            "in_reconstruction": str(rec).lower(), "in_extended_reconstruction": str(ext).lower(),
            "business_reserve_base": str(res).lower(), "confidence": r["confidence"],
            "source_urls": ";".join(split_urls(r["source_urls"])), "notes": r["notes"],
        })
    order = list(LINE_META)
    out.sort(key=lambda r: order.index(r["line_id"]))
    return out




# --- second additions file (structured amounts, dropped districts) ---------------------
# Rows of additions_2026-11b.csv that are not carried over as they stand, keyed by
# (district id or capofila, amount as written), with the reason. "drop": the fact is kept
# elsewhere (a contradiction row, a district note) or would double count; "no_year" /
# "no_line": the source does not state the year / the call, the researcher inferred it.
EXTRA_FIXES = {
    ("Serravalle Scrivia", "0"): "drop",  # not funded in 2025-27: a district note, not an amount
    ("D066", "0"): "drop",  # did not apply in 2022: a district note
    ("D076", "50596"): "no_year",
    ("D071", "360000"): "no_line_year",  # call inferred from context; project total
    ("D071", "180000"): "no_year",
    ("D071", "90000"): "drop",  # second tranche of the 180.000
    ("D007", "167000"): "drop",  # ambiguous wording; call inferred
    ("D007", "440000"): "drop",  # sentence cut off; composition unknown
    ("D001", "96461.18"): "drop",  # split of the 120.576,48 call
    ("D001", "24115.30"): "drop",
    ("D044", "336000"): "drop",  # kept as contradiction C34
    ("D075", "366000"): "drop",  # project total incl. co-financing, regional share not stated
    ("D075", "312000"): "drop",  # same call as the 300.000 already recorded
    ("D072", "110000"): "drop",  # confirms the 109.846,66 already recorded
    ("D042", "250000"): "drop",  # approximate increase of the 217.500 call
    ("D002", "115000"): "no_year",  # year deduced from a weekday
    ("D024", "115000"): "no_year",
    ("D018", "104000"): "no_year",
    ("D018", "26000"): "no_year",
    ("D008", "286300"): "drop",  # kept as contradiction C36
    ("D021", "286300"): "drop",  # kept as contradiction C37
    ("D016", "267000"): "drop",  # already recorded (line not stated)
    ("D016", "102000"): "drop",  # already recorded
    ("D063", "137000"): "drop",  # remainder of the first call, re-offered
    ("D058", "162500"): "drop",  # near-duplicate of the 162.000 call
    ("D056", "21406.25"): "drop",  # partial commitment, call still open
    ("D026", "145000"): "drop",  # firms' requests, not a grant
}
# Claimed members that pages name only as places (area extremes, a meeting venue), not as members.
NOT_MEMBERS = {("D050", "Rocchetta Tanaro"), ("D050", "Camino"), ("D050", "Fubine Monferrato"),
               ("D050", "Cocconato"), ("D092", "Rocca de' Baldi")}


def extra_amounts(rows: list[dict]) -> list[dict]:
    """Structured amount rows of the second additions file, after EXTRA_FIXES."""
    out = []
    for a in rows:
        if a["kind"] != "amount" or "amount_eur" not in a:
            continue
        did = a["district_id"] or NEW_IDS[a["capofila"]]
        fix = EXTRA_FIXES.get((a["district_id"] or a["capofila"], a["amount_eur"]))
        if fix == "drop":
            continue
        year = re.match(r"\d{4}", a["year"] or "")
        out.append({"district_id": did, "line_id": "" if fix == "no_line_year" else a["line_id"],
                    "year": "" if fix in ("no_year", "no_line_year") or not year else int(year.group(0)),
                    "amount_eur": a["amount_eur"], "amount_kind": a["amount_kind"] or "allocated", "rank": "",
                    "confidence": a["confidence"], "source_urls": a["source_url"], "notes": a["notes"]})
    return out


if __name__ == "__main__":
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    write_csv(DATA_DIR / "funding_lines.csv", build_funding_lines(read_csv(Path(sys.argv[1]) / "funding_lines.csv")))
    main(Path(sys.argv[1]), [Path(p) for p in sys.argv[2:]])

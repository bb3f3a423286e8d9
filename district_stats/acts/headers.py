"""Which column of an act's table holds what: header cells -> roles, with the synonyms acts use.

Roles: ``district`` (Distretto, Denominazione, Denominazione distretto), ``comune`` (Comune, Comuni
aderenti, Ente, Denominazione ente), ``capofila`` (Comune capofila, Ente capofila, Beneficiario),
``province`` (Provincia, Prov.), ``amount`` (Contributo, Contributo concesso, Importo concesso),
``score`` (Punteggio), ``rank`` (Posizione, N.), ``istat`` (Codice ISTAT), ``role`` (Ruolo) and
``other`` for columns recognised as something else (Contributo richiesto, Spesa ammessa, Note): an
«other» column is never read as an amount.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from district_stats.acts.text import clean_cell
from district_stats.data.harmonize import normalise_name

ROLES = ("district", "comune", "capofila", "province", "amount", "score", "rank", "istat", "role", "other")

#: Exact header texts (normalised) -> role. Anything else goes through :func:`header_role`'s word rules.
SYNONYMS: dict[str, str] = {
    "distretto": "district",
    "distretti": "district",
    "denominazione": "district",
    "denominazione distretto": "district",
    "denominazione del distretto": "district",
    "nome distretto": "district",
    "nome del distretto": "district",
    "distretto del commercio": "district",
    "comune": "comune",
    "comuni": "comune",
    "comuni aderenti": "comune",
    "comune aderente": "comune",
    "ente": "comune",
    "enti": "comune",
    "denominazione ente": "comune",
    "enti aderenti": "comune",
    "comuni partecipanti": "comune",
    "comuni del distretto": "comune",
    "denominazione comune": "comune",
    "comune capofila": "capofila",
    "ente capofila": "capofila",
    "capofila": "capofila",
    "beneficiario": "capofila",
    "ente beneficiario": "capofila",
    "soggetto beneficiario": "capofila",
    "soggetto capofila": "capofila",
    "comune beneficiario": "capofila",
    "provincia": "province",
    "prov": "province",
    "pr": "province",
    "sigla provincia": "province",
    "contributo": "amount",
    "contributo concesso": "amount",
    "importo concesso": "amount",
    "contributo assegnato": "amount",
    "importo assegnato": "amount",
    "importo": "amount",
    "contributo regionale": "amount",
    "importo contributo": "amount",
    "contributo regionale concesso": "amount",
    "importo finanziato": "amount",
    "contributo finanziato": "amount",
    "punteggio": "score",
    "punti": "score",
    "punteggio totale": "score",
    "punteggio attribuito": "score",
    "punteggio finale": "score",
    "punteggio complessivo": "score",
    "posizione": "rank",
    "pos": "rank",
    "n": "rank",
    "nr": "rank",
    "n°": "rank",
    "ordine": "rank",
    "posizione in graduatoria": "rank",
    "progressivo": "rank",
    "#": "rank",
    "n progr": "rank",
    "n ord": "rank",
    "numero": "rank",
    "nr progr": "rank",
    "codice istat": "istat",
    "istat": "istat",
    "cod istat": "istat",
    "ruolo": "role",
}
_NOISE = ("(€)", "(euro)", "in euro", "(eur)", "€", "euro")
#: The words column names are made of (besides those of :data:`SYNONYMS`): a cell with any other word
#: («Bra», «Colline») is a value, not a column name.
VOCABULARY = frozenset(w for k in SYNONYMS for w in k.split()) | frozenset(
    (
        "elenco",
        "aderente",
        "partecipanti",
        "associati",
        "del",
        "della",
        "dei",
        "degli",
        "di",
        "al",
        "e",
        "in",
        "commercio",
        "urbano",
        "diffuso",
        "regionale",
        "concesso",
        "concessa",
        "assegnato",
        "assegnata",
        "ammesso",
        "finanziato",
        "finanziamento",
        "totale",
        "complessivo",
        "finale",
        "ottenuto",
        "attribuito",
        "graduatoria",
        "soggetto",
        "proponente",
        "richiedente",
        "richiesto",
        "spesa",
        "ammessa",
        "costo",
        "progetto",
        "note",
        "quota",
        "anno",
        "annualita",
        "tipologia",
        "tipo",
        "sigla",
        "codice",
        "numero",
        "importi",
        "contributi",
        "punteggi",
        "capofila",
        "beneficiari",
        "ente",
        "enti",
        "comuni",
        "distretti",
        "nominativo",
        "duc",
        "ddc",
        "progr",
        "ord",
        "tot",
        "max",
        "cod",
        "prov",
        "pos",
        "nr",
    )
)


def _generic(text: str) -> bool:
    """True when every word of a cell is a column-name word (years allowed: «Contributo 2025»)."""
    words = normalise_header(text).split()
    return bool(words) and all(w in VOCABULARY or re.fullmatch(r"(19|20)\d\d", w) for w in words)


def normalise_header(text: str) -> str:
    """A header cell as a key: one line, lower case, no accents, punctuation and currency signs."""
    t = re.sub(r"\([^()]*\)", " ", clean_cell(text).lower())  # «Punteggio (max 100)», «Provincia (sigla)»
    for noise in _NOISE:
        t = t.replace(noise, " ")
    t = t.replace("n°", "n ").replace("nº", "n ")
    return " ".join(normalise_name(t).replace("°", " ").split()) or ("#" if "#" in t else "")


_HEADS = (
    ("distrett", "district"),
    ("duc", "district"),
    ("ddc", "district"),
    ("comun", "comune"),
    ("ente", "comune"),
    ("enti", "comune"),
    ("contribut", "amount"),
    ("importo", "amount"),
    ("finanziament", "amount"),
    ("punteggi", "score"),
    ("punti", "score"),
    ("provinc", "province"),
    ("istat", "istat"),
    ("posizion", "rank"),
    ("ruolo", "role"),
)
_PREFIX_WORDS = ("denominazione", "nome", "codice", "cod", "numero", "elenco", "totale", "del", "della", "dei", "degli")
_OTHER = ("richiest", "spesa", "spese", "costo", "cofinanz", "ammissibil", "investiment", "note", "quota")


def header_role(text: str) -> str | None:
    """The role of one header cell, or None when it says nothing known.

    Exact synonyms first; otherwise the head noun decides («Comuni aderenti al distretto» is a comune
    column, «Distretto del commercio» a district column), after words that make a column something else
    (richiesto, spesa, costo: never an amount granted) and «capofila» / «beneficiario».
    """
    key = normalise_header(text)
    if not key:
        return None
    if key in SYNONYMS:
        return SYNONYMS[key]
    words = key.split()
    if len(words) > 6:
        return None
    if any(w.startswith(_OTHER) for w in words):
        return "other"
    if any(w.startswith(("capofila", "beneficiar")) for w in words):
        return "capofila"
    head = [w for w in words if w not in _PREFIX_WORDS] or words
    for stem, role in _HEADS:
        if head[0] == stem or (len(stem) > 4 and head[0].startswith(stem)):
            return role
    return None


def header_roles(cells: Sequence[str | None]) -> list[str | None] | None:
    """Roles of a row of cells when it is a header, else None.

    A row is a header when its named cells are made of column-name words only (:data:`VOCABULARY`), at least two of its non-empty cells have a role, or when its only
    non-empty cell names a comune or district column (a bare «Comune» list); no role may repeat
    (two «amount» columns would have to be guessed, unless one of them is the total) except ``other``; a cell that reads as data
    (a number, an amount) makes the row data, not a header.
    """
    roles = [header_role(c or "") for c in cells]
    filled = [(c, r) for c, r in zip(cells, roles, strict=True) if clean_cell(c)]
    if not filled:
        return None
    if any(r is None and any(ch.isdigit() for ch in clean_cell(c)) for c, r in filled):
        return None
    if not all(_generic(c or "") for c, r in filled if r is not None):
        return None  # «Distretto di Bra | Comune di Bra» is data: a column name has no proper name in it
    named = [r for _, r in filled if r is not None]
    if len(named) < 2 and not (len(filled) == 1 and named and named[0] in ("comune", "district")):
        return None
    if len(named) < len(filled) / 2:
        return None  # mostly unknown words: a line of text, not a header
    roles = _one_of_each(cells, roles)
    real = [r for r in roles if r not in (None, "other")]
    if len(real) != len(set(real)):
        return None
    return roles


def _one_of_each(cells: Sequence[str | None], roles: list[str | None]) -> list[str | None]:
    """Two amount (or score) columns: the total one counts («Contributo 2025 | Contributo 2026 | Contributo
    totale»), the others become «other»; without a total column both stay, and the header is refused."""
    out = list(roles)
    for role in ("amount", "score"):
        cols = [k for k, r in enumerate(out) if r == role]
        total = [
            k
            for k in cols
            if {"totale", "complessivo", "finale", "complessivamente"} & set(normalise_header(cells[k] or "").split())
        ]
        if len(cols) > 1 and len(total) == 1:
            out = [("other" if k in cols and k != total[0] else r) for k, r in enumerate(out)]
    return out


def merge_header(first: Sequence[str | None], second: Sequence[str | None]) -> list[str]:
    """A header printed on two lines («Contributo» / «concesso»): the two rows' cells joined column by column."""
    return [clean_cell(f"{a or ''} {b or ''}") for a, b in zip(first, second, strict=False)]

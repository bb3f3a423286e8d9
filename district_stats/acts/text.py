"""Words and numbers as acts print them: Italian amounts, scores, the act's number and date.

Pure functions of strings; nothing here knows about PDF pages or the data tables.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    m: i
    for i, m in enumerate(
        (
            "gennaio",
            "febbraio",
            "marzo",
            "aprile",
            "maggio",
            "giugno",
            "luglio",
            "agosto",
            "settembre",
            "ottobre",
            "novembre",
            "dicembre",
        ),
        start=1,
    )
}

_EUR = re.compile(r"(€|euro|eur)\.?", re.IGNORECASE)
_IT_NUMBER = re.compile(r"-?(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?")
_INTL_NUMBER = re.compile(r"-?\d{1,3}(?:,\d{3})+\.\d{1,2}")
_DATE = r"(\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*\d{4}|\d{1,2}°?\s+(?:" + "|".join(MONTHS) + r")\s+\d{4})"
_KIND = (
    r"\b(determinazione(?:\s+dirigenziale)?|d\.\s?d\.|dd|deliberazione\s+della\s+giunta\s+regionale|"
    r"d\.\s?g\.\s?r\.|dgr)"
)
ACT_RE = re.compile(
    _KIND + r"\s*(?:(?:n\.|n°|nr\.?|numero|n)\s*)?(\d[\w-]*(?:/[\w-]+)*)"
    r"(?:\s+e\s+n\.?\s*\d[\w-]*(?:/[\w-]+)*)*\s*(?:,\s*)?del(?:l['’])?\s*" + _DATE,
    re.IGNORECASE,
)


def parse_amount(text: str) -> float | None:
    """An amount as acts print it: «€ 292.306,63», «250.000,00 €», «1.234», «20000», «euro 5.000,00».

    Returns euros, or None when the text is not one amount (empty, words, two numbers, a number in
    another style that could be read two ways). Never guesses: «1.234» is one thousand two hundred
    and thirty-four (Italian thousands), «1,5» is one and a half, «12,345» (three decimals: maybe
    English thousands) is not an amount.
    """
    t = _EUR.sub(" ", text).replace("\u00a0", " ").strip().rstrip(".").strip()
    if not t or re.search(r"\s", t):  # nothing, or two things
        return None
        return None
    m = _IT_NUMBER.fullmatch(t)
    if m:
        whole = m.group(1).replace(".", "")
        return float(f"{'-' if t.startswith('-') else ''}{whole}.{m.group(2) or '0'}")
    if _INTL_NUMBER.fullmatch(t):  # 292,306.63: English thousands, unmistakable with two decimals
        return float(t.replace(",", ""))
    return None


def parse_score(text: str) -> float | None:
    """A score: «92,50», «72», «72/100» (the part before the slash); None when it is not one number."""
    t = text.strip().split("/")[0].strip()
    m = re.fullmatch(r"\d+(?:[,.]\d+)?", t)
    return float(t.replace(",", ".")) if m else None


def parse_rank(text: str) -> int | None:
    """A position: «1», «1°», «12.», «1ª»; None otherwise."""
    m = re.fullmatch(r"(\d{1,4})\s*[°ºª.]?", text.strip())
    return int(m.group(1)) if m and int(m.group(1)) > 0 else None


def parse_date(text: str) -> dt.date | None:
    """«18/12/2025», «18.12.2025», «18 dicembre 2025», «1° luglio 2021» -> date; None if not a real date."""
    t = text.strip().lower()
    m = re.fullmatch(r"(\d{1,2})\s*[./-]\s*(\d{1,2})\s*[./-]\s*(\d{4})", t)
    if m:
        d, mo, y = (int(g) for g in m.groups())
    else:
        m = re.fullmatch(r"(\d{1,2})°?\s+([a-z]+)\s+(\d{4})", t)
        if not m or m.group(2) not in MONTHS:
            return None
        d, mo, y = int(m.group(1)), MONTHS[m.group(2)], int(m.group(3))
    try:
        return dt.date(y, mo, d)
    except ValueError:
        return None


@dataclass(frozen=True)
class ActRef:
    """An act as printed: «Determinazione dirigenziale n. 706 del 18/12/2025».

    ``kind`` is 'D.D.' (a determinazione) or 'D.G.R.' (a deliberazione of the Giunta); ``number``
    as printed (``706``, ``340/A2009B/2022``); ``numbers`` every number of a joint reference
    («n. 232 e n. 236»).
    """

    label: str
    kind: str
    number: str
    date: dt.date
    numbers: tuple[str, ...] = ()

    @property
    def short_number(self) -> str:
        """The number without its office suffix: «340/A2009B/2022» -> «340»."""
        return self.number.split("/")[0]


def find_acts(text: str) -> list[ActRef]:
    """Every act reference in ``text``, in reading order (duplicates kept)."""
    out = []
    for m in ACT_RE.finditer(" ".join(text.split())):
        date = parse_date(m.group(3))
        if date is None:
            continue
        kind = "D.G.R." if re.match(r"(delib|d\.\s?g|dgr)", m.group(1), re.IGNORECASE) else "D.D."
        numbers = tuple(
            n.split("/")[0] for n in re.findall(r"n[.°r]*\s*(\d[\w-]*(?:/[\w-]+)*)", m.group(0), re.IGNORECASE)
        )
        out.append(
            ActRef(
                label=m.group(0).strip(),
                kind=kind,
                number=m.group(2),
                date=date,
                numbers=numbers or (m.group(2).split("/")[0],),
            )
        )
    return out


def the_act(text: str) -> ActRef | None:
    """The act a document is: the first determinazione printed (the act's own heading comes first; the
    deliberazioni it cites come in the premises), else the first act reference of any kind."""
    refs = find_acts(text)
    for ref in refs:
        if ref.kind == "D.D.":
            return ref
    return refs[0] if refs else None


def clean_cell(text: str | None) -> str:
    """A cell's text on one line: wrapped lines joined with a space, spaces collapsed. A line ending in a
    hyphen is joined without a space (the hyphen dropped when the next line starts in lower case)."""
    if not text:
        return ""
    lines = [ln.strip() for ln in str(text).replace("\u00a0", " ").splitlines() if ln.strip()]
    out = ""
    for ln in lines:
        if out.endswith("-"):  # «Castel-/nuovo» is one word; «Moransengo-/Tonengo» keeps its hyphen
            out = (out[:-1] if ln[:1].islower() else out) + ln
        else:
            out = f"{out} {ln}" if out else ln
    return " ".join(out.split())

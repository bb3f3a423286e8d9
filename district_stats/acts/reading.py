"""Read an act's PDF into an :class:`~district_stats.acts.model.ActReading` (see :func:`read_act`)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

from district_stats.acts import calls
from district_stats.acts.matching import SKIP, ComuneMatcher, DistrictMatcher, province_code, split_province
from district_stats.acts.model import KINDS, ActInfo, ActReading, ActRow, Unresolved
from district_stats.acts.pdf import open_pdf
from district_stats.acts.reference import Reference, read_mapping
from district_stats.acts.rows import RawRow, Tables, collect, join_wrapped
from district_stats.acts.text import parse_amount, parse_rank, parse_score, the_act
from district_stats.data.harmonize import normalise_name
from district_stats.data.problems import problem

_LIST_SPLIT = re.compile(r"\s*[;,/]\s*|\s+[-–—]\s+")
_COMUNE_DI = re.compile(r"^\s*(?:comune|citt[aà])\s+di\s+", re.IGNORECASE)
_CAPOFILA = re.compile(r"\s*[\(\[]\s*(?:comune\s+)?capofila\s*[\)\]]\s*|\s*[-–]\s*capofila\s*$|\*+$", re.IGNORECASE)
_NOT_FINANCED = {
    "",
    "-",
    "–",
    "—",
    "0",
    "0,00",
    "non finanziato",
    "non finanziata",
    "non finanziabile",
    "ammesso non finanziato",
    "ammessa non finanziata",
    "nessuno",
}
_URL = re.compile(r"https?://[^\s;]+")
_EXPECTED = {"district_members": "pdf_wrong_table_members", "grants": "pdf_wrong_table_grants"}


def read_act(
    pdf: bytes,
    kind: str,
    source_url: str,
    *,
    call: str | None = None,
    mapping: dict[str, str] | bytes | str | Path | None = None,
    filename: str = "atto.pdf",
    act_date: dt.date | None = None,
    reference: Reference | Callable[[], Reference] | None = None,
) -> ActReading:
    """Read an official act's PDF: its rows, the names it uses resolved to codes, what is left to do.

    Args:
        pdf: the PDF's bytes (at most the upload limit, 20 MB, and :data:`~district_stats.acts.pdf.MAX_PAGES` pages).
        kind: 'members' (or 'district_members'): a list of districts and their comuni; 'grants': a
            graduatoria or riparto (district, amount, optionally score and position).
        source_url: the act's public address (http/https): it becomes the source of every row.
        call: for grants, the funding line (``line_id``) of the act; found from the act's number and
            date in ``funding_lines.act`` when None.
        mapping: the official's answers for names the act prints differently: dict or CSV ``nome;codice``.
        filename: the uploaded file's name (messages only).
        act_date: the act's date when it is not printed on it.
        reference: tables to match against (or a function giving them, called only once the PDF has opened:
            a refused file never loads them); the current data folder when None.

    Returns:
        An :class:`ActReading`; ``reading.ok`` says whether it can become a candidate. Never raises
        on bad input: every refusal is a problem with what was found and what to do.
    """
    table = KINDS.get(kind)
    reading = ActReading(table=table or str(kind), filename=filename, source_url=source_url.strip())
    if table is None:
        reading.problems.append(problem("act_bad_kind", filename, value=kind))
        return reading
    if not _URL.fullmatch(reading.source_url):
        reading.problems.append(problem("act_bad_url", filename, value=source_url))
    content, probs = open_pdf(pdf, filename)
    if content is None:
        reading.problems += probs
        return reading
    reading.n_pages, reading.n_lines = content.n_pages, len(content.lines)
    reading.pages_without_text = content.pages_without_text
    ref = reference() if callable(reference) else (reference or Reference.load())
    answers, probs = read_mapping(mapping)
    reading.problems += probs
    reading.act = _act_info(content.text, act_date, reading)
    tables = collect(content.segments, content.lines)
    if table == "grants":
        _beneficiary(tables)
    item = "comune" if table == "district_members" else "district"
    usable = [k for k, roles in enumerate(tables.roles) if _fits(roles, table)]
    raw = join_wrapped([r for r in tables.rows if r.table in usable], item)
    if not raw:
        _no_table(reading, tables.roles, tables.unrecognised)
        return reading
    comuni = ComuneMatcher(ref.comuni, ref.aliases, {k: v for k, v in answers.items() if not v.startswith("D")})
    districts = DistrictMatcher(ref.districts, {k: v for k, v in answers.items() if v[:1] in ("D", SKIP)})
    _check_answers(answers, ref, reading)
    if table == "district_members":
        reading.rows = _member_rows(raw, comuni, districts, reading)
        codes = dict(zip(ref.districts["district_id"], ref.districts["capofila_istat_code"], strict=True))
        reading.capofila = {d: str(codes[d]) for d in reading.districts if isinstance(codes.get(d), str)}
    else:
        reading.rows = _grant_rows(raw, districts, reading)
        reading.call, reading.call_how = calls.resolve(call, reading.act, ref.funding_lines, reading)
    return reading


def _beneficiary(tables: Tables) -> None:
    """In a ranking without a district column, a «Comune» / «Ente» column names the beneficiary (the capofila)."""
    for k, roles in enumerate(tables.roles):
        if "comune" in roles and not {"district", "capofila"} & set(roles):
            tables.roles[k] = ["capofila" if r == "comune" else r for r in roles]
            for row in tables.rows:
                if row.table == k and "comune" in row.cells:
                    row.cells["capofila"] = row.cells.pop("comune")


def _fits(roles: list[str | None], table: str) -> bool:
    if table == "district_members":
        return "comune" in roles
    return "amount" in roles and bool({"district", "capofila"} & set(roles))


def _act_info(text: str, act_date: dt.date | None, reading: ActReading) -> ActInfo:
    ref = the_act(text)
    info = ActInfo(ref.label, ref.number, ref.date) if ref else ActInfo()
    if act_date is not None:
        info = ActInfo(info.label, info.number, act_date)
    if info.act_date is None:
        reading.problems.append(problem("act_no_date", reading.filename))
    return info


def _no_table(reading: ActReading, roles: list[list[str | None]], unrecognised: list[str]) -> None:
    headers = [" | ".join(r for r in rs if r) for rs in roles] + unrecognised
    if headers:
        reading.problems.append(
            problem(
                _EXPECTED[reading.table],
                reading.filename,
                headers="; ".join(headers[:3]),
                pages=reading.n_pages,
                lines=reading.n_lines,
            )
        )
    else:
        reading.problems.append(problem("pdf_no_table", reading.filename, pages=reading.n_pages, lines=reading.n_lines))
    if reading.pages_without_text:
        reading.problems.append(
            problem(
                "pdf_pages_without_text",
                reading.filename,
                pages=", ".join(str(p) for p in reading.pages_without_text[:20]),
            )
        )


def _check_answers(answers: dict[str, str], ref: Reference, reading: ActReading) -> None:
    known = set(ref.comuni["istat_code"]) | set(ref.districts["district_id"])
    for name, code in answers.items():
        if code not in known and code != SKIP:
            reading.problems.append(problem("act_mapping_unknown", reading.filename, name=name, value=code))


class _Pending:
    """Unresolved names collected while reading, one entry per name with every page it is on."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], Unresolved] = {}

    def add(self, name: str, kind: str, page: int, suggestions: tuple, province: str = "") -> None:
        key = (kind, normalise_name(name))
        old = self.items.get(key)
        pages = tuple(sorted({page, *(old.pages if old else ())}))
        self.items[key] = Unresolved(name, kind, pages, suggestions, province)


def _district(row: RawRow, districts: DistrictMatcher, pending: _Pending) -> tuple[str, str | None, str]:
    text = row.cells.get("district") or row.heading
    capofila = row.cells.get("capofila", "") if not row.cells.get("district") else ""
    did, how, suggestions = districts.match(text, capofila)
    if did is None and (text or capofila):
        pending.add(text or capofila, "district", row.page, suggestions)
    return text or capofila, did, how


def _member_rows(
    raw: list[RawRow], comuni: ComuneMatcher, districts: DistrictMatcher, reading: ActReading
) -> list[ActRow]:
    pending, out = _Pending(), []
    known = lambda n: comuni.match(split_province(_CAPOFILA.sub("", n))[0]).istat_code is not None  # noqa: E731
    for row in raw:
        text, did, how = _district(row, districts, pending)
        if not text:
            reading.problems.append(
                problem("act_no_district", reading.filename, page=row.page, name=row.cells.get("comune", "")[:60])
            )
            continue
        if did == SKIP:
            reading.skipped.append(f"{text} (p. {row.page})")
            continue
        capofila = normalise_name(split_province(row.cells.get("capofila", ""))[0])
        for printed in _names(row.cells["comune"], known):
            name, marked = _CAPOFILA.sub("", printed).strip(), bool(_CAPOFILA.search(printed))
            name, prov = split_province(_COMUNE_DI.sub("", name))
            prov = prov or province_code(row.cells.get("province", ""))
            match = comuni.match(name, prov)
            code = row.cells.get("istat", "").strip()
            if re.fullmatch(r"\d{4,6}", code) and code.zfill(6) in comuni.names and match.istat_code in (None, code):
                match = type(match)(code.zfill(6), "istat")
            if match.istat_code == SKIP:
                reading.skipped.append(f"{name} (p. {row.page})")
                continue
            if match.istat_code is None:
                pending.add(name, "comune", row.page, match.suggestions, prov)
            is_capofila = (
                marked
                or "capofila" in normalise_name(row.cells.get("role", ""))
                or (bool(capofila) and normalise_name(name) == capofila)
            )
            out.append(
                ActRow(
                    page=row.page,
                    district_text=text,
                    district_id=did,
                    district_how=how,
                    comune_text=name,
                    istat_code=match.istat_code,
                    comune_name=comuni.names.get(match.istat_code or "", ""),
                    province=prov,
                    is_capofila=is_capofila,
                )
            )
    reading.unresolved += list(pending.items.values())
    return _dedupe_members(out, reading)


def _names(cell: str, known: Callable[[str], bool]) -> list[str]:
    """One comune, or a list («Alba, Bra e Cherasco»): the last «e» splits only a name that is not a comune
    as a whole («Lu e Cuccaro Monferrato» stays one)."""
    parts = [p for p in _LIST_SPLIT.split(cell) if p.strip()]
    if parts and " e " in parts[-1] and not known(parts[-1]):
        head, _, tail = parts[-1].rpartition(" e ")
        parts[-1:] = [head, tail]
    return parts


def _dedupe_members(rows: list[ActRow], reading: ActReading) -> list[ActRow]:
    seen: dict[str, ActRow] = {}
    out = []
    for r in rows:
        if r.istat_code and r.district_id:
            first = seen.get(r.istat_code)
            if first is not None and first.district_id == r.district_id:
                continue  # printed twice in the same list
            if first is not None:
                reading.problems.append(
                    problem(
                        "act_comune_twice",
                        reading.filename,
                        page=r.page,
                        name=r.comune_name,
                        value=r.istat_code,
                        district=r.district_id,
                        other=first.district_id,
                    )
                )
            seen.setdefault(r.istat_code, r)
        out.append(r)
    return out


def _grant_rows(raw: list[RawRow], districts: DistrictMatcher, reading: ActReading) -> list[ActRow]:
    pending, out = _Pending(), []
    raw = [
        r
        for r in raw  # the total line under a ranking is not a district
        if not normalise_name(r.cells.get("district") or r.cells.get("capofila", "")).startswith("totale")
    ]
    scores = [parse_score(r.cells.get("score", "")) for r in raw]
    known = [s for s in scores if s is not None]
    ordered = (
        bool(raw)
        and "score" in raw[0].cells
        and len(known) == len(scores)
        and all(a >= b for a, b in zip(known, known[1:], strict=False))
    )
    for k, row in enumerate(raw):
        text, did, how = _district(row, districts, pending)
        if did == SKIP:
            reading.skipped.append(f"{text} (p. {row.page})")
            continue
        amount_text = row.cells.get("amount", "")
        amount = parse_amount(amount_text)
        not_financed = normalise_name(amount_text) in _NOT_FINANCED or amount == 0
        if amount is None and not not_financed:
            reading.problems.append(
                problem("act_bad_amount", reading.filename, page=row.page, name=text, value=amount_text)
            )
        rank = parse_rank(row.cells.get("rank", "")) if "rank" in row.cells else (k + 1 if ordered else None)
        out.append(
            ActRow(
                page=row.page,
                district_text=text,
                district_id=did,
                district_how=how,
                amount_text=amount_text,
                amount_eur=None if not_financed else amount,
                not_financed=not_financed,
                score_text=row.cells.get("score", ""),
                rank=rank,
            )
        )
    reading.unresolved += list(pending.items.values())
    seen: dict[str, int] = {}
    for r in out:
        if r.district_id and r.district_id in seen:
            reading.problems.append(
                problem(
                    "act_district_twice",
                    reading.filename,
                    page=r.page,
                    value=r.district_id,
                    first_page=seen[r.district_id],
                )
            )
        elif r.district_id:
            seen[r.district_id] = r.page
    return out

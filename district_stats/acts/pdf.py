"""Open an act's PDF safely and read its text layer: lines of text and tables, page by page.

Refusals come first and cheaply, before any page is parsed: too large (the upload limit of
:mod:`district_stats.data.reader`), not a PDF, cut short, damaged, protected by a password, too
many pages (:data:`MAX_PAGES`, counted from the document's page tree). Then each page's words
are read once (pdfplumber); ruled tables are found from the page's lines (only on pages that
have lines), their cells filled from the words; the other words become lines of text and
borderless tables (:mod:`district_stats.acts.layout`). A PDF without any text is a scan.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field

from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1

from district_stats.acts.layout import Line, Segment, borderless, lines_of
from district_stats.data.problems import Problem, problem
from district_stats.data.reader import MAX_BYTES, mb_text

MAX_PAGES = 100
_LOG = logging.getLogger(__name__)
_SIGNATURES = (
    (b"\x89PNG", "un'immagine PNG"),
    (b"\xff\xd8\xff", "un'immagine JPEG"),
    (b"PK\x03\x04", "un file compresso (ZIP, XLSX o DOCX)"),
    (b"\xd0\xcf\x11\xe0", "un documento Office"),
    (b"<", "una pagina HTML o XML"),
)


@dataclass
class PdfContent:
    """What the text layer holds: lines outside tables, table segments, counts for the messages."""

    n_pages: int
    lines: list[Line] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    n_chars: int = 0
    pages_without_text: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Every line outside tables, in reading order (for the act's number and date)."""
        return "\n".join(line.text for line in self.lines)


def open_pdf(data: bytes, filename: str) -> tuple[PdfContent | None, list[Problem]]:
    """Read ``data`` (the bytes of ``filename``) as an act's PDF.

    Returns (content, []) or (None, problems) when the file is refused: every refusal says what
    was found and what to do. A PDF whose pages hold no text at all is refused as a scan; pages
    without text among pages with text are listed in ``pages_without_text``. Never raises on
    bad input.
    """
    name = filename or "atto.pdf"
    if len(data) > MAX_BYTES:
        return None, [problem("file_too_large", name, size_mb=mb_text(len(data)), limit_mb=mb_text(MAX_BYTES))]
    if not data.strip():
        return None, [problem("file_empty", name)]
    if b"%PDF-" not in data[:1024]:
        return None, [problem("pdf_not_pdf", name, what=_what(data))]
    if b"%%EOF" not in data[-1024:]:
        return None, [problem("pdf_truncated", name, size_kb=max(1, len(data) // 1024))]
    n_pages, probs = _count_pages(data, name)
    if probs:
        return None, probs
    if n_pages > MAX_PAGES:
        return None, [problem("pdf_too_many_pages", name, pages=n_pages, limit=MAX_PAGES)]
    try:
        content = _read_pages(data, n_pages)
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types on broken content; each is a damaged file
        _LOG.info("PDF %s unreadable: %r", name, exc)
        return None, [problem("pdf_damaged", name, detail=_detail(exc))]
    if content.n_chars == 0:
        return None, [problem("pdf_no_text", name, pages=content.n_pages)]
    return content, []


def _what(data: bytes) -> str:
    head = data.lstrip()[:8]
    for sig, what in _SIGNATURES:
        if head.startswith(sig):
            return what
    return "un file di testo" if all(32 <= b < 127 or b in b"\r\n\t" for b in data[:256]) else "un file binario"


def _detail(exc: BaseException) -> str:
    text = " ".join(str(exc).split())[:60]
    return text or type(exc).__name__


def _count_pages(data: bytes, name: str) -> tuple[int, list[Problem]]:
    """Pages in the document's page tree, read without parsing any page."""
    try:
        doc = PDFDocument(PDFParser(io.BytesIO(data)))
        count = resolve1(resolve1(doc.catalog["Pages"])["Count"])
        return int(count), []
    except (PDFPasswordIncorrect, PDFEncryptionError):
        return 0, [problem("pdf_encrypted", name)]
    except Exception as exc:  # noqa: BLE001 - a broken PDF can fail in the parser in many ways: all mean damaged
        _LOG.info("PDF %s unreadable: %r", name, exc)
        return 0, [problem("pdf_damaged", name, detail=_detail(exc))]


def _read_pages(data: bytes, n_pages: int) -> PdfContent:
    import pdfplumber

    content = PdfContent(n_pages=n_pages)
    carry = None  # the columns of a borderless table that may go on at the top of the next page
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            number = page.page_number
            words = page.extract_words(extra_attrs=["size"], keep_blank_chars=False)
            content.n_chars += sum(len(w["text"]) for w in words)
            if not words:
                content.pages_without_text.append(number)
                carry = None
                continue
            ruled = _ruled_tables(page, words) if page.edges else []
            boxes = [seg_box for seg_box, _ in ruled]
            free = [w for w in words if not any(_inside(w, b) for b in boxes)]
            lines = lines_of(free, number)
            flat, used, carry = borderless(lines, number, None if ruled else carry)
            content.segments += [seg for _, seg in ruled] + flat
            content.lines += [ln for k, ln in enumerate(lines) if k not in used]
    content.segments.sort(key=lambda s: (s.page, s.top))
    return content


def _inside(word: dict, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (word["x0"] + word["x1"]) / 2, (word["top"] + word["bottom"]) / 2
    return box[0] <= cx <= box[2] and box[1] <= cy <= box[3]


def _ruled_tables(page: object, words: list[dict]) -> list[tuple[tuple[float, float, float, float], Segment]]:
    """Tables drawn with lines, each cell filled with the words whose centre falls in it (wrapped
    lines of one cell joined with a line break). Boxes with a single cell are frames, and one-column
    boxes around rows of columns are bands of colour: neither is a table."""
    out = []
    for table in page.find_tables():  # type: ignore[attr-defined]
        rows: list[list[str]] = []
        for row in table.rows:
            _, top, _, bottom = row.bbox
            near = [w for w in words if top <= (w["top"] + w["bottom"]) / 2 <= bottom]
            rows.append(["" if c is None else _cell_text(near, c) for c in row.cells])
        if sum(1 for r in rows for c in r if c) <= 1 or _bands(table, words):
            continue
        x0, top, x1, bottom = (float(v) for v in table.bbox)
        box = (x0, top, x1, bottom)
        out.append((box, Segment(page.page_number, box[1], box[3], rows, ruled=True)))  # type: ignore[attr-defined]
    return out


def _bands(table: object, words: list[dict]) -> bool:
    """A «table» of one column whose rows hold text in columns (wide gaps on a line): coloured bands behind a
    borderless table, not a ruled one; its words are left to the borderless reading."""
    if max(len(row.cells) for row in table.rows) > 1:  # type: ignore[attr-defined]
        return False
    x0, top, x1, bottom = table.bbox  # type: ignore[attr-defined]
    inside = sorted((w for w in words if _inside(w, (x0, top, x1, bottom))), key=lambda w: (round(w["top"]), w["x0"]))
    return any(
        b["x0"] - a["x1"] > 2.0 * float(a.get("size") or 10.0)
        for a, b in zip(inside, inside[1:], strict=False)
        if round(a["top"]) == round(b["top"])
    )


def _cell_text(words: list[dict], cell: tuple[float, float, float, float]) -> str:
    lines: list[list[dict]] = []
    for w in sorted((w for w in words if _inside(w, cell)), key=lambda w: (w["top"], w["x0"])):
        if lines and abs(w["top"] - lines[-1][0]["top"]) <= 2:
            lines[-1].append(w)
        else:
            lines.append([w])
    return "\n".join(" ".join(w["text"] for w in sorted(ln, key=lambda w: w["x0"])) for ln in lines)

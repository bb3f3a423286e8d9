"""Sample act PDFs built in code, for the tests of :mod:`district_stats.acts` and the guide docs/aggiornare-i-dati.md.

Every list here is made up; every page carries the stamp «ESEMPIO – dati inventati, non un atto
ufficiale», and nothing built here is ever written to ``data/``. Each builder returns the PDF's bytes;
the layouts are the ones the Regione's acts use: a ruled table, a borderless one, a table across pages
with the header repeated, wrapped cells, the district once in a heading above its list or on every row,
a graduatoria (distretto, punteggio, contributo). The refusals: a scanned act (pictures only), one
protected by a password, a damaged one, one with 200 pages, one with text and no table.

``python -m tests.acts_samples FOLDER`` writes them all to FOLDER (to look at them).
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.pdfgen import canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

STAMP = "ESEMPIO – dati inventati, non un atto ufficiale"
URL = "https://www.regione.piemonte.it/esempio/atto-inventato.pdf"
_STYLES = getSampleStyleSheet()
_GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.6, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
    ]
)
_PLAIN = TableStyle(
    [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("LINEBELOW", (0, 0), (-1, 0), 0, colors.white),
    ]
)


def _stamp(c: canvas.Canvas, _doc: object = None) -> None:
    c.saveState()
    c.setFont("Helvetica-Oblique", 9)
    c.drawString(2 * cm, 1.2 * cm, STAMP)
    c.drawRightString(A4[0] - 2 * cm, 1.2 * cm, f"pagina {c.getPageNumber()}")
    c.restoreState()


def _doc(story: list, title: str = "Esempio") -> bytes:
    buf = io.BytesIO()
    doc = SimpleDocTemplate(buf, pagesize=A4, title=title, topMargin=2 * cm, bottomMargin=2.2 * cm)
    doc.build(story, onFirstPage=_stamp, onLaterPages=_stamp)
    return buf.getvalue()


def _p(text: str, style: str = "BodyText") -> Paragraph:
    return Paragraph(text, _STYLES[style])


def _head(act: str) -> list:
    return [
        _p("REGIONE PIEMONTE – Direzione Competitività del Sistema regionale", "Heading4"),
        _p(act, "Heading3"),
        _p("Allegato A – elenco approvato (" + STAMP + ")"),
        Spacer(1, 8),
    ]


def _table(
    rows: Sequence[Sequence[object]], ruled: bool, widths: Sequence[float] | None = None, repeat: int = 0
) -> Table:
    return Table([list(r) for r in rows], colWidths=widths, repeatRows=repeat, style=_GRID if ruled else _PLAIN)


# --- The made-up lists -------------------------------------------------------------------------------------
#: Members of two made-up districts (district, comune, province): real comune names, invented membership.
MEMBERS = (
    ("Distretto del Commercio delle Colline Esempio", "Alba", "CN"),
    ("Distretto del Commercio delle Colline Esempio", "Bra", "CN"),
    ("Distretto del Commercio delle Colline Esempio", "Sant’Albano Stura", "CN"),
    ("Distretto del Commercio delle Colline Esempio", "Somariva del Bosco", "CN"),  # misspelt on purpose
    ("Distretto Urbano del Commercio di Prova", "Cherasco", "CN"),
    ("Distretto Urbano del Commercio di Prova", "La Morra", "CN"),
)
#: Graduatoria of a made-up call: position, district, score, amount as printed.
RANKING = (
    (1, "Distretto del Commercio delle Colline Esempio", "92,50", "€ 292.306,63"),
    (2, "Distretto Urbano del Commercio di Prova", "88,00", "250.000,00 €"),
    (3, "Distretto Diffuso del Commercio della Valle Immaginaria e delle Terre di Mezzo", "71,25", "1.234,56"),
)
#: A members act naming real districts and comuni of Piemonte, with MADE-UP membership (data tests and the
#: guide only): Alba-Bra (D039) without Santo Stefano Belbo and with six new comuni, one of them misspelt;
#: Porta della Langa (D092) with four. Spellings as acts print them (curly apostrophe, «S.», no accent).
REAL_MEMBERS = (
    *(
        ("Distretto Diffuso del Commercio Alba-Bra", c, "CN")
        for c in (
            "Alba",
            "Bra",
            "Canale",
            "Cherasco",
            "Cortemilia",
            "Dogliani",
            "Montà",
            "Sommariva del Bosco",
            "Barbaresco",
            "Barolo",
            "Diano D’Alba",
            "S. Vittoria d'Alba",
            "Grinzane Cavour",
            "Serralunga Dalba",
        )
    ),
    *(
        ("Distretto del Commercio «Porta della Langa»", c, "CN")
        for c in ("Carrù", "Farigliano", "Clavesana", "Bastia Mondovi", "Piozzo")
    ),
)
#: A graduatoria naming real districts, with MADE-UP scores and amounts, printed with the number and date of
#: the real 2025-27 ranking act (so the call is read from the act).
REAL_RANKING = (
    (1, "Distretto Urbano del Commercio di Settimo Torinese", "95,00", "€ 290.000,00"),
    (2, "Distretto Diffuso del Commercio di Mondovì e del Monregalese", "93,50", "€ 288.123,45"),
    (3, "Distretto Urbano del Commercio di Cuneo", "90,00", "250.000,00 €"),
    (4, "DUC di Novara", "85,25", "€ 290.300,00"),
)
ACT_REAL_GRANTS = "Determinazione dirigenziale n. 706 del 18/12/2025"
ACT_MEMBERS = "Determinazione dirigenziale n. 906 del 18/12/2025"
ACT_GRANTS = "D.D. n. 146 del 28/06/2021"


def ruled_members() -> bytes:
    """A ruled table, the district named on every row."""
    rows = [("Distretto", "Comune", "Provincia"), *MEMBERS]
    return _doc([*_head(ACT_MEMBERS), _table(rows, ruled=True)])


def borderless_members() -> bytes:
    """A table with no lines (read by the text's positions), header «Denominazione distretto / Comuni aderenti»."""
    rows = [("Denominazione distretto", "Comuni aderenti", "Prov."), *MEMBERS]
    return _doc([*_head(ACT_MEMBERS), _table(rows, ruled=False, widths=(9 * cm, 5 * cm, 2 * cm))])


def long_members(n: int = 90) -> list[tuple[str, str, str]]:
    """``n`` made-up rows of one district: comune names «Comune Esempio 1»… (matched by a test mapping)."""
    return [("Distretto del Commercio delle Colline Esempio", f"Comune Esempio {i}", "CN") for i in range(1, n + 1)]


def multipage_members(ruled: bool = True, repeat: bool = True) -> bytes:
    """One table over three pages, its header repeated on each page (or only on the first)."""
    rows = [("N.", "Distretto", "Comune", "Provincia")] + [(i + 1, *r) for i, r in enumerate(long_members())]
    widths = (1.2 * cm, 9 * cm, 4 * cm, 2.5 * cm)
    return _doc([*_head(ACT_MEMBERS), _table(rows, ruled=ruled, widths=widths, repeat=1 if repeat else 0)])


def inline_members() -> bytes:
    """Lists of comuni written in the text, one after its district's name, one under a heading, wrapping lines."""
    first = ", ".join(
        ["Alba", "Bra", "Sant’Albano Stura", "Somariva del Bosco"] + [f"Comune Esempio {i}" for i in range(1, 13)]
    )
    return _doc(
        [
            *_head(ACT_MEMBERS),
            _p(f"{MEMBERS[0][0]} – comuni aderenti: {first}."),
            Spacer(1, 10),
            _p(MEMBERS[4][0], "Heading4"),
            _p("Comuni aderenti: Cherasco e La Morra."),
            _p("Il presente elenco sostituisce quello approvato in precedenza."),
        ]
    )


def wrapped_members() -> bytes:
    """Borderless, cells wrapping onto a second line with the other columns empty."""
    cell = _STYLES["BodyText"]
    rows = [("N.", "Denominazione distretto", "Comune", "Provincia")]
    for i, (d, c, p) in enumerate(MEMBERS[:4], start=1):
        rows.append((i, Paragraph(d, cell), c, p))
    rows.append(
        (
            5,
            Paragraph("Distretto Diffuso del Commercio della Valle Immaginaria e delle Terre di Mezzo", cell),
            "Castiglione Falletto",
            "CN",
        )
    )
    return _doc([*_head(ACT_MEMBERS), _table(rows, ruled=False, widths=(1.2 * cm, 5 * cm, 5 * cm, 2.5 * cm))])


def heading_members() -> bytes:
    """The district once, in a heading above each list of comuni."""
    story = _head(ACT_MEMBERS)
    groups: dict[str, list[tuple[str, str]]] = {}
    for d, c, p in MEMBERS:
        groups.setdefault(d, []).append((c, p))
    for district, comuni in groups.items():
        story += [
            _p(f"{district} – comuni aderenti:", "Heading4"),
            _table([("Comune", "Provincia"), *comuni], ruled=True, widths=(7 * cm, 3 * cm)),
            Spacer(1, 12),
        ]
    return _doc(story)


GRADUATORIA_HEADER = ("Posizione", "Denominazione distretto", "Punteggio", "Contributo concesso")


def graduatoria(
    act: str = ACT_GRANTS,
    ranking: Sequence[tuple[object, ...]] = RANKING,
    ruled: bool = True,
    header: Sequence[str] = GRADUATORIA_HEADER,
    shaded: bool = False,
) -> bytes:
    """A graduatoria: position, district, score, amount granted (Italian numbers, «€» before or after);
    ``shaded``: no lines, every other row on a grey band (bands drawn as boxes, which are not a table)."""
    cell = _STYLES["BodyText"]
    rows: list[tuple[object, ...]] = [tuple(header)]
    rows += [(pos, Paragraph(d, cell), score, amount) for pos, d, score, amount in ranking]
    table = _table(rows, ruled=ruled and not shaded, widths=(2.2 * cm, 8 * cm, 2.5 * cm, 4 * cm))
    if shaded:
        table.setStyle(TableStyle([("ROWBACKGROUNDS", (0, 0), (-1, -1), [colors.lightgrey, colors.white])]))
    return _doc([*_head(act), table])


def members_act(rows: Sequence[tuple[str, str, str]], act: str = ACT_MEMBERS) -> bytes:
    """A ruled members act (district, comune, province) with the given rows."""
    return table_act([("Distretto", "Comune", "Provincia"), *rows], act)


def table_act(
    rows: Sequence[Sequence[object]], act: str = ACT_MEMBERS, ruled: bool = True, spans: Sequence[int] = ()
) -> bytes:
    """An act with one table of the given rows (the header included); rows in ``spans`` are one cell across."""
    table = _table(rows, ruled=ruled)
    for k in spans:
        table.setStyle(TableStyle([("SPAN", (0, k), (-1, k))]))
    return _doc([*_head(act), table])


def grouped_members() -> bytes:
    """A ruled table with a title row on top and a row across the table naming each district above its comuni."""
    rows: list[tuple[str, str]] = [("Allegato A – elenco dei comuni aderenti", ""), ("Comune", "Provincia")]
    spans = [0]
    for district in (MEMBERS[0][0], MEMBERS[4][0]):
        spans.append(len(rows))
        rows.append((district, ""))
        rows += [(c, p) for d, c, p in MEMBERS if d == district]
    return table_act(rows, spans=spans)


def text_only() -> bytes:
    """An act with text and no table (a determinazione without its annex)."""
    body = (
        "Il dirigente, vista la legge regionale n. 28/1999 e la D.G.R. n. 23-2535 del 11/12/2020, "
        "determina di approvare l'elenco allegato dei distretti del commercio. "
    ) * 6
    return _doc([*_head(ACT_MEMBERS), _p(body), _p(body)])


def many_pages(n: int = 200) -> bytes:
    """``n`` pages of text (the act with every annex in one file)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(n):
        c.setFont("Helvetica", 11)
        c.drawString(2 * cm, A4[1] - 3 * cm, ACT_MEMBERS)
        _stamp(c)
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned(text_pages: int = 0) -> bytes:
    """Two pages that are pictures only (no text layer), the stamp drawn inside the picture; after
    ``text_pages`` pages of text (the act's text before its scanned annex)."""
    from PIL import Image, ImageDraw

    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4)
    for _ in range(text_pages):
        c.setFont("Helvetica", 11)
        c.drawString(2 * cm, A4[1] - 3 * cm, ACT_MEMBERS + ": si approva l'elenco allegato.")
        _stamp(c)
        c.showPage()
    for page in (1, 2):
        img = Image.new("L", (620, 880), 255)
        draw = ImageDraw.Draw(img)
        draw.text((40, 40), "ESEMPIO - dati inventati, non un atto ufficiale", fill=0)
        for i, (d, com, p) in enumerate(MEMBERS):
            draw.text((40, 100 + 22 * i), f"{d}   {com}   {p}", fill=0)
        draw.text((40, 840), f"pagina {page}", fill=0)
        png = io.BytesIO()
        img.save(png, format="PNG")
        png.seek(0)
        from reportlab.lib.utils import ImageReader

        c.drawImage(ImageReader(png), 0, 0, width=A4[0], height=A4[1])
        c.showPage()
    c.save()
    return buf.getvalue()


def scanned_annex() -> bytes:
    """One page of text, then the annex with the list as two scanned pages."""
    return scanned(text_pages=1)


def encrypted() -> bytes:
    """A ruled members act that opens only with a password."""
    from reportlab.lib.pdfencrypt import StandardEncryption

    buf = io.BytesIO()
    enc = StandardEncryption("utente", "proprietario", canPrint=1)
    doc = SimpleDocTemplate(buf, pagesize=A4, encrypt=enc)
    doc.build(
        [*_head(ACT_MEMBERS), _table([("Distretto", "Comune", "Provincia"), *MEMBERS], ruled=True)],
        onFirstPage=_stamp,
        onLaterPages=_stamp,
    )
    return buf.getvalue()


def truncated() -> bytes:
    """The first half of a real PDF (a download cut short)."""
    data = ruled_members()
    return data[: len(data) // 2]


def damaged() -> bytes:
    """A PDF header followed by garbage."""
    return b"%PDF-1.4\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def not_a_pdf() -> bytes:
    """A PNG picture named as a PDF."""
    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(buf, format="PNG")
    return buf.getvalue()


def unit_reference():
    """A tiny made-up reference for unit tests: nine real comune names (real ISTAT codes), the 90
    «Comune Esempio N» of :func:`long_members` (codes 0990NN, not real), three made-up districts and
    two calls. Never the committed data."""
    import pandas as pd

    from district_stats.acts import Reference

    names = {
        "004003": "Alba",
        "004029": "Bra",
        "004211": "Sant'Albano Stura",
        "004222": "Sommariva del Bosco",
        "004223": "Sommariva Perno",
        "004067": "Cherasco",
        "004105": "La Morra",
        "004050": "Castiglione Falletto",
        "006091": "Lu e Cuccaro Monferrato",
    }
    names |= {f"099{i:03d}": f"Comune Esempio {i}" for i in range(1, 91)}
    comuni = pd.DataFrame(
        {
            "istat_code": list(names),
            "comune_name": list(names.values()),
            "province_code": ["AL" if c.startswith("006") else "CN" for c in names],
        }
    )
    districts = pd.DataFrame(
        {
            "district_id": ["D901", "D902", "D903"],
            "district_name": [MEMBERS[0][0], MEMBERS[4][0], RANKING[2][1]],
            "short_name": ["Colline Esempio", "Prova", "Valle Immaginaria"],
            "capofila_ente": ["Alba", "Cherasco", "Unione Montana Valle Immaginaria"],
            "capofila_istat_code": ["004003", "004067", None],
        }
    )
    lines = pd.DataFrame(
        {
            "line_id": ["L01a", "L08"],
            "line_kind": ["graduatoria", "bando"],
            "act": [ACT_GRANTS, "graduatoria D.D. n. 706 del 18/12/2025"],
            "district_amounts": ["regional", "strategic_call"],
        }
    )
    return Reference(comuni, {"Sommariva Bosco": "004222"}, districts, lines)


def real_members() -> bytes:
    """The members act of :data:`REAL_MEMBERS` (real names, made-up membership), the district once in a heading."""
    story = _head(ACT_MEMBERS)
    groups: dict[str, list[tuple[str, str]]] = {}
    for d, c, p in REAL_MEMBERS:
        groups.setdefault(d, []).append((c, p))
    for district, comuni in groups.items():
        story += [
            _p(f"{district} – comuni aderenti:", "Heading4"),
            _table(
                [("N.", "Comune", "Provincia")] + [(i, c, p) for i, (c, p) in enumerate(comuni, start=1)],
                ruled=True,
                widths=(1.5 * cm, 7 * cm, 3 * cm),
            ),
            Spacer(1, 12),
        ]
    return _doc(story)


def real_graduatoria() -> bytes:
    """The graduatoria of :data:`REAL_RANKING` (real district names, made-up amounts)."""
    return graduatoria(ACT_REAL_GRANTS, REAL_RANKING)


ALL = {
    "ruled_members": ruled_members,
    "borderless_members": borderless_members,
    "multipage_members": multipage_members,
    "wrapped_members": wrapped_members,
    "multipage_borderless": lambda: multipage_members(ruled=False),
    "multipage_no_repeat": lambda: multipage_members(repeat=False),
    "multipage_borderless_no_repeat": lambda: multipage_members(ruled=False, repeat=False),
    "heading_members": heading_members,
    "graduatoria": graduatoria,
    "inline_members": inline_members,
    "grouped_members": grouped_members,
    "text_only": text_only,
    "many_pages": many_pages,
    "scanned": scanned,
    "encrypted": encrypted,
    "truncated": truncated,
    "damaged": damaged,
    "not_a_pdf": not_a_pdf,
    "real_members": real_members,
    "real_graduatoria": real_graduatoria,
}


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "acts_samples_out")
    out.mkdir(parents=True, exist_ok=True)
    for name, build in ALL.items():
        (out / f"{name}.pdf").write_bytes(build())
    print(f"{len(ALL)} sample acts in {out}")

"""Downloads: CSV (';', UTF-8 with BOM, Italian decimals), XLSX, GeoJSON and chart images.

Cells that a spreadsheet would execute (starting with '=', '+', '-', '@', tab or CR)
are neutralised with a leading apostrophe, so an exported file cannot run a formula.
Numbers stay numbers (a negative number is not text and is not neutralised).
"""

from __future__ import annotations

import io
import os
import shutil
import warnings
from collections.abc import Mapping

import pandas as pd
import plotly.graph_objects as go

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Prefix text that a spreadsheet would treat as a formula with an apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Copy of ``frame`` with every text cell neutralised, dates as ISO text and euro amounts
    (columns ending in ``_eur``) rounded to the cent (computed shares such as 30% of a line
    would otherwise print float noise like 6119244,117000001)."""
    out = frame.copy()
    for col in out.columns:
        if str(col).endswith("_eur") and pd.api.types.is_float_dtype(out[col]):
            out[col] = out[col].round(2)
        elif pd.api.types.is_datetime64_any_dtype(out[col]):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
        elif not pd.api.types.is_numeric_dtype(out[col]) and not pd.api.types.is_bool_dtype(out[col]):
            out[col] = out[col].map(neutralise)
    out.columns = [str(neutralise(c)) for c in out.columns]
    return out


def to_csv_bytes(frame: pd.DataFrame, lang: str = "it") -> bytes:
    """CSV for spreadsheets: Italian uses ';' and decimal comma, English ',' and point; UTF-8 with BOM."""
    sep, dec = (";", ",") if lang != "en" else (",", ".")
    text = safe_frame(frame).to_csv(index=False, sep=sep, decimal=dec, lineterminator="\r\n")
    return ("\ufeff" + text).encode("utf-8")


def to_xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """One workbook, a sheet per table (names cut to Excel's 31 characters), values only."""
    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            safe_frame(frame).to_excel(writer, sheet_name=name[:31], index=False)
    return buf.getvalue()


def _find_chromium() -> str | None:
    for cand in (os.environ.get("BROWSER_PATH"), "/usr/bin/chromium", shutil.which("chromium"),
                 shutil.which("chromium-browser"), shutil.which("google-chrome")):
        if cand and os.path.exists(cand):
            return cand
    return None


_SERVER_STARTED = False


def _kaleido_ready() -> None:
    """Use the local Chromium, keep it running between images, and never fetch plotly's world map."""
    global _SERVER_STARTED
    chromium = _find_chromium()
    if chromium is None:
        raise RuntimeError("Chromium non trovato: installare il pacchetto Debian 'chromium'")
    os.environ.setdefault("BROWSER_PATH", chromium)
    import plotly.io as pio

    from district_stats.paths import ROOT

    pio.defaults.topojson = (ROOT / "static" / "topojson").as_uri() + "/"
    if not _SERVER_STARTED:
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
        _SERVER_STARTED = True


def figure_png(fig: go.Figure, width: int, height: int, scale: float = 1.0) -> bytes:
    """Plain PNG of ``fig`` at ``width``×``height`` px (for presenter screens and the snapshot deck).

    Raises:
        RuntimeError: if no Chromium is installed.
    """
    _kaleido_ready()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # plotly warns that kaleido's server ignores per-call options
        return go.Figure(fig).to_image(format="png", width=width, height=height, scale=scale)


def figure_image(fig: go.Figure, title: str, source: str, fmt: str = "png", width: int = 1200,
                 height: int | None = None) -> bytes:
    """Render ``fig`` to PNG or SVG with the title on top and the source line at the bottom.

    Uses kaleido with the local Chromium (no network). Raises RuntimeError if no
    Chromium is installed.
    """
    _kaleido_ready()
    out = go.Figure(fig)
    h = height or int(out.layout.height or 500) + 130
    out.update_layout(title={"text": f"<b>{title}</b>", "x": 0.01, "xanchor": "left", "y": 0.98,
                             "font": {"size": 22}},
                      margin={"t": 90, "b": 70, "l": 20, "r": 30}, height=h, width=width)
    out.add_annotation(text=source, xref="paper", yref="paper", x=0, y=0, yshift=-55, showarrow=False,
                       xanchor="left", yanchor="bottom", font={"size": 13, "color": "#333333"})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return out.to_image(format=fmt, width=width, height=h, scale=1 if fmt == "svg" else 2)

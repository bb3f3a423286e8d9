"""A test oracle for "no value becomes markup": what Streamlit's Markdown and plotly would make of a text.

Markdown is parsed with a real CommonMark parser (markdown-it-py); then the patterns Streamlit's
renderer adds on top of CommonMark are applied to the text it would display: GFM autolinks (the
same regular expressions as its bundle: ``http(s)://``, ``www.`` and e-mail addresses), ``:emoji:``
and ``:material/icon:`` codes. Hostile test values carry the marker ``EVIL`` (and ``evil.example``
domains), so the checks look only at what those values could create, never at the page's own
links and bold labels.
"""

from __future__ import annotations

import json
import re

from markdown_it import MarkdownIt

from district_stats.content.text.safe_text import WORD_JOINER

MARK = "EVIL"
PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])
PARSER.validateLink = lambda url: True  # stricter than any renderer: a javascript: link counts as a link
URL_AUTOLINK = re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.I | re.A)
MAIL_AUTOLINK = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)", re.A)
ICON = re.compile(r":(?:material/)?[\w+-][\w_+-]*:", re.A)

#: One value per class of hostile input (each carries the marker).
HOSTILE = {
    "md_link": "[EVIL link](https://evil.example/x)",
    "md_emphasis": "**EVIL bold** _EVIL em_ ~~EVIL~~",
    "heading": "# EVIL heading",
    "autolink_www": "EVIL www.evil.example",
    "autolink_http": "EVIL http://evil.example/path",
    "autolink_mail": "EVIL@evil.example",
    "html": '<b>EVIL</b> <img src=x onerror=alert(1)> <a href="https://evil.example">EVIL</a>',
    "plotly_tags": '<span style="font-size:80px">EVIL</span><br><a href="javascript:alert(1)">EVIL</a>',
    "javascript_url": "[EVIL](javascript:alert(1)) javascript:alert('EVIL')",
    "icons": "EVIL :material/warning: :smile: :red[EVIL]",
    "latex": "EVIL $x^2$",
    "control": "EVIL\r\nriga\x00due\x1b[31m\u202eesrever",
    "long": "EVIL" + "x" * 5000,
}


def _inline_tokens(source: str):
    for tok in PARSER.parse(source):
        yield tok
        yield from tok.children or []


def markdown_problems(source: str) -> list[str]:
    """What a hostile value made in this Markdown source: links, images, HTML, emphasis, headings,
    autolinks or icons that contain the marker or point to evil.example / javascript:."""
    out = []
    tokens = list(_inline_tokens(source))
    for i, tok in enumerate(tokens):
        href = str(tok.attrs.get("href", "") or tok.attrs.get("src", ""))
        if tok.type in ("link_open", "image") and ("evil" in href.lower() or href.startswith("javascript:")):
            out.append(f"link to {href}")
        if tok.type in ("html_inline", "html_block"):
            out.append(f"html {tok.content!r}")
        if tok.type in ("strong_open", "em_open", "s_open", "heading_open"):
            close = tok.type.replace("_open", "_close")
            inside = ""
            for t in tokens[i + 1 :]:
                if t.type == close:
                    break
                inside += t.content
            # A heading of the page's own (a card title) may hold a name; a value may not start one.
            if MARK in (inside[: len(MARK)] if tok.type == "heading_open" else inside):
                out.append(f"{tok.type} around {inside[:40]!r}")
        if tok.type == "text" and (MARK in tok.content or "evil" in tok.content):
            shown = tok.content
            for rx in (URL_AUTOLINK, MAIL_AUTOLINK):
                for m in rx.finditer(shown):
                    out.append(f"autolink {m.group(0)!r}")
            out += [f"icon {m.group(0)!r}" for m in ICON.finditer(shown)]
    return out


def shows(source: str, value: str) -> bool:
    """True if the text displayed for ``source`` contains ``value`` as typed (word joiners aside)."""
    shown = "".join(t.content for t in _inline_tokens(source) if t.type in ("text", "code_inline"))
    return value in shown.replace(WORD_JOINER, "")


def figure_problems(spec: str | dict) -> list[str]:
    """Markup a hostile value made in a plotly figure (its JSON): tags that plotly would draw."""
    text = spec if isinstance(spec, str) else json.dumps(spec)
    text = text.replace("\\u003c", "<").replace("\\u003e", ">")
    # The page's own templates use <b> and <br> around placeholders; a value may create none of these.
    return [f"tag {m.group(0)!r}" for m in re.finditer(r"<\s*(?:a|span|img|b>EVIL|i>EVIL|sup|sub)\b", text, re.I)]

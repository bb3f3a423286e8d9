"""The text catalogues (content/texts.toml and the data layer's problem messages): both languages, the same
placeholders, a count before a noun with its plural forms, no unused key; colours pass contrast."""

import re
from pathlib import Path
from string import Formatter

import pytest

from district_stats.content import style
from district_stats.content.text.i18n import TEXT, t
from district_stats.data.problems import MESSAGES

ROOT = Path(__file__).resolve().parents[2]


def _forms(entry) -> list[str]:
    return list(entry.values()) if isinstance(entry, dict) else [entry]


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(text) if name}


#: Both catalogues as key -> {"it": ..., "en": ...} (a problem message is an (Italian, English) pair).
CATALOGUES = {**TEXT, **{f"problem:{code}": {"it": it, "en": en} for code, (it, en) in MESSAGES.items()}}


def test_every_key_has_italian_and_english_with_the_same_placeholders():
    for key, entry in CATALOGUES.items():
        assert set(entry) == {"it", "en"}, key
        forms = {lang: _forms(entry[lang]) for lang in ("it", "en")}
        for lang in ("it", "en"):
            assert all(f.strip() for f in forms[lang]), (key, lang)
            if isinstance(entry[lang], dict):
                assert "other" in entry[lang], (key, lang)
        names = {lang: set().union(*(_placeholders(f) for f in forms[lang])) for lang in ("it", "en")}
        assert names["it"] == names["en"], key


def _sources() -> str:
    paths = [
        *ROOT.glob("app/*.py"),
        *ROOT.glob("pages/*.py"),
        *(ROOT / "district_stats").rglob("*.py"),
        ROOT / "dashboard.py",
    ]
    return "\n".join(p.read_text(encoding="utf-8") for p in paths)


def test_keys_used_in_code_exist():
    used = set(re.findall(r"\bt\(\"([a-z0-9_]+)\"", _sources()))
    missing = sorted(k for k in used if k not in TEXT)
    assert not missing, missing


def test_no_key_is_unused():
    """Every key appears in the code as a string literal, or is built from a prefix written there
    (``t(f"conf_{level}")``, ``t(k)`` for enum values such as ``urbano`` or ``capofila``), or names a
    value of a table column as ``<column>_<value>`` (the tables' generic value lookup)."""
    source = _sources()
    literals = set(re.findall(r"[\"']([a-z0-9_]+)[\"']", source))
    prefixes = set(re.findall(r"f[\"']([a-z0-9_]+_)\{", source))
    suffixes = set(re.findall(r"\}(_[a-z0-9_]+)[\"']", source))
    from district_stats.content.text.display import ENUM_COLUMNS
    from district_stats.data import schema

    enum_values = {v for spec in schema.TABLES.values() for c in spec.columns for v in (c.enum or ())}
    enum_values |= {f"{col}_{v}" for col in ENUM_COLUMNS for v in (*enum_values, "imprese", "comuni_distretti")}
    unused = sorted(
        k
        for k in TEXT
        if k not in literals
        and k not in enum_values
        and not any(k.startswith(p) for p in prefixes)
        and not any(k.endswith(x) for x in suffixes)
    )
    assert not unused, unused


def test_plural_forms_follow_the_count():
    TEXT["_test_plural"] = {
        "it": {"one": "{n} distretto", "other": "{n} distretti"},
        "en": {"one": "{n} district", "other": "{n} districts"},
    }
    try:
        assert t("_test_plural", "it", n=1) == "1 distretto"
        assert t("_test_plural", "it", n=2) == "2 distretti"
        assert t("_test_plural", "en", n=1) == "1 district"
        assert t("_test_plural", "en", n="1,234") == "1,234 districts"
        assert t("_test_plural", "it", n="1.000.000") == "1.000.000 distretti"  # CLDR 'many' falls back to 'other'
    finally:
        del TEXT["_test_plural"]


#: Texts that write a count ``{n}`` right before a noun without plural forms, each with why the count is
#: never 1 (a text that can meet 1 gets ``one``/``other`` forms instead).
NEVER_ONE = {
    "kpi_districts_note": "the districts identified in the data: tens",
    "com_intro": "Piemonte's comuni: over a thousand",
    "cov_text": "the districts identified in the data: tens",
    "st1_msg": "the districts announced in October 2025: tens",
    "st2_msg": "the districts on the map: tens",
    "upd_short_token": "the shortest update code allowed (access.MIN_TOKEN_LENGTH)",
    "upd_on_without_token": "the shortest update code allowed (access.MIN_TOKEN_LENGTH)",
    "token_why_few_distinct": "the fewest different characters a code must use (access.MIN_DISTINCT)",
    "members_partial": "a partial list names fewer comuni than the district reports, so it reports at least 2",
    "members_capofila_only": "only the capofila is named of a district reporting several comuni",
    "calls_top": "the chart's longest list (money_charts.calls_figure), shown only when there are more calls",
    "problem:too_long": "longer than the limit, which is at least 1",
}
#: Words after a count that are not the counted noun (a preposition, a conjunction).
_NOT_NOUNS = {"di", "su", "in", "e", "invece", "of", "and", "instead"}


def _count_before_noun(text: str) -> bool:
    return any(word.lower() not in _NOT_NOUNS for word in re.findall(r"\{n\} ([A-Za-zÀ-ÿ]+)", text))


def test_a_count_before_a_noun_has_its_plural_forms():
    """«1 distretto», never «1 distretti»: a text writing ``{n} <noun>`` is a plural table, or says why n > 1."""
    wrong = sorted(
        {
            key
            for key, entry in CATALOGUES.items()
            for lang in ("it", "en")
            if isinstance(entry[lang], str) and _count_before_noun(entry[lang]) and key not in NEVER_ONE
        }
    )
    assert not wrong, wrong
    stale = sorted(
        k
        for k in NEVER_ONE
        if not any(
            isinstance(CATALOGUES[k][lang], str) and _count_before_noun(CATALOGUES[k][lang]) for lang in ("it", "en")
        )
    )
    assert not stale, stale
    assert _count_before_noun("{n} distretti") and not _count_before_noun("{n} di {total}")


def test_plural_tables_give_one_and_many_the_right_words():
    assert t("sum_calls", "en", name="X", value="1 €", n=1).endswith("1 call was found in all.")
    assert t("sum_calls", "it", name="X", value="1 €", n=3).endswith("ne sono stati trovati 3.")
    assert t("upd_more", "it", n=1) == "… e un altro problema." and t("upd_more", "en", n=2) == "… and 2 more problems."
    assert t("kpi_calls_note", "it", n=1, d=1, value="5 €").startswith("1 bando trovato")


def test_missing_key_raises():
    with pytest.raises(KeyError):
        t("no_such_key")


@pytest.mark.parametrize(
    "color", [style.BLUE, style.VERMILION, style.GREEN, style.PINK, style.BLACK, style.GREY, style.OUTLINE]
)
def test_marks_pass_3_to_1_on_white(color):
    assert style.contrast_ratio(color, "#FFFFFF") >= 3.0


def test_text_colour_passes_7_to_1():
    assert style.contrast_ratio(style.INK, "#FFFFFF") >= 7.0

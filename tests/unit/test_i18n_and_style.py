"""Every text key exists in both languages and every key used in the code is defined; colours pass contrast."""

import re
from pathlib import Path

import pytest

from district_stats import style
from district_stats.i18n import TEXT, t

ROOT = Path(__file__).resolve().parents[2]


def test_every_key_has_italian_and_english():
    for key, (it, en) in TEXT.items():
        assert it.strip(), key
        assert en.strip(), key


def test_keys_used_in_code_exist():
    used = set()
    for path in list(ROOT.glob("app/*.py")) + list(ROOT.glob("pages/*.py")) + list(ROOT.glob("district_stats/*.py")) \
            + [ROOT / "dashboard.py"]:
        used |= set(re.findall(r"\bt\(\"([a-z0-9_]+)\"", path.read_text(encoding="utf-8")))
    missing = sorted(k for k in used if k not in TEXT)
    assert not missing, missing


def test_missing_key_raises():
    with pytest.raises(KeyError):
        t("no_such_key")


@pytest.mark.parametrize("color", [style.BLUE, style.VERMILION, style.GREEN, style.PINK, style.BLACK, style.GREY,
                                   style.OUTLINE])
def test_marks_pass_3_to_1_on_white(color):
    assert style.contrast_ratio(color, "#FFFFFF") >= 3.0


def test_text_colour_passes_7_to_1():
    assert style.contrast_ratio(style.INK, "#FFFFFF") >= 7.0


def test_text_catalogs_do_not_overlap():
    from district_stats.texts_pages import TEXTS_PAGES
    from district_stats.texts_ui import TEXTS_UI

    assert not set(TEXTS_UI) & set(TEXTS_PAGES)

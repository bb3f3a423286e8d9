"""The preview of an update or a restore as plain text (the command line; the form draws the same parts).

Kept apart from :mod:`district_stats.ops.update` so the words and figures of a preview live in one
place: counts of rows added / removed / changed, the totals before -> after (Italian-formatted), the
keys that change, and what the apply will repair on the way (a damaged sidecar rebuilt...).
"""

from __future__ import annotations

from district_stats.content.text import fmt
from district_stats.content.text.i18n import t
from district_stats.ops.plan import Plan

TOTAL_LABELS = {"righe": ("righe", "rows"), "amount_eur": ("importo totale", "total amount"),
                "comuni nei distretti": ("comuni nei distretti", "comuni in districts"),
                "distretti attivi": ("distretti attivi", "active districts")}
MAX_KEYS = 12  # keys listed per kind on the command line (the count says how many there are)


def total_text(what: str, before: float, after: float, lang: str = "it") -> str:
    """One 'before -> after' line, Italian-formatted (euro with cents for amounts)."""
    label = TOTAL_LABELS.get(what, (what, what))[lang == "en"]
    show = (lambda v: fmt.eur(v, lang, 2)) if what == "amount_eur" else (lambda v: fmt.num(v, lang))
    return f"{label}: {show(before)} → {show(after)}"


def note_lines(plan: Plan, lang: str = "it") -> list[str]:
    """What the apply will do besides the table (plain text, one line each)."""
    return [t(key, lang, **params) for key, params in plan.notes]


def preview_text(plan: Plan, lang: str = "it") -> str:
    """The preview (or the problems) as plain text, for the command line and logs."""
    en = lang == "en"
    if not plan.ok:
        head = f"{plan.filename}: {len(plan.problems)} " + ("problems" if en else "problemi")
        return "\n".join([head] + ["  - " + p.message(lang) for p in plan.problems])
    counts = (f"+{len(plan.added)} added, -{len(plan.removed)} removed, {len(plan.changed)} changed, "
              f"{plan.n_unchanged} unchanged") if en else (
              f"+{len(plan.added)} righe aggiunte, -{len(plan.removed)} tolte, {len(plan.changed)} modificate, "
              f"{plan.n_unchanged} invariate")
    head = t("upd_restore_head", lang, name=plan.restore_of, table=plan.table) if plan.restore_of else \
        f"{plan.filename} → {plan.table}"
    lines = [f"{head}: {counts}"]
    lines += ["  " + total_text(what, b, a, lang) for what, b, a in plan.totals]
    labels = ("added", "removed", "changed") if en else ("aggiunte", "tolte", "modificate")
    for label, keys in zip(labels, (plan.added, plan.removed, plan.changed), strict=True):
        if keys:
            lines.append(f"  {label}: {', '.join(keys[:MAX_KEYS])}" + (" …" if len(keys) > MAX_KEYS else ""))
    lines += ["  " + line for line in note_lines(plan, lang)]
    return "\n".join(lines)

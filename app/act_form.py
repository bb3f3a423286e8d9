"""The /dati form's part for an official act's PDF: its address, the call, the names to resolve, the members
the act leaves out; then the same preview and confirmation as any update (:mod:`app.update_view`).

Everything is read and decided by :func:`district_stats.ops.desk.plan_act`; this module draws the choices
and keeps the official's answers in the session. Names read from the PDF are escaped wherever Markdown
would read them (widget labels, captions); option labels are plain text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable

import streamlit as st

from app import cache, ui
from district_stats.content.text.i18n import t
from district_stats.ops import desk

ANSWERS = "_upd_act_answers"  # session: {file digest: {printed name: code}}
FOUND_CALL = "_upd_act_found_call"  # session: {file digest: the call the act itself names}
PICK, LEAVE_OUT, OTHER = "", "-", "?"


def _name_key(digest: str, kind: str, name: str) -> str:
    return "upd_act_name_" + hashlib.md5(f"{digest}/{kind}/{name}".encode()).hexdigest()[:10]


def _reread(digest: str, choices: list) -> None:
    """«Rileggi»: the choices made become answers for this file (added to those given before)."""
    answers = dict(st.session_state.get(ANSWERS, {}).get(digest, {}))
    for c in choices:
        key = _name_key(digest, c.kind, c.printed)
        value = st.session_state.get(key, PICK)
        if value == OTHER:
            value = str(st.session_state.get(key + "_code", "")).strip()
        if value:
            answers[c.printed] = value
    st.session_state[ANSWERS] = {**st.session_state.get(ANSWERS, {}), digest: answers}


def _names(plan: desk.Plan, digest: str, lang: str) -> None:
    """One choice per unresolved name (its suggestions, leave it out, a code typed), then «Rileggi»."""
    choices = desk.name_choices(plan, lang)
    others = plan.reading.problems if plan.reading is not None else []
    if others:
        st.error("\n".join(f"- {ui.esc(p.message(lang))}" for p in others), icon=":material/block:")
    st.warning(t("actf_names", lang, n=len(choices)), icon=":material/help:")
    for c in choices:
        key = _name_key(digest, c.kind, c.printed)
        labels = {
            PICK: t("actf_pick", lang),
            **dict(c.options),
            LEAVE_OUT: t("actf_leave_out", lang),
            OTHER: t("actf_other_code", lang),
        }
        st.selectbox(
            t(f"actf_name_{c.kind}", lang, name=ui.esc(c.name), pages=c.pages),
            list(labels),
            format_func=labels.__getitem__,
            key=key,
        )
        if st.session_state.get(key) == OTHER:
            st.text_input(t("actf_code", lang), key=key + "_code", max_chars=12)
    st.button(
        t("actf_reread", lang),
        key="upd_act_reread",
        icon=":material/refresh:",
        on_click=_reread,
        args=(digest, choices),
    )


def _call(plan: desk.Plan | None, digest: str, lang: str) -> None:
    """The select of funding lines (grants): by default the line the act itself names."""
    found = st.session_state.setdefault(FOUND_CALL, {})
    if plan is not None and plan.reading is not None and plan.reading.call_how == "act":
        found[digest] = plan.reading.call
    choices = desk.call_choices(cache.dataset()["funding_lines"], lang)
    labels = dict(choices)
    auto = found.get(digest)
    default = t("actf_call_auto", lang, line=f"{auto} · {labels.get(auto, '')}") if auto else t("actf_call_pick", lang)
    names = {"": default, **{k: f"{k} · {v}" for k, v in choices}}
    st.selectbox(t("actf_call", lang), list(names), format_func=names.__getitem__, key="upd_act_call")


def _remove_box(plan: desk.Plan, lang: str) -> None:
    """«Togli i comuni non nell'atto» (unticked by default), naming them."""
    report = plan.report
    if report is None:
        return
    names = [report.named(c) for c in report.by_action("not_in_act") or report.by_action("removed")]
    if not names and not st.session_state.get("upd_act_remove"):
        return
    st.checkbox(t("actf_remove", lang), key="upd_act_remove")
    st.caption(ui.esc(t("actf_remove_which", lang, n=len(names), names=", ".join(names[:40]))))


def _address(lang: str) -> str | None:
    """The act's public address (required, http/https), or None with what to do."""
    url = st.text_input(
        t("actf_url", lang), key="upd_act_url", placeholder="https://www.regione.piemonte.it/…", max_chars=500
    ).strip()
    st.caption(t("actf_url_help", lang))
    if not url:
        st.info(t("actf_url_needed", lang), icon=":material/link:")
        return None
    if not desk.url_ok(url):
        st.error(t("actf_url_bad", lang), icon=":material/link_off:")
        return None
    return url


def plan(
    table: str,
    data: bytes,
    name: str,
    digest: str,
    lang: str,
    memo: Callable[[str, tuple, Callable[[], desk.Plan]], desk.Plan],
) -> tuple[desk.Plan, tuple] | None:
    """The act's plan with the options it was read with (None while the form waits for the official: no
    address yet, names to resolve). ``memo`` keeps one plan per file, data version and options."""
    if table not in desk.ACT_TABLES:
        st.error(t("actf_table", lang, tables=", ".join(desk.ACT_TABLES)), icon=":material/block:")
        return None
    url = _address(lang)
    if url is None:
        return None
    call = (st.session_state.get("upd_act_call") or None) if table == "grants" else None
    remove = bool(st.session_state.get("upd_act_remove")) if table == "district_members" else False
    when = st.session_state.get("upd_act_date")
    act_date = when if isinstance(when, dt.date) else None
    answers = st.session_state.get(ANSWERS, {}).get(digest, {})
    options = (url, call, tuple(sorted(answers.items())), remove, act_date)
    found = memo(
        "upload",
        ("act", table, digest, name, cache.version(), *options),
        lambda: desk.plan_act(
            table,
            data,
            name,
            url,
            call=call,
            act_date=act_date,
            mapping=dict(answers) or None,
            remove_missing=remove,
        ),
    )
    if table == "grants":
        _call(found, digest, lang)
    reading = found.reading
    if reading is not None and (act_date or any(p.code == "act_no_date" for p in reading.problems)):
        st.date_input(t("actf_date", lang), value=None, key="upd_act_date", format="DD/MM/YYYY")
    if reading is not None and reading.unresolved:
        _names(found, digest, lang)
        return None
    if table == "district_members":
        _remove_box(found, lang)
    return found, options

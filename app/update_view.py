"""The data-update form of /dati: upload an official CSV/XLSX or pick a saved version, preview, confirm, apply.

All checking and writing is done by the update desk (:mod:`district_stats.ops.desk`); this module only draws it.
An upload and a restore follow the same path: a plan (the preview, computed from the exact bytes
of the tables it read), a confirmation, then the apply, which refuses a table that moved since the
preview and offers the preview again on the data as they are now.

Who may update is decided by :mod:`district_stats.ops.access` (through the desk) (the code box: the right code always
opens a session that is not waiting; wrong codes make only that session wait, longer for a client
that keeps failing; every attempt is logged with time and client, never the code).
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import secrets

import streamlit as st

from app import act_form, boot, cache, ui, update_preview
from district_stats import settings
from district_stats.content.text.i18n import t
from district_stats.ops import desk

MAX_PROBLEMS = settings.MAX_PROBLEMS_SHOWN  # more would bury the first ones; the count says how many were left out
LOG = logging.getLogger("district_stats.update")
LIMITER = desk.AttemptLimiter()
#: Session keys of the two kinds of plan: (memo key, plan).
MEMO = {"upload": "_upd_plan", "restore": "_upd_restore_plan"}
CONFIRM = {"upload": "upd_confirm", "restore": "upd_restore_confirm"}
APPLY = {"upload": "upd_apply", "restore": "upd_restore"}


def current_access() -> desk.UpdateAccess:
    """The form's configuration for this process (environment read on each call, code generated once)."""
    return desk.current_access()


def is_loopback(ip: str | None) -> bool:
    """True for None (Streamlit's answer for a loopback peer) and loopback addresses, including
    IPv4-mapped IPv6 ones such as '::ffff:127.0.0.1' (a dual-stack server reports those)."""
    if ip is None:
        return True
    try:
        addr = ipaddress.ip_address(ip.split("%")[0])
    except ValueError:
        return False
    mapped = getattr(addr, "ipv4_mapped", None)
    return bool((mapped or addr).is_loopback)


def _fingerprint(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _session_tag() -> str:
    """A short random id of this browser session for the log (not the code, not a cookie)."""
    return st.session_state.setdefault("_upd_sid", secrets.token_hex(4))


def _client() -> str:
    """The peer address Streamlit reports ('locale' for a loopback peer: a same-host proxy's visitors too)."""
    return str(st.context.ip_address or "locale")


def _check_code() -> None:
    """Callback of the code field: compare once per entered value (in constant time), log, empty the field."""
    entered = desk.entered_code(st.session_state.get("upd_token") or "")
    st.session_state["upd_token"] = ""
    a = current_access()
    if not entered or not a.enabled:
        return
    failures, client = int(st.session_state.get("_upd_failures", 0)), _client()
    if desk.token_matches(entered, a.token):
        st.session_state["_upd_unlocked"] = _fingerprint(a.token)
        LOG.warning(desk.attempt_line(True, _session_tag(), client, failures, LIMITER.client_failures(client)))
        return
    when, in_window = LIMITER.record_failure(client)
    st.session_state["_upd_failures"] = failures + 1
    st.session_state["_upd_last_failure"] = when
    st.session_state["_upd_token_bad"] = True
    LOG.warning(desk.attempt_line(False, _session_tag(), client, failures + 1, in_window))


def allowed(lang: str) -> bool:
    """True if this browser may update the data; otherwise explain why (or ask for the code) and return False."""
    a = current_access()
    if not a.enabled:
        if a.refusal == "off":
            st.caption(desk.refusal_text(a, lang))
        else:  # a configuration that looks meant to allow updates but is unsafe: say it loudly
            st.warning(desk.refusal_text(a, lang), icon=":material/lock:")
        return False
    # Streamlit reports None for a loopback peer. Behind a reverse proxy every visitor is a loopback
    # peer: that is why the code is always required, and deploy/cluster.py turns updates off.
    if a.mode == "local" and not is_loopback(st.context.ip_address):
        st.caption(t("upd_local_only", lang))
        return False
    if st.session_state.get("_upd_unlocked") == _fingerprint(a.token):
        return True
    wait = LIMITER.wait_s(
        int(st.session_state.get("_upd_failures", 0)), st.session_state.get("_upd_last_failure"), _client()
    )
    if st.session_state.pop("_upd_token_bad", False):
        st.error(t("upd_token_bad", lang))
    if wait > 0:
        st.warning(t("upd_wait", lang, n=math.ceil(wait)), icon=":material/hourglass:")
        st.button(t("upd_retry", lang), key="upd_retry")
        return False
    st.text_input(t("upd_token", lang), type="password", key="upd_token", on_change=_check_code, autocomplete="off")
    st.caption(t("upd_token_help_generated" if a.generated else "upd_token_help", lang))
    return False


def _problems(plan: desk.Plan, lang: str) -> None:
    st.error(t("upd_problems", lang, n=len(plan.problems)), icon=":material/block:")
    lines = [f"- {ui.esc(p.message(lang))}" for p in plan.problems[:MAX_PROBLEMS]]
    if len(plan.problems) > MAX_PROBLEMS:
        lines.append(t("upd_more", lang, n=len(plan.problems) - MAX_PROBLEMS))
    st.markdown("\n".join(lines))


def _memo(kind: str, key: tuple, make) -> desk.Plan:
    """The plan for ``key`` (what it was computed from, the data version included), computed once."""
    memo = st.session_state.get(MEMO[kind])
    if memo is None or memo[0] != key:
        memo = (key, make())
        st.session_state[MEMO[kind]] = memo
    return memo[1]


def _show(plan: desk.Plan, kind: str, lang: str, variant: tuple = ()) -> None:
    """Problems, 'nothing to apply', or the preview with its confirmation and apply button. ``variant``: the
    options an act was read with (another choice is another preview: the confirmation starts again)."""
    if not plan.ok:
        _problems(plan, lang)
        return
    if not plan.has_changes:
        st.info(t("upd_restore_same" if kind == "restore" else "upd_no_change", lang))
        return
    # What was confirmed: this file or version against these exact tables. Another file resets the box; the
    # same file previewed again because the data changed meanwhile (another official's update) says so.
    confirm, source = CONFIRM[kind], (kind, plan.table, plan.filename, variant)
    shown = (source, tuple(sorted(plan.inputs.items())))
    before = st.session_state.get(f"_{confirm}_for")
    if before != shown:
        if before is not None and before[0] == source and st.session_state.get(confirm):
            st.warning(ui.esc(f"{t('upd_stale', lang)}. {t('upd_stale_fresh', lang)}"), icon=":material/sync_problem:")
        st.session_state[confirm] = False
        st.session_state[f"_{confirm}_for"] = shown
    update_preview.preview(plan, kind, lang)
    sure = st.checkbox(t("upd_confirm" if kind == "upload" else "upd_restore_confirm", lang), key=confirm)
    if plan.table in desk.REBUILD_TABLES:
        st.caption(t("upd_rebuild", lang))
    st.button(
        t("upd_apply" if kind == "upload" else "upd_restore", lang),
        key=APPLY[kind],
        type="primary",
        disabled=not sure,
        icon=":material/upload:" if kind == "upload" else ":material/history:",
        on_click=_apply,
        args=(plan, kind, lang),
    )


def _flash(kind: str, text: str) -> None:
    st.session_state["_upd_flash"] = (kind, text)


def _apply(plan: desk.Plan, kind: str, lang: str) -> None:
    """Button callback: apply the previewed plan. Callbacks run before the page, so the page that follows
    already shows the new data (or the preview made again on the data as they are now) and the outcome."""
    if plan.change_id:  # a second click on a plan already applied: nothing to do, the first click said so
        return
    try:
        backup = desk.apply(plan)
    except desk.StaleError as exc:
        cache.refresh()  # the next run reads the data as they are now...
        st.session_state.pop(MEMO[kind], None)  # ...and previews the same file (or version) again
        said = t("upd_stale_other", lang, files=", ".join(exc.files)) if exc.files else t("upd_stale", lang)
        _flash("warning", f"{said}. {t('upd_stale_fresh', lang)}")
        return
    except desk.BusyError:
        _flash("error", t("upd_busy", lang))
        return
    except (RuntimeError, OSError, ValueError) as exc:
        _flash("error", t("upd_failed", lang, error=exc))
        return
    cache.refresh()
    if kind == "upload":
        _flash(
            "success", t("upd_done", lang, change=ui.esc(plan.change_id), backup=ui.esc(backup.name)) + _images(lang)
        )
        st.session_state["_upd_round"] = st.session_state.get("_upd_round", 0) + 1  # empties the uploader
        st.session_state.pop(act_form.ANSWERS, None)
    else:
        _flash(
            "success",
            t("upd_restored", lang, name=ui.esc(plan.restore_of), change=ui.esc(plan.change_id)) + _images(lang),
        )
        st.session_state.pop("_upd_restore_sel", None)
    st.session_state.pop(MEMO[kind], None)


def _ask_restore(table: str, widget: str, lang: str) -> None:
    """Callback of «show what the restore would change»: the version selected now, if it is still saved."""
    name = st.session_state.get(widget)
    try:
        listed = desk.version_names(table)
    except desk.VersionsError:
        listed = []
    if name not in listed:
        _flash("error", t("upd_version_gone", lang))
        return
    st.session_state["_upd_restore_sel"] = (table, name)


def _images(lang: str) -> str:
    """After an apply: start rebuilding the published images in a child process (never in this one); the
    sentence that says so ('' for a data folder without published images)."""
    if not desk.images_published():
        return ""
    why = desk.start_images()
    return " " + (
        t("upd_images_started", lang) if why is None else t("upd_images_not_started", lang, error=ui.esc(why, 120))
    )


def artefact_status(lang: str) -> None:
    """On /dati, for every visitor: whether the published images match the data on show, and a rebuild's progress."""
    stale = cache.artefacts_stale()
    if not stale or not desk.images_published():
        return
    step = desk.images_progress()
    if step is not None:
        st.info(t("art_building", lang, step=ui.esc(step, 120)), icon=":material/autorenew:")
    else:
        st.warning(t("art_stale", lang), icon=":material/image_not_supported:")


def damaged_files(lang: str) -> None:
    """On /dati, for every visitor: side files that are damaged (sidecars, versions index, locks, manifest),
    each named with how to repair it; the page and the form work anyway."""
    found = desk.damaged_files()
    if found:
        st.warning(
            "\n".join([t("files_damaged", lang)] + [f"- {ui.esc(d.message(lang))}" for d in found]),
            icon=":material/build:",
        )


def _versions(table: str, lang: str) -> None:
    """The saved versions of ``table`` (re-read on every run) and the restore: preview, confirm, apply."""
    try:
        infos = desk.version_infos(table)
    except desk.VersionsError:
        st.warning(t("upd_versions_refused", lang), icon=":material/warning:")
        return
    with st.expander(f"{t('upd_versions', lang)} ({len(infos)})"):
        if not infos:
            st.caption(t("upd_no_versions", lang))
            return
        st.caption(t("upd_version_help", lang))
        labels = {i.name: desk.version_label(i, lang) for i in infos}
        # The widget is keyed on the list itself: after an apply or a restore the list changes, the choice
        # starts again from the newest version, and a choice from an older list can never be carried over.
        widget = "upd_version_" + hashlib.md5("\n".join(labels).encode("utf-8")).hexdigest()[:10]
        choice = st.selectbox(t("upd_versions", lang), list(labels), key=widget, format_func=labels.__getitem__)
        st.button(
            t("upd_restore_preview", lang),
            key="upd_restore_preview",
            icon=":material/preview:",
            on_click=_ask_restore,
            args=(table, widget, lang),
        )
        if st.session_state.get("_upd_restore_sel") != (table, choice):
            return  # another version was picked since: its preview is asked for again
        try:
            plan = _memo("restore", (table, choice, cache.version()), lambda: desk.plan_restore(table, choice))
        except desk.VersionsError:
            st.error(t("upd_version_gone", lang))
            return
        _show(plan, "restore", lang)


def form(lang: str) -> None:
    """The whole update section (heading, repairs, access check, upload, preview, apply, versions)."""
    st.subheader(t("upd_title", lang), anchor=False)
    found = boot.startup()  # an interrupted update repaired when this process started
    if found is not None:
        (st.info if found.ok else st.warning)(ui.esc(found.message(lang)), icon=":material/build:")
    flash = st.session_state.pop("_upd_flash", None)
    if flash:
        kind, text = flash
        if kind == "success":
            st.success(text, icon=":material/check_circle:")
        elif kind == "warning":
            st.warning(ui.esc(text), icon=":material/sync_problem:")
        else:
            st.error(ui.esc(text), icon=":material/error:")
    artefact_status(lang)
    damaged_files(lang)
    st.markdown(t("upd_intro", lang))
    if not allowed(lang):
        return
    names = desk.tables(lang)
    table = st.selectbox(t("upd_table", lang), list(names), key="upd_table", format_func=names.__getitem__)
    upload = st.file_uploader(
        t("upd_file", lang), type=["csv", "xlsx", "pdf"], key=f"upd_file_{st.session_state.get('_upd_round', 0)}"
    )
    if upload is not None:
        data = upload.getvalue()
        digest = hashlib.md5(data).hexdigest()
        if desk.is_pdf(upload.name, data):
            found = act_form.plan(table, data, upload.name, digest, lang, _memo)
            if found is not None:
                _show(found[0], "upload", lang, found[1])
        else:
            key = (table, digest, upload.name, cache.version())
            _show(
                _memo("upload", key, lambda: desk.plan_update(table, data, upload.name)),
                "upload",
                lang,
            )
    _versions(table, lang)

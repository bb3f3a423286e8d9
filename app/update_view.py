"""The data-update form of /dati: upload an official CSV/XLSX, preview, apply, restore.

All checking and writing is done by :mod:`district_stats.ops.update`; this module only draws
it. Who may update is decided by :mod:`district_stats.ops.access` from ``DC_UPDATE`` and
``DC_UPDATE_TOKEN``: the form always asks for a code (the configured token, or one generated
when this process started and printed only in its terminal), never shows it, compares it in
constant time, limits wrong codes per session and per process with a growing wait, and logs
every wrong code (without the code).
"""

from __future__ import annotations

import hashlib
import ipaddress
import logging
import math
import secrets

import streamlit as st

from app import cache, ui
from district_stats import paths, settings
from district_stats.content.text.i18n import t
from district_stats.data import schema
from district_stats.ops import access, artefacts, update

MAX_PROBLEMS = settings.MAX_PROBLEMS_SHOWN  # more would bury the first ones; the count says how many were left out
LOG = logging.getLogger("district_stats.update")
#: The code generated for this process (used when DC_UPDATE_TOKEN is not set). It exists only here
#: and in the terminal banner: never in a page, a URL or a log line.
_GENERATED = access.new_token()
LIMITER = access.AttemptLimiter()


def current_access() -> access.UpdateAccess:
    """The form's configuration for this process (environment read on each call, code generated once)."""
    return access.access(settings.update_mode(), settings.update_token(), _GENERATED)


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


def _check_code() -> None:
    """Callback of the code field: compare once per entered value, then empty the field."""
    entered = str(st.session_state.get("upd_token") or "")
    st.session_state["upd_token"] = ""
    a = current_access()
    if not entered or not a.enabled:
        return
    failures = int(st.session_state.get("_upd_failures", 0))
    if LIMITER.wait_s(failures, st.session_state.get("_upd_last_failure")) > 0:
        return  # still waiting: the value is not even compared
    if access.token_matches(entered, a.token):
        st.session_state["_upd_unlocked"] = _fingerprint(a.token)
        LOG.warning("modulo di aggiornamento aperto (sessione %s, indirizzo %s)", _session_tag(),
                    st.context.ip_address or "locale")
        return
    when, in_window = LIMITER.record_failure()
    st.session_state["_upd_failures"] = failures + 1
    st.session_state["_upd_last_failure"] = when
    st.session_state["_upd_token_bad"] = True
    LOG.warning("codice di aggiornamento errato (sessione %s, indirizzo %s, tentativo %d della sessione, "
                "%d errori nel processo negli ultimi %d minuti)", _session_tag(), st.context.ip_address or "locale",
                failures + 1, in_window, int(access.PROCESS_WINDOW_S // 60))


def allowed(lang: str) -> bool:
    """True if this browser may update the data; otherwise explain why (or ask for the code) and return False."""
    a = current_access()
    if not a.enabled:
        if a.refusal == "off":
            st.caption(access.refusal_text(a, lang))
        else:  # a configuration that looks meant to allow updates but is unsafe: say it loudly
            st.warning(access.refusal_text(a, lang), icon=":material/lock:")
        return False
    # Streamlit reports None for a loopback peer. Behind a reverse proxy every visitor is a loopback
    # peer: that is why the code is always required, and deploy/cluster.py turns updates off.
    if a.mode == "local" and not is_loopback(st.context.ip_address):
        st.caption(t("upd_local_only", lang))
        return False
    if st.session_state.get("_upd_unlocked") == _fingerprint(a.token):
        return True
    wait = LIMITER.wait_s(int(st.session_state.get("_upd_failures", 0)), st.session_state.get("_upd_last_failure"))
    if st.session_state.pop("_upd_token_bad", False):
        st.error(t("upd_token_bad", lang))
    if math.isinf(wait):
        st.warning(t("upd_locked", lang), icon=":material/lock:")
        return False
    if wait > 0:
        st.warning(t("upd_wait", lang, seconds=math.ceil(wait)), icon=":material/hourglass:")
        st.button(t("upd_retry", lang), key="upd_retry")
        return False
    st.text_input(t("upd_token", lang), type="password", key="upd_token", on_change=_check_code,
                  autocomplete="off")
    st.caption(t("upd_token_help_generated" if a.generated else "upd_token_help", lang))
    return False


def _title(name: str, lang: str) -> str:
    spec = schema.TABLES[name]
    return spec.title_en if lang == "en" else spec.title_it


def _problems(plan: update.Plan, lang: str) -> None:
    st.error(t("upd_problems", lang, n=len(plan.problems)), icon=":material/block:")
    lines = [f"- {ui.esc(p.message(lang))}" for p in plan.problems[:MAX_PROBLEMS]]
    if len(plan.problems) > MAX_PROBLEMS:
        lines.append(t("upd_more", lang, n=len(plan.problems) - MAX_PROBLEMS))
    st.markdown("\n".join(lines))


def _preview(plan: update.Plan, lang: str) -> None:
    st.info(t("upd_preview", lang, added=len(plan.added), removed=len(plan.removed), changed=len(plan.changed),
              same=plan.n_unchanged), icon=":material/preview:")
    st.markdown("\n".join(f"- {ui.esc(update.total_text(w, b, a, lang))}" for w, b, a in plan.totals))
    for label, keys in (("upd_keys_added", plan.added), ("upd_keys_removed", plan.removed),
                        ("upd_keys_changed", plan.changed)):
        if keys:
            shown = ", ".join(keys[:40]) + (" …" if len(keys) > 40 else "")
            st.markdown(f"**{t(label, lang)}** ({len(keys)}): {ui.esc(shown)}")


def _plan(table: str, data: bytes, filename: str) -> update.Plan:
    """The plan for this upload, computed once per (table, file, data version) in this session."""
    key = (table, hashlib.md5(data).hexdigest(), filename, cache.version())
    memo = st.session_state.get("_upd_plan")
    if memo is None or memo[0] != key:
        memo = (key, update.plan_update(table, data, filename, paths.DATA_DIR))
        st.session_state["_upd_plan"] = memo
    return memo[1]


def _flash(kind: str, text: str) -> None:
    st.session_state["_upd_flash"] = (kind, text)


def _apply(plan: update.Plan, lang: str) -> None:
    """Button callback: apply the previewed plan. Callbacks run before the page, so the
    page that follows already shows the new data and the outcome message."""
    try:
        backup = update.apply_update(plan, paths.DATA_DIR)
    except update.BusyError:
        _flash("error", t("upd_busy", lang))
        return
    except (RuntimeError, OSError, ValueError) as exc:
        _flash("error", t("upd_failed", lang, error=exc))
        return
    cache.refresh()
    log = cache.dataset()["changelog"]
    change = log["change_id"].iloc[-1] if len(log) else "–"
    _flash("success", t("upd_done", lang, change=ui.esc(change), backup=ui.esc(backup.name)) + _images(lang))
    st.session_state["_upd_round"] = st.session_state.get("_upd_round", 0) + 1  # empties the uploader
    st.session_state.pop("_upd_plan", None)


def _restore(table: str, lang: str) -> None:
    """Button callback: put the selected saved version back (validated like an upload)."""
    choice = st.session_state.get("upd_version")
    if not choice:
        return
    try:
        plan = update.restore(table, paths.DATA_DIR / ".versions" / choice, paths.DATA_DIR)
    except update.BusyError:
        _flash("error", t("upd_busy", lang))
        return
    except (RuntimeError, OSError) as exc:
        _flash("error", t("upd_failed", lang, error=exc))
        return
    if not plan.ok:
        st.session_state["_upd_restore_problems"] = plan
        return
    cache.refresh()
    _flash("success", t("upd_restored", lang, name=ui.esc(choice)) + _images(lang))


def _images(lang: str) -> str:
    """After an apply: start rebuilding the published images in a child process (never in this one); the
    sentence that says so ('' for a data folder without published images)."""
    if artefacts.default_root(paths.DATA_DIR) is None:
        return ""
    why = artefacts.start_refresh(paths.DATA_DIR)
    return " " + (t("upd_images_started", lang) if why is None else t("upd_images_not_started", lang,
                                                                      error=ui.esc(why, 120)))


def artefact_status(lang: str) -> None:
    """On /dati, for every visitor: whether the published images match the data on show, and a rebuild's progress."""
    stale = cache.artefacts_stale()
    if not stale or artefacts.default_root(paths.DATA_DIR) is None:
        return
    if artefacts.build_running():
        step = artefacts.last_progress() or "…"
        st.info(t("art_building", lang, step=ui.esc(step, 120)), icon=":material/autorenew:")
    else:
        st.warning(t("art_stale", lang), icon=":material/image_not_supported:")


def _versions(table: str, lang: str) -> None:
    try:
        versions = update.versions_of(table, paths.DATA_DIR)
    except update.VersionsError:
        st.warning(t("upd_versions_refused", lang), icon=":material/warning:")
        return
    with st.expander(f"{t('upd_versions', lang)} ({len(versions)})"):
        if not versions:
            st.caption(t("upd_no_versions", lang))
            return
        st.selectbox(t("upd_versions", lang), [v.name for v in versions], key="upd_version")
        st.button(t("upd_restore", lang), key="upd_restore", icon=":material/history:", on_click=_restore,
                  args=(table, lang))
        bad = st.session_state.pop("_upd_restore_problems", None)
        if bad is not None:
            _problems(bad, lang)


def form(lang: str) -> None:
    """The whole update section (heading, access check, upload, preview, apply, versions)."""
    st.subheader(t("upd_title", lang), anchor=False)
    from app.boot import startup

    found = startup()  # an interrupted update repaired when this process started
    if found is not None:
        st.info(found.message(lang), icon=":material/build:")  # type: ignore[attr-defined]
    flash = st.session_state.pop("_upd_flash", None)
    if flash:
        kind, text = flash
        if kind == "success":
            st.success(text, icon=":material/check_circle:")
        else:
            st.error(ui.esc(text), icon=":material/error:")
    artefact_status(lang)
    st.markdown(t("upd_intro", lang))
    if not allowed(lang):
        return
    names = [s.name for s in schema.CURATED]
    table = st.selectbox(t("upd_table", lang), names, key="upd_table",
                         format_func=lambda n: f"{_title(n, lang)} · {schema.TABLES[n].filename}")
    upload = st.file_uploader(t("upd_file", lang), type=["csv", "xlsx"],
                              key=f"upd_file_{st.session_state.get('_upd_round', 0)}")
    if upload is not None:
        plan = _plan(table, upload.getvalue(), upload.name)
        if not plan.ok:
            _problems(plan, lang)
        elif not plan.has_changes:
            st.info(t("upd_no_change", lang))
        else:
            _preview(plan, lang)
            sure = st.checkbox(t("upd_confirm", lang), key="upd_confirm")
            if plan.table in update.REBUILD_TABLES:
                st.caption(t("upd_rebuild", lang))
            st.button(t("upd_apply", lang), key="upd_apply", type="primary", disabled=not sure,
                      icon=":material/upload:", on_click=_apply, args=(plan, lang))
    _versions(table, lang)

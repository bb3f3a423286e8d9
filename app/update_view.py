"""The data-update form of /dati: upload an official CSV/XLSX, preview, apply, restore.

All checking and writing is done by :mod:`district_stats.ops.update`; this module only draws
it. Who may update is decided by the ``DC_UPDATE`` environment variable:

- ``local`` (default): only a browser on the machine running the dashboard (an official's
  laptop running ``./start.sh``); a visitor reaching the server over the network sees the
  reason instead of the form;
- ``on``: anyone who can open the page (use with ``DC_UPDATE_TOKEN``);
- ``off``: nobody (public deployments; ``deploy/cluster.py`` sets it, because behind its
  proxy every visitor would look local).

When ``DC_UPDATE_TOKEN`` is set the form also asks for that code.
"""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

import streamlit as st

from app import cache, ui
from district_stats import paths, settings
from district_stats.content.i18n import t
from district_stats.data import schema
from district_stats.ops import update

MAX_PROBLEMS = settings.MAX_PROBLEMS_SHOWN  # more would bury the first ones; the count says how many were left out


def mode() -> str:
    """'local', 'on' or 'off' (anything else counts as 'off', the safe choice)."""
    value = settings.update_mode()
    return value if value in ("local", "on", "off") else "off"


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


def allowed(lang: str) -> bool:
    """True if this browser may update the data; otherwise explain why and return False."""
    m = mode()
    if m == "off":
        st.caption(t("upd_off", lang))
        return False
    # Streamlit reports None for a loopback peer. Behind a reverse proxy every visitor is a
    # loopback peer, which is why deploy/cluster.py turns updates off.
    if m == "local" and not is_loopback(st.context.ip_address):
        st.caption(t("upd_local_only", lang))
        return False
    token = settings.update_token()
    if token:
        entered = st.text_input(t("upd_token", lang), type="password", key="upd_token")
        if not hmac.compare_digest(entered.encode(), token.encode()):
            if entered:
                st.error(t("upd_token_bad", lang))
            return False
    return True


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
    _flash("success", t("upd_done", lang, change=ui.esc(change), backup=ui.esc(backup.name)))
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
    _flash("success", t("upd_restored", lang, name=ui.esc(choice)))


def _versions(table: str, lang: str) -> None:
    versions = update.versions_of(table, paths.DATA_DIR)
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
    flash = st.session_state.pop("_upd_flash", None)
    if flash:
        kind, text = flash
        if kind == "success":
            st.success(text, icon=":material/check_circle:")
        else:
            st.error(ui.esc(text), icon=":material/error:")
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

"""Presenter mode (``?modo=presenta&passo=N``): the round-table story, projector-grade, keyboard-stepped.

1280×720 without scrolling, base type 22 px, KPI values 64 px, near-black on white,
no sidebar or chrome, nothing that needs hover: visuals are server-rendered images
with direct labels (cheapest to draw on a venue laptop; plotly is the fallback when no
Chromium is available to render them). ← → move, Home restarts, Esc returns to the
story from a live drill-down (a district or comune opened on request).
"""

from __future__ import annotations

import io

import streamlit as st

from app import cache, facts, state, ui
from district_stats import settings
from district_stats.content import story
from district_stats.content.i18n import t
from district_stats.urlstate import Param, int_range, istat_code, one_of

CSS = """<style>
html { font-size: 22px; }
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.6rem 1.6rem 0.2rem 1.6rem !important; max-width: 100% !important; }
[data-testid="stApp"], [data-testid="stMain"] { background: #FFFFFF; color: #111111; }
h1 { font-size: 2.0rem !important; padding: 0.1rem 0 0.3rem 0 !important; color: #000000 !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.15rem; line-height: 1.3;
  color: #111111; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 64px !important; line-height: 1.05 !important;
  color: #000000 !important; font-weight: 600; }
[data-testid="stMetricLabel"] p { font-size: 1.0rem !important; color: #111111 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p, [data-testid="stCaptionContainer"] a {
  color: #1A1A1A !important; font-size: 0.82rem !important; opacity: 1 !important; }
[data-testid="stBaseButton-secondary"] p, [data-testid="stBaseButton-primary"] p { font-size: 1rem; }
a { color: #004C75 !important; }
[data-testid="stBaseButton-primary"] { background-color: #00466B !important; border-color: #00466B !important; }
[data-testid="stBaseButton-primary"] * { color: #FFFFFF !important; opacity: 1 !important; }
[data-testid="stBaseButton-secondary"] * { color: #111111 !important; opacity: 1 !important; }
[data-testid="stVerticalBlock"] { gap: 0.45rem; }
.st-key-pr_pgdn, .st-key-pr_pgup, .st-key-pr_esc { display: none; }
/* Phones (the room opens the screen from the QR code) get the image drawn for a narrow screen. */
.st-key-pr_narrow { display: none; }
@media (max-width: 700px) { .st-key-pr_wide { display: none; } .st-key-pr_narrow { display: block; } }
</style>"""


def params(views) -> list[Param]:
    """URL parameters of the presenter view."""
    n = len(story.screens(views, "it"))
    return [state.LANG, Param("passo", "1", int_range(1, n)), Param("d", "", one_of(set(views.districts["district_id"]))),
            Param("c", "", istat_code(views.ds["comuni"]["istat_code"]))]


def _go(step: int) -> None:
    state.set_value("passo", str(step))


def _pick() -> None:
    choice = st.session_state.get("pr_pick")
    if choice:
        state.set_value("d" if str(choice).startswith("D") else "c", str(choice))
        state.set_value("c" if str(choice).startswith("D") else "d", "")
    st.session_state["pr_pick"] = None


def _back_to_story() -> None:
    state.set_value("d", "")
    state.set_value("c", "")


def qr_png(url: str) -> bytes:
    """QR code of ``url`` as PNG, drawn locally (segno), black on white."""
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=4, border=2, dark="#000000", light="#FFFFFF")
    return buf.getvalue()


def public_url(params: dict[str, str]) -> str:
    """Link for the audience: PUBLIC_URL (e.g. http://192.168.1.20:8501) if set, else the browser's host."""
    base = settings.public_url()
    if base:
        from urllib.parse import urlencode

        return f"{base}/?{urlencode(params)}"
    return state.share_url("/", params)


def images(screen: story.Screen, lang: str) -> bool:
    """The projector image and the phone image of a screen (CSS shows one), as published by
    ``python -m district_stats publish`` and served as static files (the browser fetches and caches them;
    nothing is drawn in this process). When the published images do not match the data on show, the
    figure is drawn live by plotly instead. False if there is nothing to show (no figure, or its
    geometry is missing)."""
    wide = cache.presenter_image_url(screen.screen_id, lang)
    if wide is not None:
        with st.container(key="pr_wide"):
            st.image(wide, width="stretch", alt=screen.message)
        narrow = cache.presenter_image_url(screen.screen_id, lang, narrow=True)
        if narrow is not None:
            with st.container(key="pr_narrow"):
                st.image(narrow, width="stretch", alt=screen.message)
        return True
    fig = cache.screen_figure(screen.screen_id, lang)
    if fig is None:
        return False
    st.plotly_chart(fig, theme=None, config=ui.plotly_config(), key=f"pr_{screen.screen_id}")
    return True


def visual(screen: story.Screen, lang: str) -> None:
    """The image of a chart/map screen (drawn live if its published image is out of date)."""
    if not images(screen, lang) and not cache.geo_available(story.geo_files(screen)):
        st.warning(t("geo_missing", lang), icon=":material/map:")
    st.caption(screen.source)


def render_screen(screen: story.Screen, lang: str, n: int) -> None:
    head, step = st.columns([9, 1], vertical_alignment="bottom")
    head.title(ui.esc(screen.title), anchor=False)
    step.markdown(f"**{t('pr_step', lang, step=screen.step, n=n)}**")
    st.markdown(ui.esc(screen.message))
    if screen.kind in ("kpis", "gaps"):
        cols = st.columns(len(screen.kpis))
        for col, (label, value) in zip(cols, screen.kpis):
            col.metric(label, value)
        for b in screen.bullets:
            st.markdown(f"- {ui.esc(b)}")
        if screen.chart_id:
            visual(screen, lang)
        else:
            st.caption(screen.source)
    elif screen.kind == "district":
        left, right = st.columns([1.3, 1])
        with left:
            if not images(screen, lang) and not cache.geo_available(story.geo_files(screen)):
                st.warning(t("geo_missing", lang), icon=":material/map:")
        with right:
            views = cache.views()
            d = views.district(story.STORY_DISTRICT)  # type: ignore[union-attr]
            rounds = views.district_rounds(story.STORY_DISTRICT)  # type: ignore[union-attr]
            facts.money_metric(st, rounds, lang)
            facts.calls_metric(st, d, lang)
            facts.rounds_list(rounds, lang, compact=True)
        st.caption(screen.source)
    else:
        visual(screen, lang)


def drill_down(lang: str) -> None:
    """A district or comune opened on request, with a way back to the story step."""
    from district_stats.analysis.profiles import comune_profile

    views = cache.views()
    did, code = state.get("d"), state.get("c")
    st.button(t("pr_back_story", lang), on_click=_back_to_story, icon=":material/arrow_back:", key="pr_back",
              type="primary")
    st.button("esc", on_click=_back_to_story, key="pr_esc", shortcut="Esc")
    if did:
        d = views.district(did)  # type: ignore[union-attr]
        rounds = views.district_rounds(did)  # type: ignore[union-attr]
        st.title(ui.esc(d["short_name"]), anchor=False)
        st.markdown(" ".join(ui.badge_md(t(k, lang), "blue") for k in (d["district_type"], d["members_status"],
                                                                        d["active_status"])))
        facts.status_line(d, lang)
        left, right = st.columns([1.3, 1])
        with left:
            png = cache.members_png(did, lang)
            if png is not None:
                st.image(png, width="stretch", alt=t("prof_map_alt", lang, name=str(d["short_name"])))
            elif not cache.geo_available((f"districts/{did}.geojson", "provinces.geojson")):
                st.warning(t("geo_missing", lang), icon=":material/map:")
        with right:
            st.markdown(f"**{t('col_capofila', lang)}:** {ui.esc(str(d['capofila_ente']).split(' (')[0])}  \n"
                        f"**{t('h_members_known', lang)}:** {ui.esc(facts.members_short(d, lang))}")
            facts.money_metric(st, rounds, lang)
            facts.rounds_list(rounds, lang, compact=True)
        st.caption(f"{t('sources', lang)}: {ui.sources_md(str(d['source_urls']).split(';'), 3, lang)}")
    elif code:
        from app import profile_view

        profile_view.comune_card(comune_profile(views, code), lang, compact=True)  # type: ignore[arg-type]


def nav_bar(step: int, n: int, lang: str, views) -> None:
    """Back / next / start buttons (keyboard: ← → Home, PageUp/PageDown for clickers), step, QR, opener."""
    c1, c2, c3, c5, c6 = st.columns([1.5, 1.5, 1.5, 3.6, 0.9], vertical_alignment="center")
    c1.button(t("pr_prev", lang), on_click=_go, args=(max(1, step - 1),), shortcut="Left", key="pr_prev",
              icon=":material/chevron_left:", disabled=step <= 1)
    c2.button(t("pr_next", lang), on_click=_go, args=(min(n, step + 1),), shortcut="Right", key="pr_next",
              icon=":material/chevron_right:", type="primary", disabled=step >= n)
    c3.button(t("pr_reset", lang), on_click=_go, args=(1,), shortcut="Home", key="pr_reset",
              icon=":material/first_page:")
    st.button("pgdn", on_click=_go, args=(min(n, step + 1),), shortcut="PageDown", key="pr_pgdn")
    st.button("pgup", on_click=_go, args=(max(1, step - 1),), shortcut="PageUp", key="pr_pgup")
    query = {"modo": "presenta", "passo": str(step), **({"lang": "en"} if lang == "en" else {})}
    for key in ("d", "c"):  # a drill-down is part of the exact current view
        if state.get(key):
            query[key] = state.get(key)
    url = public_url(query)
    with c5:
        names = dict(zip(views.districts["district_id"], views.districts["short_name"]))
        names.update(dict(zip(views.ds["comuni"]["istat_code"], views.ds["comuni"]["comune_name"])))
        st.selectbox(t("pr_open", lang), sorted(names, key=lambda k: names[k]), format_func=lambda k: names.get(k, "—"),
                     key="pr_pick", label_visibility="collapsed", placeholder=t("pr_open", lang), index=None,
                     on_change=_pick)
        st.caption(f"{t('pr_scan', lang)}: {url}")
    with c6:
        st.image(qr_png(url), width=96, alt=f"{t('pr_scan', lang)}: QR {url}")


def render() -> None:
    """The presenter view (called by dashboard.py when ``modo=presenta``)."""
    views = cache.views()
    lang = state.lang()
    st.html(CSS)
    if views is None:
        ui.data_error(lang)
        return
    prm = params(views)
    notices = state.bind("presenta", prm)
    screens = cache.story(lang)
    n = len(screens)
    step = story.clamp_step(int(state.get("passo", "1") or 1), n)
    for note in notices:
        st.toast(state.notice_text(note, lang))
    if state.get("d") or state.get("c"):
        drill_down(lang)
    else:
        render_screen(screens[step - 1], lang, n)
    if not settings.deck_mode():  # the snapshot deck (python -m district_stats snapshot) has no controls
        nav_bar(step, n, lang, views)
    state.write("presenta", prm, extra={"modo": "presenta"})

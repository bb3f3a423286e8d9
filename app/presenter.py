"""Presenter mode (``?modo=presenta&passo=N``): the round-table story, projector-grade, keyboard-stepped.

Laid out for 1280×720 without scrolling and scaled with the screen: the root type is 22 px at
1280×720 and grows with the viewport (33 px at 1920×1080), every size is in rem, and the pictures
are shown 1:1 at 1280×720 and rendered sharp for 2× (story.IMAGE_SCALE). Near-black on white, no
sidebar or chrome, nothing that needs hover: visuals are server-rendered images with direct labels.
← → move, Home restarts (the optional cover is ``passo=0``, one step before the first), Esc
returns to the story from a drill-down (a district or comune opened on request); during a
drill-down the arrows return to the story too, at the step it left, never to a hidden step.
The QR code opens the screen's published phone page (a static file, :mod:`district_stats.ops.phone_pages`),
from which the same view on a phone (``vista=telefono``: no keys, no QR of itself) is one tap away.
"""

from __future__ import annotations

import streamlit as st

from app import cache, facts, profile_view, room_link, state, ui
from district_stats import settings
from district_stats.analysis.views import Views
from district_stats.content import story
from district_stats.content.text.i18n import t
from district_stats.urlstate import Param, int_range, istat_code, one_of

CSS = """<style>
html { font-size: clamp(22px, min(1.72vw, 3.06vh), 44px); }
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"], [data-testid="stStatusWidget"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.5rem 1.6rem 0.2rem 1.6rem !important; max-width: 100% !important; }
[data-testid="stApp"], [data-testid="stMain"] { background: #FFFFFF; color: #111111; }
h1 { font-size: 2.0rem !important; padding: 0 !important; line-height: 1.2 !important; color: #000000 !important; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.15rem; line-height: 1.3;
  color: #111111; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 2.9rem !important; line-height: 1.05 !important;
  color: #000000 !important; font-weight: 600; }
[data-testid="stMetricLabel"] p { font-size: 1.0rem !important; color: #111111 !important; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p, [data-testid="stCaptionContainer"] a {
  color: #1A1A1A !important; font-size: 0.82rem !important; opacity: 1 !important; }
button p, [data-testid="stBaseButton-secondary"] p, [data-testid="stBaseButton-primary"] p { font-size: 1rem;
  white-space: nowrap; }
button { min-height: 2.1rem !important; padding: 0.2rem 0.7rem !important; }
a { color: #004C75 !important; }
[data-testid="stBaseButton-primary"] { background-color: #00466B !important; border-color: #00466B !important; }
[data-testid="stBaseButton-primary"] * { color: #FFFFFF !important; opacity: 1 !important; }
[data-testid="stBaseButton-secondary"] * { color: #111111 !important; opacity: 1 !important; }
[data-testid="stVerticalBlock"] { gap: 0.45rem; }
[data-testid="stHorizontalBlock"] { gap: 1rem; }
.st-key-pr_hidden { display: none; }
h1 { margin-bottom: 0.15rem !important; }
.st-key-pr_cover_title h1 { font-size: 1.55rem !important; line-height: 1.3 !important; padding-bottom: 0.1rem !important; }
.st-key-pr_cover [data-testid="stMarkdownContainer"] p, .st-key-pr_cover [data-testid="stMarkdownContainer"] li {
  font-size: 0.92rem !important; line-height: 1.3 !important; margin: 0 0 0.1rem 0 !important; padding: 0 !important; }
.st-key-pr_cover ul { margin: 0.1rem 0 0.2rem 0 !important; }
.st-key-pr_cover [data-testid="stElementContainer"] { height: auto !important; margin-bottom: 0.7rem; }
/* The controls strip: buttons at their own width (never cut), a picker of fixed width, the link taking the
   rest, the QR code at the end. */
.st-key-pr_nav { flex-wrap: nowrap !important; gap: 0.45rem !important; }
.st-key-pr_nav .st-key-pr_pick { flex: 0 0 9.5rem !important; width: 9.5rem !important; }
.st-key-pr_nav [data-testid="stSelectbox"] { width: 9.5rem !important; }
.st-key-pr_nav [data-testid="stSelectbox"] * { font-size: 0.8rem; }
[data-testid="stLayoutWrapper"]:has(> .st-key-pr_link) { flex: 1 1 0 !important; min-width: 5rem; }
[data-testid="stLayoutWrapper"]:has(> .st-key-pr_qr) { flex: 0 0 3.4rem !important; }
.st-key-pr_link p { font-size: 0.7rem !important; line-height: 1.25 !important; overflow-wrap: anywhere; }
.st-key-pr_qr img { width: 3.4rem !important; height: 3.4rem !important; }
/* Pictures: 1:1 at 1280x720, scaled with the screen, never taller than the room left on it. */
.st-key-pr_wide [data-testid="stImage"], .st-key-pr_wide [data-testid="stFullScreenFrame"] { width: 100% !important; }
.st-key-pr_wide img { width: 100% !important; height: auto !important; }
.st-key-pr_chart img { max-height: calc(100vh - 12.5rem); object-fit: contain; object-position: left top; }
/* Phones (a narrow window) get the pictures drawn for a narrow screen. */
.st-key-pr_narrow { display: none; }
@media (max-width: 700px) { .st-key-pr_wide { display: none; } .st-key-pr_narrow { display: block; } }
</style>"""

#: The view a phone opens from the QR code: the same screen at phone sizes, no keys, no QR.
PHONE_CSS = """<style>
header[data-testid="stHeader"], [data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stToolbar"], [data-testid="stDecoration"] { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 1rem 1rem 2rem 1rem !important; }
h1 { font-size: 1.7rem !important; }
[data-testid="stMetricValue"], [data-testid="stMetricValue"] p { font-size: 2.2rem !important; }
</style>"""

PHONE = "telefono"
#: Keys that return to the story from a drill-down (a clicker sends PageUp/PageDown).
_BACK_KEYS = ("Esc", "Left", "Right", "PageUp", "PageDown")


def params(views: Views) -> list[Param]:
    """URL parameters of the presenter view (``passo=0`` is the cover)."""
    n = len(cache.screens("it"))
    return [state.LANG, Param("passo", "1", int_range(0, n)), Param("d", "", one_of(set(views.districts["district_id"]))),
            Param("c", "", istat_code(views.ds["comuni"]["istat_code"])), Param("vista", "", one_of((PHONE,)))]


def _go(step: int) -> None:
    state.set_value("passo", str(step))


def _pick() -> None:
    choice = st.session_state.get("pr_pick")
    if choice:
        state.set_value("d" if str(choice).startswith("D") else "c", str(choice))
        state.set_value("c" if str(choice).startswith("D") else "d", "")
    st.session_state["pr_pick"] = None


def _back_to_story(step: int | None = None) -> None:
    """Leave the drill-down: back to the step it left (``step`` None) or to ``step``."""
    state.set_value("d", "")
    state.set_value("c", "")
    if step is not None:
        _go(step)


def images(screen: story.Screen, lang: str, phone: bool = False) -> bool:
    """The projector picture and the phone picture of a screen (CSS shows one; a phone view gets only its own),
    as published by ``python -m district_stats publish`` and served as static files (the browser fetches and
    caches them; nothing is drawn in this process). When the published pictures do not match the data on
    show, the figure is drawn live by plotly instead. False if there is nothing to show (no figure, or its
    geometry is missing)."""
    wide = None if phone else cache.presenter_image_url(screen.screen_id, lang)
    narrow = cache.presenter_image_url(screen.screen_id, lang, narrow=True)
    if wide is not None or (phone and narrow is not None):
        if wide is not None:
            with st.container(key="pr_wide"):
                st.image(wide, width="stretch", alt=screen.message)
        if narrow is not None:
            with st.container(key="pr_narrow_phone" if phone else "pr_narrow"):
                st.image(narrow, width="stretch", alt=screen.message)
        return True
    fig = cache.screen_figure(screen.screen_id, lang, narrow=phone)
    if fig is None:
        return False
    st.plotly_chart(fig, theme=None, config=ui.plotly_config(), key=f"pr_{screen.screen_id}")
    return True


def visual(screen: story.Screen, lang: str, phone: bool = False) -> None:
    """The picture of a chart/map screen (drawn live if its published picture is out of date)."""
    if not images(screen, lang, phone) and not cache.geo_available(story.geo_files(screen)):
        st.warning(t("geo_missing", lang), icon=":material/map:")


def _header(screen: story.Screen, lang: str, n: int) -> None:
    if not screen.step:  # the cover: no step number, the title has the full width
        with st.container(key="pr_cover_title"):
            st.title(ui.esc(screen.title), anchor=False)
        return
    head, step = st.columns([9, 1], vertical_alignment="bottom")
    head.title(ui.esc(screen.title), anchor=False)
    if screen.step:
        step.markdown(f"**{t('pr_step', lang, step=screen.step, n=n)}**")


def _metrics(kpis: tuple[tuple[str, str], ...], per_row: int) -> None:
    for i in range(0, len(kpis), per_row):
        cols = st.columns(per_row)
        for col, (label, value) in zip(cols, kpis[i:i + per_row]):
            col.metric(ui.esc(label), ui.esc(value))


def render_screen(screen: story.Screen, lang: str, n: int, phone: bool = False) -> None:
    """One story screen (or the cover) laid out for its kind."""
    _header(screen, lang, n)
    if screen.kind == "cover":  # the occasion, what was announced, the protocols; the map beside them
        left, right = st.columns([1.25, 0.75])
        with left, st.container(key="pr_cover"):
            st.markdown(ui.esc(screen.message))
            st.markdown(f"**{t('cover_announced', lang)}**\n\n" +
                        "\n".join(f"- **{ui.esc(value)}** · {ui.esc(label)}" for label, value in screen.kpis))
            st.markdown(f"**{t('cover_protocols', lang)}**\n\n" + "\n".join(f"- {ui.esc(b)}" for b in screen.bullets))
            st.caption(screen.source)
        with right:
            visual(screen, lang, phone)
    elif screen.kind == "map":  # text on the left, the map of the districts on the right
        left, right = st.columns([0.82, 1.18])
        with left:
            st.markdown(ui.esc(screen.message))
            st.caption(screen.source)
        with right:
            visual(screen, lang, phone)
    elif screen.kind == "district":
        left, right = st.columns([1.4, 1])
        with left:
            if not images(screen, lang, phone) and not cache.geo_available(story.geo_files(screen)):
                st.warning(t("geo_missing", lang), icon=":material/map:")
            st.caption(screen.source)
        with right:
            st.markdown(ui.esc(screen.message))
            f = cache.facts(story.STORY_DISTRICT, lang)
            if f is not None:
                facts.money_metric(st, f, lang)
                facts.calls_metric(st, f, lang)
    else:
        st.markdown(ui.esc(screen.message))
        if screen.kpis:
            _metrics(screen.kpis, len(screen.kpis))
        for b in screen.bullets:
            st.markdown(f"- {ui.esc(b)}")
        if screen.chart_id:
            with st.container(key="pr_chart"):
                visual(screen, lang, phone)
        st.caption(screen.source)


def drill_down(lang: str, phone: bool = False) -> None:
    """A district or comune opened on request (the way back to the story is in the controls strip)."""
    did, code = state.get("d"), state.get("c")
    f = cache.facts(did, lang) if did else None
    card = cache.card(code, lang) if code and not did else None
    if f is not None:
        st.title(ui.esc(f.short_name), anchor=False)
        left, right = st.columns([1.4, 1])
        with left:
            url = cache.members_image_url(did, lang, narrow=phone)
            if url is not None:
                st.image(url, width="stretch", alt=t("prof_map_alt", lang, name=f.short_name))
            elif (fig := cache.members_figure(did, lang, narrow=phone)) is not None:  # picture out of date: live
                st.plotly_chart(fig, theme=None, config=ui.plotly_config(), key="pr_members")
            elif not cache.geo_available(story.members_geo_files(did)):
                st.warning(t("geo_missing", lang), icon=":material/map:")
        with right:
            facts.badges(f.projector_badges())
            facts.status_line(f)
            st.markdown(f"**{t('col_capofila', lang)}:** {ui.esc(f.capofila_short)}")
            facts.money_metric(st, f, lang)
            facts.rounds_list(f, lang, compact=True)
            st.caption(f"{t('sources', lang)}: {ui.sources_md(f.listing_urls, 3, lang)}")
    elif card is not None:
        profile_view.comune_card(card, lang, compact=True)


def phone_page(step: int, lang: str) -> str | None:
    """Address of the published phone page of the view on screen (a story screen or a district opened), from
    which the live phone view is one tap away; None when a comune is open or the pages do not match the data
    and code on show (the phones then open the live view)."""
    if state.get("c") or not cache.artefacts_ok(lang):
        return None
    if state.get("d"):
        return cache.artefact_url(story.members_page(state.get("d"), lang))
    screen = "copertina" if step == 0 else cache.screens(lang)[max(step, 1) - 1].screen_id
    return cache.artefact_url(story.screen_page(screen, lang))


def nav_bar(step: int, n: int, lang: str, drill: bool) -> None:
    """One slim strip: back / next / start (keyboard ← → Home, PageUp/PageDown for clickers), or during a
    drill-down the way back to the story (every arrow leads there); the picker; the room's link and QR."""
    with st.container(horizontal=True, key="pr_nav", vertical_alignment="center", gap="small"):
        if drill:
            st.button(t("pr_back_story_step", lang, step=step) if step else t("pr_back_story", lang),
                      on_click=_back_to_story, icon=":material/arrow_back:", key="pr_back", type="primary",
                      shortcut="Esc")
        else:
            st.button(t("pr_prev", lang), on_click=_go, args=(max(0, step - 1),), shortcut="Left", key="pr_prev",
                      icon=":material/chevron_left:", disabled=step <= 0)
            st.button(t("pr_next", lang), on_click=_go, args=(min(n, step + 1),), shortcut="Right", key="pr_next",
                      icon=":material/chevron_right:", type="primary", disabled=step >= n)
            st.button(t("pr_reset", lang), on_click=_go, args=(1,), shortcut="Home", key="pr_reset",
                      icon=":material/first_page:")
        options = cache.picker_options(lang)
        st.selectbox(t("pr_open", lang), list(options), format_func=lambda k: options.get(k, "—"), key="pr_pick",
                     label_visibility="collapsed", placeholder=t("pr_open_short", lang), index=None, on_change=_pick)
        query = {"modo": "presenta", "passo": str(step), **({"lang": "en"} if lang == "en" else {})}
        for key in ("d", "c"):  # a drill-down is part of the exact current view
            if state.get(key):
                query[key] = state.get(key)
        url, where = room_link.link({**query, "vista": PHONE})
        if (page := phone_page(step, lang)) is not None:  # a static file: the room never loads this process
            url = room_link.page_url(where, page)
        with st.container(key="pr_link"):
            if where.reachable:
                st.caption(f"{t('pr_phone', lang)}: {url}")
            else:
                warning = t(f"pr_loopback_{where.why}", lang)
                st.caption(f":material/warning: **{warning}**")
        if where.reachable:
            with st.container(key="pr_qr"):
                st.image(room_link.qr_png(url), width=96, alt=f"{t('pr_scan', lang)}: QR {url}")
    with st.container(key="pr_hidden"):  # more keys for the same moves (clickers, and arrows in a drill-down)
        if drill:
            for key in _BACK_KEYS[1:]:
                st.button(key, on_click=_back_to_story, key=f"pr_back_{key}", shortcut=key)
            st.button("Home", on_click=_back_to_story, args=(1,), key="pr_back_home", shortcut="Home")
        else:
            st.button("pgdn", on_click=_go, args=(min(n, step + 1),), shortcut="PageDown", key="pr_pgdn")
            st.button("pgup", on_click=_go, args=(max(0, step - 1),), shortcut="PageUp", key="pr_pgup")


def phone_nav(step: int, n: int, lang: str, drill: bool) -> None:
    """The phone view's own way around: buttons only (no keys), no QR of itself."""
    with st.container(horizontal=True, key="pr_phone_nav"):
        if drill:
            st.button(t("pr_back_story", lang), on_click=_back_to_story, icon=":material/arrow_back:", key="pr_back")
        else:
            st.button(t("pr_prev", lang), on_click=_go, args=(max(0, step - 1),), key="pr_prev",
                      icon=":material/chevron_left:", disabled=step <= 0)
            st.button(t("pr_next", lang), on_click=_go, args=(min(n, step + 1),), key="pr_next",
                      icon=":material/chevron_right:", disabled=step >= n)


def render() -> None:
    """The presenter view (called by dashboard.py when ``modo=presenta``)."""
    views = cache.views()
    lang = state.lang()
    if views is None:
        st.html(CSS)
        ui.data_error(lang)
        return
    prm = params(views)
    notices = state.bind("presenta", prm)
    phone = state.get("vista") == PHONE
    if phone:
        st.html(PHONE_CSS)
    else:
        st.html(CSS)
    screens = cache.screens(lang)
    n = len(screens)
    step = min(n, max(0, int(state.get("passo", "1") or 1)))
    cover = story.cover(views, lang) if step == 0 else None
    for note in notices:
        st.toast(state.notice_text(note, lang))
    drill = bool(state.get("d") or state.get("c"))
    if drill:
        drill_down(lang, phone)
    elif cover is not None:
        render_screen(cover, lang, n, phone)
    else:
        render_screen(screens[max(step, 1) - 1], lang, n, phone)
    if phone:
        phone_nav(step, n, lang, drill)
    elif not settings.deck_mode():  # the snapshot deck (python -m district_stats snapshot) has no controls
        nav_bar(step, n, lang, drill)
    state.write("presenta", prm, extra={"modo": "presenta"})

"""Presenter mode (``?modo=presenta&passo=N``): the round-table story, projector-grade, keyboard-stepped.

Laid out for 1280×720 without scrolling and scaled with the screen: the root type is 22 px at
1280×720 and grows with the viewport (33 px at 1920×1080), every size is in rem, and the pictures
are shown 1:1 at 1280×720 and rendered sharp for 2× (screen_sizes.IMAGE_SCALE). Near-black on white, no
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
/* The frame: the screen and its controls on the left, the room's rail on the right (the step, then at the
   bottom the QR code, 7.3rem = 160 px at 1280x720 and larger with the screen, and the phones' link). */
.st-key-pr_frame { flex-wrap: nowrap !important; align-items: stretch !important; gap: 1rem !important; }
[data-testid="stLayoutWrapper"]:has(> .st-key-pr_main), .st-key-pr_main { flex: 1 1 0 !important; min-width: 0; }
.st-key-pr_main { min-height: calc(100vh - 1.1rem); }
[data-testid="stLayoutWrapper"]:has(> .st-key-pr_nav), .st-key-pr_nav { margin-top: auto; }
[data-testid="stLayoutWrapper"]:has(> .st-key-pr_rail) { flex: 0 0 7.6rem !important; width: 7.6rem !important; }
.st-key-pr_rail { width: 7.6rem !important; min-height: calc(100vh - 1.1rem); justify-content: space-between;
  gap: 0.3rem !important; }
/* A 4:3 projector (1024x768) keeps the type and gives the rail less: the QR code 6rem (132 px). */
@media (max-width: 1199px) {
  [data-testid="stLayoutWrapper"]:has(> .st-key-pr_rail), .st-key-pr_rail { flex: 0 0 6.2rem !important;
    width: 6.2rem !important; }
  .st-key-pr_qr img { width: 6rem !important; height: 6rem !important; } }
.st-key-pr_rail p { text-align: right; }
.st-key-pr_qr img { width: 7.3rem !important; height: 7.3rem !important; image-rendering: pixelated; }
.st-key-pr_room { gap: 0.25rem !important; }
/* Streamlit pulls a paragraph's last line up with a negative margin: at the foot of the rail it would hang below it. */
.st-key-pr_link * { margin-bottom: 0 !important; }
.st-key-pr_link p, .st-key-pr_link a { font-size: 0.58rem !important; line-height: 1.2 !important; overflow-wrap: anywhere;
  text-align: left !important; }
/* The controls strip: buttons at their own width (never cut), a picker wide enough for its placeholder. */
.st-key-pr_nav { flex-wrap: nowrap !important; gap: 0.45rem !important; }
[data-testid="stLayoutWrapper"]:has(> .st-key-pr_nav) { width: 100%; }
.st-key-pr_nav .st-key-pr_pick, .st-key-pr_nav [data-testid="stSelectbox"] { flex: 0 0 12.5rem !important;
  width: 12.5rem !important; }
.st-key-pr_nav [data-testid="stSelectbox"] * { font-size: 0.8rem; }
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

#: Run after a pick: the picker gives the keyboard back to the page, so ← → and Esc work at once. The picker
#: empties itself after the pick and its widget may take the focus back a moment later (seen on a busy machine),
#: so the script lets go again on the next frames and after a quarter of a second, only while the focus is still
#: in the picker (a static script, nothing from the data in it; shown only on the run after a pick, so each pick
#: mounts it anew).
BLUR_JS = """<script>(() => { const leave = () => { const a = document.activeElement;
  if (a && a.closest && a.closest('.st-key-pr_nav')) a.blur(); };
  leave(); requestAnimationFrame(() => requestAnimationFrame(leave)); setTimeout(leave, 250); })();</script>"""

PHONE = "telefono"
#: Keys that return to the story from a drill-down (a clicker sends PageUp/PageDown).
_BACK_KEYS = ("Esc", "Left", "Right", "PageUp", "PageDown")


def params(views: Views) -> list[Param]:
    """URL parameters of the presenter view (``passo=0`` is the cover)."""
    n = len(cache.screens("it"))
    return [
        state.LANG,
        Param("passo", "1", int_range(0, n)),
        Param("d", "", one_of(set(views.districts["district_id"]))),
        Param("c", "", istat_code(views.ds["comuni"]["istat_code"])),
        Param("vista", "", one_of((PHONE,))),
    ]


def _go(step: int) -> None:
    state.set_value("passo", str(step))


def _move(delta: int, n: int) -> None:
    """One step forward or back from the step in the state when the key is handled (not the one drawn when
    the button was: two quick presses move two steps)."""
    _go(min(n, max(0, int(state.get("passo", "1") or 1) + delta)))


def _pick() -> None:
    choice = st.session_state.get("pr_pick")
    if choice:
        state.set_value("d" if str(choice).startswith("D") else "c", str(choice))
        state.set_value("c" if str(choice).startswith("D") else "d", "")
        st.session_state["_pr_picked"] = True
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


def _header(screen: story.Screen) -> None:
    """The screen's title (its step number is in the room's rail, :func:`rail`)."""
    if not screen.step:  # the cover: a longer title, in smaller type
        with st.container(key="pr_cover_title"):
            st.title(ui.esc(screen.title), anchor=False)
        return
    st.title(ui.esc(screen.title), anchor=False)


def _metrics(kpis: tuple[tuple[str, str], ...], per_row: int) -> None:
    for i in range(0, len(kpis), per_row):
        cols = st.columns(per_row)
        for col, (label, value) in zip(cols, kpis[i : i + per_row]):
            col.metric(ui.esc(label), ui.esc(value))


#: Column widths of the screens with a picture beside text, in px at 1280x720 (the pictures are drawn at these
#: widths, :data:`district_stats.content.screen_sizes.MAP_VISUAL` and friends, and shown 1:1; the rail takes the rest).
COVER_COLUMNS = (575, 425)
MAP_COLUMNS = (300, 700)
DISTRICT_COLUMNS = (660, 340)
#: A district opened on request: its facts need the wider text column (its map picture is shown a little smaller).
DRILL_COLUMNS = (560, 440)


def render_screen(screen: story.Screen, lang: str, phone: bool = False) -> None:
    """One story screen (or the cover) laid out for its kind."""
    _header(screen)
    if screen.kind == "cover":  # the occasion, what was announced, the protocols; the map beside them
        left, right = st.columns(list(COVER_COLUMNS))
        with left, st.container(key="pr_cover"):
            st.markdown(ui.esc(screen.message))
            st.markdown(
                f"**{t('cover_announced', lang)}**\n\n"
                + "\n".join(f"- **{ui.esc(value)}** · {ui.esc(label)}" for label, value in screen.kpis)
            )
            st.markdown(f"**{t('cover_protocols', lang)}**\n\n" + "\n".join(f"- {ui.esc(b)}" for b in screen.bullets))
            st.caption(screen.source)
        with right:
            visual(screen, lang, phone)
    elif screen.kind == "map":  # text on the left, the map of the districts on the right
        left, right = st.columns(list(MAP_COLUMNS))
        with left:
            st.markdown(ui.esc(screen.message))
            st.caption(screen.source)
        with right:
            visual(screen, lang, phone)
    elif screen.kind == "district":
        left, right = st.columns(list(DISTRICT_COLUMNS))
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
        left, right = st.columns(list(DRILL_COLUMNS))
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
            st.caption(f"{t('sources', lang)}: {ui.sources_md(f.listing_urls, 1, lang)}")  # the rest on its page
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
    drill-down the way back to the story (every arrow leads there); the picker. Each move is relative to the
    step on screen when it is handled (two quick → go two steps, never back to a step already left)."""
    with st.container(horizontal=True, key="pr_nav", vertical_alignment="center", gap="small"):
        if drill:
            st.button(
                t("pr_back_story_step", lang, step=step) if step else t("pr_back_story", lang),
                on_click=_back_to_story,
                icon=":material/arrow_back:",
                key="pr_back",
                type="primary",
                shortcut="Esc",
            )
        else:
            st.button(
                t("pr_prev", lang),
                on_click=_move,
                args=(-1, n),
                shortcut="Left",
                key="pr_prev",
                icon=":material/chevron_left:",
                disabled=step <= 0,
            )
            st.button(
                t("pr_next", lang),
                on_click=_move,
                args=(1, n),
                shortcut="Right",
                key="pr_next",
                icon=":material/chevron_right:",
                type="primary",
                disabled=step >= n,
            )
            st.button(
                t("pr_reset", lang),
                on_click=_go,
                args=(1,),
                shortcut="Home",
                key="pr_reset",
                icon=":material/first_page:",
            )
        options = cache.picker_options(lang)
        st.selectbox(
            t("pr_open", lang),
            list(options),
            format_func=lambda k: options.get(k, "—"),
            key="pr_pick",
            label_visibility="collapsed",
            placeholder=t("pr_open_short", lang),
            index=None,
            on_change=_pick,
        )
    with st.container(key="pr_hidden"):  # more keys for the same moves (clickers, and arrows in a drill-down)
        if drill:
            for key in _BACK_KEYS[1:]:
                st.button(key, on_click=_back_to_story, key=f"pr_back_{key}", shortcut=key)
            st.button("Home", on_click=_back_to_story, args=(1,), key="pr_back_home", shortcut="Home")
        else:
            st.button("pgdn", on_click=_move, args=(1, n), shortcut="PageDown", key="pr_pgdn")
            st.button("pgup", on_click=_move, args=(-1, n), shortcut="PageUp", key="pr_pgup")
        if st.session_state.pop("_pr_picked", False):  # after a pick the keys move the story, not the picker
            st.html(BLUR_JS, unsafe_allow_javascript=True)


def room(step: int, lang: str) -> tuple[str, room_link.RoomAddress]:
    """The address the phones open for the view on screen (its published phone page, or the live phone view
    with the exact step and drill-down), and where it rests."""
    query = {"modo": "presenta", "passo": str(step), **({"lang": "en"} if lang == "en" else {})}
    for key in ("d", "c"):  # a drill-down is part of the exact current view
        if state.get(key):
            query[key] = state.get(key)
    url, where = room_link.link({**query, "vista": PHONE})
    if (page := phone_page(step, lang)) is not None:  # a static file: the room never loads this process
        url = room_link.page_url(where, page)
    return url, where


def rail(step: int, n: int, lang: str, screen_step: int) -> None:
    """The room's rail, right of the screen: the step («5 / 8», none on the cover or a drill-down) at the top;
    at the bottom the phones' link in words (or why there is none: a loopback address) and the QR code of the
    exact view on screen (7.3rem: 160 px at 1280x720, more on larger screens)."""
    with st.container(key="pr_rail"):
        st.markdown(f"**{t('pr_step', lang, step=screen_step, n=n)}**" if screen_step else "")
        url, where = room(step, lang)
        with st.container(key="pr_room"):
            with st.container(key="pr_link"):
                if where.reachable:
                    st.caption(f"{t('pr_phone', lang)}: {url}")
                else:
                    st.caption(f":material/warning: **{t(f'pr_loopback_{where.why}', lang)}**")
            if where.reachable:
                with st.container(key="pr_qr"):
                    st.image(room_link.qr_png(url), width="stretch", alt=f"{t('pr_scan', lang)}: QR {url}")


def phone_nav(step: int, n: int, lang: str, drill: bool) -> None:
    """The phone view's own way around: buttons only (no keys), no QR of itself."""
    with st.container(horizontal=True, key="pr_phone_nav"):
        if drill:
            st.button(t("pr_back_story", lang), on_click=_back_to_story, icon=":material/arrow_back:", key="pr_back")
        else:
            st.button(
                t("pr_prev", lang),
                on_click=_go,
                args=(max(0, step - 1),),
                key="pr_prev",
                icon=":material/chevron_left:",
                disabled=step <= 0,
            )
            st.button(
                t("pr_next", lang),
                on_click=_go,
                args=(min(n, step + 1),),
                key="pr_next",
                icon=":material/chevron_right:",
                disabled=step >= n,
            )


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
    screen = cover if cover is not None else screens[max(step, 1) - 1]
    if phone:
        _content(screen, drill, lang, phone)
        phone_nav(step, n, lang, drill)
    elif settings.deck_mode():  # the snapshot deck (python -m district_stats snapshot): no controls, no rail
        _content(screen, drill, lang, phone)
    else:
        with st.container(horizontal=True, key="pr_frame"):
            with st.container(key="pr_main"):
                _content(screen, drill, lang, phone)
                nav_bar(step, n, lang, drill)
            rail(step, n, lang, 0 if drill else screen.step)
    state.write("presenta", prm, extra={"modo": "presenta"})


def _content(screen: story.Screen, drill: bool, lang: str, phone: bool) -> None:
    """The screen on show: a drill-down (a district or comune opened on request) or a story screen."""
    if drill:
        drill_down(lang, phone)
    else:
        render_screen(screen, lang, phone)

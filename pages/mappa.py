"""Mappa (/mappa): districts coloured by type or funding, click for member comuni; comuni inside/outside."""

from app import mapview, state, ui

views, lang = ui.open_page("ch_map")
prm = mapview.params(views)
ui.notices(state.notice_text(n, lang) for n in state.bind("mappa", prm))
mapview.render(views, state.lang(), prm)

"""What people read and see, one builder per view.

The modules here build what a page part shows, ready to lay out: the chart catalogue (``catalog``), the
headline KPIs (``kpis``), the map page (``region_map``), a district's facts, profile and list
(``district_facts``, ``district_page``), the comune card (``comune_card``), the /investimenti notes
(``money_page``), the presenter story (``story``), the spreadsheets (``spreadsheets``); ``style`` holds the
colours and type sizes, ``texts.toml`` every sentence in both languages. They are made of three kinds of parts:
``text/`` (catalogue, formats, escaping, wording, sources, citations, summaries, tables in words),
``figures/`` (charts, maps, their legends and names, fixed-width layouts) and ``embeds/`` (static embed pages).
"""

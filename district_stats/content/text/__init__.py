"""Words: the text catalogue and its languages, number and date formats, escaping, the wording of district
facts, sources and citations, chart summaries, tables as a person reads them."""

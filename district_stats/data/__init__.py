"""The tables of ``data/``: schema (declared once), reading, validation with Italian messages, loading."""

"""Streamlit side of the dashboard: caching, URL state, shared layout, presenter and embed views.

The only package besides ``pages/`` and ``dashboard.py`` that imports streamlit.
"""

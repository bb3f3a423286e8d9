"""Domain package of the Distretti del Commercio dashboard.

Pure Python: data loading and validation, aggregation, formatting, figure and map
builders. It never imports streamlit (ruff rule TID251 enforces it), so every
function here can be unit-tested and reused by the command-line tools.
"""

__all__ = ["__version__"]
__version__ = "1.0.0"

"""Aggregations: DataFrames in, DataFrames (or small dataclasses) out; nothing formatted or drawn."""

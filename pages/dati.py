"""Placeholder."""

import streamlit as st

st.write("dati")

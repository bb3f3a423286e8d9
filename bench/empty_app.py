"""An empty Streamlit page: the baseline every settle time is divided by."""

import streamlit as st

st.write("vuota")

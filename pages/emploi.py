import streamlit as st

st.title("emploi")

import streamlit as st

st.title("evolutions")

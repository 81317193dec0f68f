import streamlit as st

st.title("comparer")

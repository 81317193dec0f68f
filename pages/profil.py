import streamlit as st

st.title("profil")

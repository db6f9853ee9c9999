import streamlit as st
st.title("articles")

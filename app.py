"""Conflict-reporting dashboard: `streamlit run app.py`. Pages live in pages/, logic in geo/."""
import streamlit as st

st.set_page_config(page_title="Conflict reports: places, figures, sources", page_icon="🗺️", layout="wide")

pages = [
    st.Page("pages/map.py", title="Map", icon=":material/map:", default=True),
    st.Page("pages/casualties.py", title="Casualties", icon=":material/monitoring:", url_path="casualties"),
    st.Page("pages/sources.py", title="Sources", icon=":material/compare_arrows:", url_path="sources"),
    st.Page("pages/articles.py", title="Articles", icon=":material/article:", url_path="articles"),
]
st.navigation(pages).run()

"""Conflict-reporting dashboard: `streamlit run app.py`. Pages live in app_pages/, logic in geo/.

Not in pages/: with a folder of that name, a deep link (/casualties?...) that is
a cold server's first request is served as an old-style page, bypassing this
navigation.
"""
import streamlit as st

from views.auth import warn_host

st.set_page_config(page_title="Conflict reports: places, figures, sources", page_icon="🗺️", layout="wide")
warn_host()  # once per process, whichever page is asked for first

pages = [
    st.Page("app_pages/map.py", title="Map", icon=":material/map:", default=True),
    st.Page("app_pages/events.py", title="Events", icon=":material/event:", url_path="events"),
    st.Page("app_pages/casualties.py", title="Casualties", icon=":material/monitoring:", url_path="casualties"),
    st.Page("app_pages/sources.py", title="Sources", icon=":material/compare_arrows:", url_path="sources"),
    st.Page("app_pages/articles.py", title="Articles", icon=":material/article:", url_path="articles"),
]
st.navigation(pages).run()

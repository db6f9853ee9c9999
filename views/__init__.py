"""Streamlit helpers shared by the pages (with app_pages/ and app.py, the only code that imports streamlit)."""

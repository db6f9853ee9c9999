"""Presentation without Streamlit: the dataset the pages read (frames of places, claims, incidents), tables,
filters, the map's HTML, passages with highlights, escaping of article-derived text, and exports. Imports
every stage below it; never Streamlit.
"""

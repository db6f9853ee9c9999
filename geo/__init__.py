"""geo: conflict reports → geocoded incidents and attributed casualty claims.

The library knows nothing of Streamlit; the dashboard (app.py, pages/) calls it.
"""
__version__ = "0.1.0"

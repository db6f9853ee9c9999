"""geo: conflict reports → geocoded incidents and attributed casualty claims.

The library, by stage in the order data flows: geo.text → geo.knowledge → geo.places → geo.extract →
geo.store → geo.ingest → geo.events → geo.present → geo.cli (each stage's __init__ says what it holds).
It knows nothing of Streamlit; the dashboard (app.py, app_pages/, views/) calls it.
"""
__version__ = "0.1.0"

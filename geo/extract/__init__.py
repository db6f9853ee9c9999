"""Extraction: the pipeline that turns one article into its places, claims and incidents, and its stages: the
document's analysis (sentences, dates, attribution), quantities, claims, incidents; and the evaluation against
gold annotations. Pure: text and knowledge in, records (geo.models) out. Imports geo.text, geo.knowledge and
geo.places.
"""

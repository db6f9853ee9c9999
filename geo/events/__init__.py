"""Events: reports of several articles grouped into real-world events, each source's account compared,
contradictions flagged, low / best / high ranges, source statistics and event exports. Pure: extractions and
knowledge in, events out. Imports geo.knowledge (and geo.models).
"""

"""Knowledge: the language files (data/lang/<code>/) and conflict files (data/conflicts/<id>.yaml) loaded and
typed, the compiled lexicon of each language, the event types, and language detection. Data in, typed
knowledge out; imports geo.text.
"""

"""Text: folding (case, diacritics, apostrophes, transliteration keys), tokens, sentences and clauses, and the
phrase matcher. Knows no language and no conflict; imports only the standard library and
geo.config/geo.errors.
"""

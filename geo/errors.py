"""The root of the library's errors: ``except GeoError`` catches every error the library raises
about its input, data or configuration, and nothing else (as geopy's ``GeopyError``)."""


class GeoError(Exception):
    """Base of every error the library raises; its message names the file, field or setting."""

"""Text from articles and file names, made harmless where it is printed or opened.

A terminal runs the escape codes in a file name printed raw; a spreadsheet runs a cell that
opens with ``=``, ``+``, ``-`` or ``@`` (``=HYPERLINK(...)``) as a formula.
"""
from __future__ import annotations

import re

# C0 and C1 control characters (ESC opens terminal codes) and the bidirectional overrides.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def printable(text: str) -> str:
    """``text`` with every control character written as an escape (``\\x1b``): safe on a terminal."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def spreadsheet_cell(value):
    """A cell that cannot run as a spreadsheet formula: text opening as one gets a leading quote."""
    return "'" + value if isinstance(value, str) and value.startswith(_FORMULA_START) else value

"""Dates in text, resolved against the article's date, with a precision.

"martedì" → the last Tuesday on or before publication (day); "il 27
settembre" → that day of the publication year (day); "ad agosto" → month;
"la scorsa settimana" → the week before (week); "nel 2020" → year. Each
mention also says how it relates to the article's own news: current, an
earlier incident, or background (another year: history, war totals).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Sequence

from geo.knowledge.lexicon import Lexicon
from geo.text.tokens import Token

# Reported "today" news usually covers the last few days: a day mention within
# this many days of publication is the article's own news.
CURRENT_DAYS = 3


@dataclass(frozen=True)
class DateRef:
    """A date with a precision: day | week | month | year (week: its Monday)."""

    date: dt.date
    precision: str

    @property
    def iso(self) -> str:
        if self.precision == "year":
            return f"{self.date.year:04d}"
        if self.precision == "month":
            return f"{self.date.year:04d}-{self.date.month:02d}"
        return self.date.isoformat()

    @property
    def last_day(self) -> dt.date:
        d = self.date
        if self.precision == "week":
            return d + dt.timedelta(days=6)
        if self.precision == "month":
            nxt = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
            return nxt - dt.timedelta(days=1)
        if self.precision == "year":
            return dt.date(d.year, 12, 31)
        return d


def parse_iso(iso: str | None) -> DateRef | None:
    """'2022-09-13' / '2022-09' / '2022' → DateRef."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        return DateRef(dt.date(*parts), "day")
    if len(parts) == 2:
        return DateRef(dt.date(parts[0], parts[1], 1), "month")
    return DateRef(dt.date(parts[0], 1, 1), "year")


@dataclass(frozen=True)
class DateMention:
    lo: int  # token range
    hi: int
    ref: DateRef | None  # None when it cannot be resolved (no article date)
    relation: str  # current | earlier | background


def _relation(when: DateRef, article: DateRef | None, backwards: bool) -> str:
    """A bare past year is history (background); a past day, week or month is an
    earlier incident, however long ago; within a few days it is the news itself."""
    if article is None:
        return "earlier" if backwards else "current"
    if when.precision == "year" and when.date.year < article.date.year:
        return "background"
    if when.last_day < article.date - dt.timedelta(days=CURRENT_DAYS):
        return "earlier"
    return "current"


def _month_day(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _year_at(tokens: Sequence[Token], i: int, hi: int) -> int | None:
    if i < hi and tokens[i].is_number and len(tokens[i].norm) == 4 and 1900 <= int(tokens[i].norm) <= 2100:
        return int(tokens[i].norm)
    return None


def _day_at(tokens: Sequence[Token], i: int, hi: int) -> int | None:
    if 0 <= i < hi and tokens[i].is_number and tokens[i].norm.isdigit() and 1 <= int(tokens[i].norm) <= 31:
        return int(tokens[i].norm)
    return None


def find_dates(tokens: Sequence[Token], lo: int, hi: int, lex: Lexicon, article: DateRef | None) -> list[DateMention]:
    """Date mentions in tokens[lo:hi], resolved against the article's date.
    A date after "since"/"dal" starts a running total: background."""
    out: list[DateMention] = []
    i = lo
    while i < hi:
        if not (tokens[i].is_number or tokens[i].norm in lex.date_starts):
            i += 1
            continue
        m = _date_at(tokens, i, hi, lex, article)
        if m:
            if m.lo > lo and tokens[m.lo - 1].norm in lex.since and m.relation != "current":
                m = DateMention(m.lo, m.hi, m.ref, "background")
            out.append(m)
            i = m.hi + 1
        else:
            i += 1
    return out


def _date_at(tokens, i, hi, lex: Lexicon, article: DateRef | None) -> DateMention | None:
    rel = lex.relative_dates.match_at(tokens, i, hi)
    if rel:
        last, (unit, offset) = rel
        when = _shift(article, unit, int(offset)) if article else None
        if offset < 0 and unit != "day":
            relation = "earlier"  # "la scorsa settimana", "last month": another incident
        else:
            relation = _relation(when, article, offset < 0) if when else "current"
        return DateMention(i, last, when, relation)
    w = tokens[i].norm
    ago = _time_ago(tokens, i, hi, lex, article)
    if ago:
        return ago
    if w in lex.weekdays:
        last = i
        # "nella notte tra lunedì e martedì", "Monday and Tuesday": the later day.
        if i + 2 < hi and tokens[i + 1].norm in lex.conjunctions and tokens[i + 2].norm in lex.weekdays:
            last = i + 2
        if article is None or article.precision != "day":
            return DateMention(i, last, None, "current")
        back = (article.date.weekday() - lex.weekdays[tokens[last].norm]) % 7
        when = DateRef(article.date - dt.timedelta(days=back), "day")
        return DateMention(i, last, when, _relation(when, article, True))
    if w in lex.months:
        month = lex.months[w]
        day = _day_at(tokens, i - 1, hi)  # "27 settembre"
        first = i - 1 if day else i
        last = i
        if day is None and _day_at(tokens, i + 1, hi) and _year_at(tokens, i + 1, hi) is None:
            day, last = int(tokens[i + 1].norm), i + 1  # "September 27"
        year = _year_at(tokens, last + 1, hi)
        if year:
            last += 1
        elif last + 2 < hi and tokens[last + 1].text == "," and _year_at(tokens, last + 2, hi):
            year, last = _year_at(tokens, last + 2, hi), last + 2  # "September 27, 2020"
        elif day is None and not (i > 0 and tokens[i - 1].norm in lex.date_fillers):
            return None  # a bare month word without "in"/"ad": not surely a date ("May" the verb)
        if year is None:
            if article is None:
                return DateMention(first, last, None, "current")
            year = article.date.year
            if (month, day or 1) > (article.date.month, article.date.day if article.precision == "day" else 31):
                year -= 1  # "ad agosto" read in a January article is last August
        if day:
            d = _month_day(year, month, day)
            when = DateRef(d, "day") if d else None
        else:
            when = DateRef(dt.date(year, month, 1), "month")
        if when is None:
            return None
        return DateMention(first, last, when, _relation(when, article, True))
    year = _year_at(tokens, i, hi)
    if year and i > 0 and tokens[i - 1].norm in lex.date_fillers:
        when = DateRef(dt.date(year, 1, 1), "year")
        return DateMention(i, i, when, _relation(when, article, True))
    return None


def _time_ago(tokens, i, hi, lex: Lexicon, article: DateRef | None) -> DateMention | None:
    """'sei giorni prima', 'three weeks ago': another incident, that long before the news."""
    if i + 2 >= hi or tokens[i + 1].norm not in lex.time_units or tokens[i + 2].norm not in lex.earlier_words:
        return None
    t = tokens[i]
    n = int(t.norm) if t.norm.isdigit() else lex.number_words.get(t.norm)
    if not n:
        return None
    when = _shift(article, lex.time_units[tokens[i + 1].norm], -n) if article else None
    return DateMention(i, i + 2, when, "earlier")


def _shift(article: DateRef, unit: str, offset: int) -> DateRef:
    d = article.date
    if unit == "day":
        return DateRef(d + dt.timedelta(days=offset), "day" if article.precision == "day" else article.precision)
    if unit == "week":
        monday = d - dt.timedelta(days=d.weekday())
        return DateRef(monday + dt.timedelta(weeks=offset), "week")
    if unit == "month":
        m = d.month - 1 + offset
        return DateRef(dt.date(d.year + m // 12, m % 12 + 1, 1), "month")
    return DateRef(dt.date(d.year + offset, 1, 1), "year")

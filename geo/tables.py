"""Extractions → pandas DataFrames, the shape every view and export reads.

``incident_places_frame``: one row per (incident, place) that can be put on a
map — the place is an incident-role mention with coordinates. A place named
only as context (a capital standing for its government, a meeting place) never
yields a row. ``claims_frame``: one row per claim, its figure as words.
``articles_frame``: one row per article. Pure functions, no I/O.
"""
from __future__ import annotations

import pandas as pd

from .models import Claim, Extraction, Place
from .textnorm import name_key

INCIDENT_COLUMNS = [
    "incident_id", "article_id", "title", "published", "date", "date_precision",
    "place", "lat", "lon", "precision", "country", "event_type", "claimed_by",
    "attacker", "target", "quote", "start", "end", "place_spans", "place_words",
]
CLAIM_COLUMNS = [
    "claim_id", "article_id", "title", "published", "kind", "count_low", "count_high",
    "qualifier", "figure", "bound", "side", "scope", "claimed_by", "claimed_by_text", "what",
    "places", "date", "quote", "start", "end",
]
ARTICLE_COLUMNS = ["article_id", "title", "published", "language", "outlet", "url", "path",
                   "n_places", "n_incidents", "n_claims"]

_QUALIFIER_WORDS = {"at_least": "at least ", "more_than": "more than ", "at_most": "at most ", "approx": "about "}


def figure_text(claim: Claim) -> str:
    """The claim's number as an analyst writes it: "at least 49", "about 30,000", "12–15", "unspecified"."""
    low, high = claim.count_low, claim.count_high
    if low is None and high is None:
        return "unspecified"
    if low is not None and high is not None and high != low:
        return f"{low:,}–{high:,}"
    n = low if low is not None else high
    return f"{_QUALIFIER_WORDS.get(claim.qualifier, '')}{n:,}"


def other_words(name: str, texts) -> list[str]:
    """The article's words for a place that are not just its canonical name respelt (case, dashes, marks)."""
    key = name_key(name)
    return list(dict.fromkeys(t for t in texts if t and name_key(t) != key))


def place_label(name: str, words=()) -> str:
    """The canonical name, with the article's other words for it: "Khankendi (Stepanakert)"."""
    return f"{name} ({', '.join(words)})" if words else name


def figure_bound(claim: Claim) -> str:
    """How the figure bounds the count: exact, lower bound ("at least"), upper bound, range, approximate, none."""
    low, high = claim.count_low, claim.count_high
    if low is None and high is None:
        return "none"
    if claim.qualifier in ("at_least", "more_than") or (low is not None and high is None):
        return "lower bound"
    if claim.qualifier == "at_most" or low is None:
        return "upper bound"
    if claim.qualifier == "approx":
        return "approximate"
    return "range" if high != low else "exact"


def mappable_places(ex: Extraction) -> dict[str, list[Place]]:
    """Incident-role mentions with coordinates, by canonical name (spans in text order)."""
    out: dict[str, list[Place]] = {}
    for p in sorted(ex.places, key=lambda p: p.start):
        if p.role == "incident" and p.name and p.lat is not None and p.lon is not None:
            out.setdefault(p.name, []).append(p)
    return out


def incident_places_frame(extractions: list[Extraction]) -> pd.DataFrame:
    rows = []
    for ex in extractions:
        a = ex.article
        places = mappable_places(ex)
        for inc in ex.incidents:
            for name in dict.fromkeys(inc.places):
                mentions = places.get(name)
                if not mentions:
                    continue
                p = mentions[0]
                rows.append({
                    "incident_id": inc.id, "article_id": a.id, "title": a.title or a.path or a.id,
                    "published": a.published, "date": inc.date or a.published,
                    "date_precision": inc.date_precision or a.published_precision,
                    "place": name, "lat": float(p.lat), "lon": float(p.lon), "precision": p.precision,
                    "country": p.country, "event_type": inc.event_type, "claimed_by": inc.claimed_by,
                    "attacker": inc.attacker, "target": inc.target, "quote": inc.quote,
                    "start": inc.start, "end": inc.end,
                    "place_spans": [(m.start, m.end) for m in mentions],
                    "place_words": other_words(name, (m.text for m in mentions)),
                })
    return pd.DataFrame(rows, columns=INCIDENT_COLUMNS)


def claims_frame(extractions: list[Extraction]) -> pd.DataFrame:
    rows = []
    for ex in extractions:
        a = ex.article
        for n, c in enumerate(ex.claims):
            rows.append({
                "claim_id": f"{a.id}-c{n}", "article_id": a.id, "title": a.title or a.path or a.id,
                "published": a.published, "kind": c.kind,
                "count_low": c.count_low, "count_high": c.count_high, "qualifier": c.qualifier,
                "figure": figure_text(c), "bound": figure_bound(c), "side": c.side, "scope": c.scope, "claimed_by": c.claimed_by,
                "claimed_by_text": c.claimed_by_text, "what": c.what, "places": list(c.places),
                "date": c.date or a.published, "quote": c.quote, "start": c.start, "end": c.end,
            })
    df = pd.DataFrame(rows, columns=CLAIM_COLUMNS)
    return df.astype({"count_low": "Int64", "count_high": "Int64"})


def articles_frame(extractions: list[Extraction]) -> pd.DataFrame:
    rows = [{
        "article_id": ex.article.id, "title": ex.article.title or ex.article.path or ex.article.id,
        "published": ex.article.published, "language": ex.article.language, "outlet": ex.article.outlet,
        "url": ex.article.url, "path": ex.article.path,
        "n_places": len(mappable_places(ex)), "n_incidents": len(ex.incidents), "n_claims": len(ex.claims),
    } for ex in extractions]
    return pd.DataFrame(rows, columns=ARTICLE_COLUMNS)


def claimants_frame(incidents: pd.DataFrame, claims: pd.DataFrame,
                    side_names: dict[str, str] | None = None) -> pd.DataFrame:
    """One row per claimant: the places it reports, its event types, its figures and whom it blames.

    Figures read "killed Armenia: at least 49" (scope incident only; earlier/background kept out), the
    side by its name in ``side_names`` (id → name; default: the id).
    """
    side_names = side_names or {}
    rows: dict[str, dict] = {}

    def row(src):
        return rows.setdefault(src, {"claimed_by": src, "places": [], "event_types": [], "figures": [],
                                     "blames": [], "n_articles": set()})

    for r in incidents.drop_duplicates(["incident_id", "place"]).itertuples():
        x = row(r.claimed_by)
        x["places"].append(r.place)
        x["event_types"].append(r.event_type)
        if isinstance(r.attacker, str):
            x["blames"].append(r.attacker)
        x["n_articles"].add(r.article_id)
    for r in claims[claims["scope"] == "incident"].itertuples():
        x = row(r.claimed_by)
        what = f" ({r.what})" if isinstance(r.what, str) and r.what else ""
        x["figures"].append(f"{r.kind}{what} {side_names.get(r.side, r.side)}: {r.figure}")
        x["n_articles"].add(r.article_id)
    out = [{**x, **{k: list(dict.fromkeys(x[k])) for k in ("places", "event_types", "figures", "blames")},
            "n_articles": len(x["n_articles"])} for x in rows.values()]
    cols = ["claimed_by", "places", "event_types", "figures", "blames", "n_articles"]
    return pd.DataFrame(sorted(out, key=lambda x: (-x["n_articles"], x["claimed_by"])), columns=cols)

"""Extractions → pandas DataFrames, the shape every view and export reads.

``incident_places_frame``: one row per (incident, place) that can be put on a
map — the place is an incident-role mention with coordinates. A place named
only as context (a capital standing for its government, a meeting place) never
yields a row. ``claims_frame``: one row per claim, its figure as words; ``part_of`` is the
claim_id of the figure a breakdown belongs under ("including 7 women"), and
``mentions`` the (start, end) of the figure's other passages.
``articles_frame``: one row per article. Pure functions, no I/O.
"""
from __future__ import annotations

import functools

import pandas as pd

from geo.models import Claim, Extraction, Place
from geo.store.rows import mentions_from_row
from geo.text.normalize import name_key

INCIDENT_COLUMNS = [
    "incident_id", "article_id", "title", "published", "date", "date_precision",
    "place", "lat", "lon", "precision", "country", "event_type", "claimed_by",
    "attacker", "target", "quote", "start", "end", "place_spans", "place_words",
]
CLAIM_COLUMNS = [
    "claim_id", "article_id", "title", "published", "kind", "count_low", "count_high",
    "qualifier", "figure", "bound", "side", "scope", "claimed_by", "claimed_by_text", "what",
    "places", "date", "quote", "start", "end", "mentions", "part_of",
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


def counted(n: int, noun: str) -> str:
    """"1 event", "2,000 events": a count and its noun, plural but for one (nouns that add an s)."""
    return f"{n:,} {noun}{'s' * (n != 1)}"


def date_text(value) -> str:
    """A date as shown: the ISO text, or "undated" (never "nan" or "None")."""
    return "undated" if value is None or (isinstance(value, float) and pd.isna(value)) or not str(value) else str(value)


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
                "mentions": _spans(c.mentions), "part_of": _parent_id(a.id, c.part_of),
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
    cols = ["claimed_by", "places", "event_types", "figures", "blames", "n_articles"]
    inc = incidents.drop_duplicates(["incident_id", "place"])
    cl = claims[claims["scope"] == "incident"]
    what = cl["what"].map(lambda w: f" ({w})" if isinstance(w, str) and w else "")
    sides = cl["side"].map(lambda v: side_names.get(v, v))
    cl = cl.assign(figures=cl["kind"].astype(str) + what.astype(str) + " " + sides.astype(str) + ": "
                   + cl["figure"].astype(str))

    def values(df: pd.DataFrame, col: str) -> pd.Series:
        """Each claimant's distinct values of ``col``, in the order they first appear."""
        d = df[df[col].notna()].drop_duplicates(["claimed_by", col])
        return d.groupby("claimed_by", sort=False)[col].agg(list)

    articles = pd.concat([inc[["claimed_by", "article_id"]], cl[["claimed_by", "article_id"]]])
    n_articles = articles.drop_duplicates().groupby("claimed_by", sort=False).size()
    out = pd.DataFrame({"n_articles": n_articles})
    for name, df, col in (("places", inc, "place"), ("event_types", inc, "event_type"), ("figures", cl, "figures"),
                          ("blames", inc, "attacker")):
        found = values(df, col).reindex(out.index)
        out[name] = [v if isinstance(v, list) else [] for v in found]
    out = out.rename_axis("claimed_by").reset_index()
    out = out.assign(neg=-out["n_articles"]).sort_values(["neg", "claimed_by"], kind="stable")
    return out[cols].reset_index(drop=True)


# -- the same frames from the store's SQL frames (geo.store), without loading any extraction ------------


def _title(titles, paths, ids) -> list[str]:
    """The title, else the path, else the id: a title the store has as NULL reads back as NaN, which is truthy."""
    return [next((v for v in (t, p) if isinstance(v, str) and v), i) for t, p, i in zip(titles, paths, ids)]


def _or(values, fallbacks) -> list:
    return [v if isinstance(v, str) and v else f for v, f in zip(values, fallbacks)]


def incidents_from_rows(links: pd.DataFrame, mentions: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """incident_places_frame's rows from Store.incident_places_frame (``links``), Store.places_frame of the
    incident-role mentions (``mentions``) and Store.articles_frame (``articles``), in the store's order."""
    if links.empty:
        return pd.DataFrame(columns=INCIDENT_COLUMNS)
    m = mentions[mentions["name"].notna() & mentions["lat"].notna() & mentions["lon"].notna()
                 & (mentions["role"] == "incident")]
    m = m.sort_values(["article_id", "start", "seq"], kind="stable")
    places: dict[tuple[str, str], list] = {}  # (article, name) → mappable_places' mentions, in text order
    cols = [m[c].tolist() for c in ("article_id", "name", "lat", "lon", "precision", "country", "start", "end", "text")]
    for aid, name, *row in zip(*cols):
        places.setdefault((aid, name), []).append(row)
    links = links.drop_duplicates(["article_id", "incident_seq", "place"])
    keys = list(zip(links["article_id"].tolist(), links["place"].tolist()))
    keep = [k in places for k in keys]
    d = links[keep].reset_index(drop=True)
    keys = [k for k, kept in zip(keys, keep) if kept]
    first = [places[k][0] for k in keys]
    words = functools.cache(other_words)  # the same few spellings recur in thousands of articles
    a = articles.set_index("id")
    published_precision = a["published_precision"].reindex(d["article_id"]).tolist()
    path = a["path"].reindex(d["article_id"]).tolist()
    out = pd.DataFrame({
        "incident_id": d["incident_id"], "article_id": d["article_id"],
        "title": _title(d["title"], path, d["article_id"]), "published": d["published"],
        "date": _or(d["date"], d["published"]), "date_precision": _or(d["date_precision"], published_precision),
        "place": d["place"], "lat": [float(p[0]) for p in first], "lon": [float(p[1]) for p in first],
        "precision": [p[2] for p in first], "country": [p[3] for p in first],
        "event_type": d["event_type"], "claimed_by": d["claimed_by"], "attacker": d["attacker"],
        "target": d["target"], "quote": d["quote"], "start": d["start"], "end": d["end"],
        "place_spans": [[(p[4], p[5]) for p in places[k]] for k in keys],
        "place_words": [words(k[1], tuple(p[6] for p in places[k])) for k in keys],
    }, columns=INCIDENT_COLUMNS)
    return out.astype({"start": "int64", "end": "int64"})


def claims_from_rows(claims: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """claims_frame's rows from Store.claims_frame and Store.articles_frame, in the store's order."""
    if claims.empty:
        return pd.DataFrame(columns=CLAIM_COLUMNS).astype({"count_low": "Int64", "count_high": "Int64"})
    low = claims["count_low"].astype("Int64")
    high = claims["count_high"].astype("Int64")
    numbers = list(zip(low.astype(object).where(low.notna(), None), high.astype(object).where(high.notna(), None),
                       claims["qualifier"].tolist()))
    words = {n: (figure_text(c), figure_bound(c)) for n in set(numbers) for c in [Claim(
        kind="", count_low=n[0], count_high=n[1], qualifier=n[2], side="", scope="", claimed_by="",
        claimed_by_text=None, quote="", start=0, end=0)]}
    path = articles.set_index("id")["path"].reindex(claims["article_id"]).tolist()
    out = pd.DataFrame({
        "claim_id": [f"{a}-c{s}" for a, s in zip(claims["article_id"], claims["seq"])],
        "article_id": claims["article_id"], "title": _title(claims["title"], path, claims["article_id"]),
        "published": claims["published"], "kind": claims["kind"], "count_low": low, "count_high": high,
        "qualifier": claims["qualifier"], "figure": [words[n][0] for n in numbers],
        "bound": [words[n][1] for n in numbers], "side": claims["side"], "scope": claims["scope"],
        "claimed_by": claims["claimed_by"], "claimed_by_text": claims["claimed_by_text"], "what": claims["what"],
        "places": claims["places"], "date": _or(claims["date"], claims["published"]), "quote": claims["quote"],
        "start": claims["start"], "end": claims["end"],
        "mentions": [_spans(mentions_from_row(m if isinstance(m, str) else None)) for m in claims["mentions"]],
        "part_of": [_parent_id(a, None if pd.isna(p) else int(p)) for a, p in zip(claims["article_id"], claims["part_of"])],
    }, columns=CLAIM_COLUMNS)
    return out


def _spans(mentions) -> list[tuple[int, int]]:
    return [(m["start"], m["end"]) for m in mentions or ()]


def _parent_id(article_id: str, part_of: int | None) -> str | None:
    """The claim_id of the figure a breakdown belongs under."""
    return None if part_of is None else f"{article_id}-c{part_of}"


def articles_from_rows(articles: pd.DataFrame, incidents: pd.DataFrame, claims: pd.DataFrame,
                       mentions: pd.DataFrame) -> pd.DataFrame:
    """articles_frame's rows from Store.articles_frame, the store's incident and claim rows (as above) and its
    incident-role mentions; n_incidents counts the incidents that name a place."""
    if articles.empty:
        return pd.DataFrame(columns=ARTICLE_COLUMNS)
    m = mentions[mentions["name"].notna() & mentions["lat"].notna() & mentions["lon"].notna()
                 & (mentions["role"] == "incident")]
    ids = articles["id"]
    out = pd.DataFrame({
        "article_id": ids, "title": _title(articles["title"], articles["path"], ids),
        "published": articles["published"], "language": articles["language"], "outlet": articles["outlet"],
        "url": articles["url"], "path": articles["path"],
        "n_places": m.drop_duplicates(["article_id", "name"])["article_id"].value_counts().reindex(ids, fill_value=0).to_numpy(),
        "n_incidents": incidents.drop_duplicates(["article_id", "incident_seq"])["article_id"].value_counts()
        .reindex(ids, fill_value=0).to_numpy(),
        "n_claims": claims["article_id"].value_counts().reindex(ids, fill_value=0).to_numpy(),
    }, columns=ARTICLE_COLUMNS)
    return out

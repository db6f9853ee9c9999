"""Scoring extractions against gold annotations (tests/fixtures/gold_seeds.yaml format).

Pure functions over plain dicts: the predictions are the objects that
``python -m geo extract --json`` prints (docs/extraction-contract.md), the gold is the loaded
YAML. An extraction is matched to its gold entry by file name (the basename of
``article.path``); gold articles without an extraction are listed as not run,
not counted as misses, so that scoring a subset of the corpus is meaningful.

Rules, kept simple on purpose:

Incident places
  Only predicted places with ``role == "incident"`` and coordinates count.
  A gold incident place is *found* when some such prediction lies within its
  ``tolerance_km``; a prediction that lies within the tolerance of no gold
  incident place is a *false positive* (predictions are deduplicated by their
  canonical name, else their rounded coordinates). tp = gold places found,
  so precision = found / (found + false positives). A town inside a gold
  province's tolerance therefore also finds the province.
  A *violation* is a predicted incident place whose text or name equals, once
  case and diacritics are folded, a toponym of the article's ``not_incident``
  list (or an alias of it, when that toponym is also a key of ``places``).
  Violations are matched by surface only, never by distance: a not_incident
  region (Nagorno-Karabakh) must not condemn the towns inside it.

Claims
  A prediction can match a gold claim of the same kind whose count agrees:
  ``N`` needs count_low == count_high == N (qualifier not approx);
  ``{low: N}`` needs count_low == N and no count_high; ``{approx: N}`` needs
  count_low == N and qualifier approx; ``{low: N, high: M}`` (a word for a
  range, "dozens") needs count_low == N and count_high == M; ``null`` needs
  count_low null.
  Pairs are taken greedily, one-to-one, preferring those whose quotes
  overlap (by offsets when the article body is known, else by one quote
  containing the other), then those agreeing on more of side, scope and
  claimed_by. Of the matched pairs, side, scope and claimed_by are compared
  exactly and ``what`` (materiel only) loosely, by shared content words.

Breakdowns
  A gold claim with ``part_of: K`` breaks down the article's gold claim K
  ("including 7 women"). Of the matched pairs where gold or prediction is a
  breakdown, ``part_of`` is right when both are and the prediction's parent
  is the prediction matched to the gold parent.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import PurePath
from typing import Any

import yaml

from geo.errors import GeoError
from geo.geometry import geodesic_km

ATTRIBUTES = ("side", "scope", "claimed_by", "what", "part_of")

# Azerbaijani letters that Unicode does not decompose into Latin ones.
_EXTRA_FOLD = str.maketrans({"ə": "a", "ı": "i", "’": "'", "‘": "'", "`": "'"})
# Words too common among materiel names to show that two name the same thing.
_WHAT_STOPWORDS = frozenset(
    "a an and of the other more enemy military system systems unit units piece pieces".split()
)
_WHAT_SYNONYMS = (("anti-aircraft", "air-defense"), ("air defence", "air-defense"), ("air-defence", "air-defense"),
                  ("air defense", "air-defense"), ("warplane", "aircraft"), ("plane", "aircraft"),
                  ("armored", "armoured"), ("uav", "drone"), ("howitzer", "artillery"))


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        denominator = 2 * self.tp + self.fp + self.fn
        return 2 * self.tp / denominator if denominator else None

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn,
                "precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass
class Accuracy:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        return self.right / self.total if self.total else None

    def add(self, other: "Accuracy") -> None:
        self.right += other.right
        self.total += other.total

    def to_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, "accuracy": self.value}


@dataclass
class ArticleScore:
    file: str
    places: PRF = field(default_factory=PRF)
    place_misses: list[str] = field(default_factory=list)  # gold place names not found
    place_false_positives: list[dict[str, Any]] = field(default_factory=list)
    violations: list[dict[str, Any]] = field(default_factory=list)  # incident markers on not_incident toponyms
    claims: PRF = field(default_factory=PRF)
    claim_misses: list[dict[str, Any]] = field(default_factory=list)  # gold claims not matched
    claim_false_positives: list[dict[str, Any]] = field(default_factory=list)
    attribute_errors: list[dict[str, Any]] = field(default_factory=list)  # matched pairs that disagree
    attributes: dict[str, Accuracy] = field(default_factory=lambda: {a: Accuracy() for a in ATTRIBUTES})
    published_right: bool | None = None

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["places"] = self.places.to_dict()
        d["claims"] = self.claims.to_dict()
        d["attributes"] = {k: v.to_dict() for k, v in self.attributes.items()}
        return d


@dataclass
class Report:
    articles: list[ArticleScore]
    not_run: list[str]  # gold files without an extraction
    ungraded: list[str]  # extractions of files the gold does not annotate
    places: PRF = field(default_factory=PRF)
    claims: PRF = field(default_factory=PRF)
    violations: int = 0
    attributes: dict[str, Accuracy] = field(default_factory=lambda: {a: Accuracy() for a in ATTRIBUTES})
    published: Accuracy = field(default_factory=Accuracy)

    def to_dict(self) -> dict[str, Any]:
        return {
            "places": self.places.to_dict(),
            "claims": self.claims.to_dict(),
            "violations": self.violations,
            "attributes": {k: v.to_dict() for k, v in self.attributes.items()},
            "published": self.published.to_dict(),
            "not_run": list(self.not_run),
            "ungraded": list(self.ungraded),
            "articles": [a.to_dict() for a in self.articles],
        }


class GoldError(GeoError, ValueError):
    """A gold file that cannot be used; the message names the file and the problem."""


def load_gold(path: str | PurePath) -> dict[str, Any]:
    """Read and check a gold YAML file (the edge: the rest of this module is pure)."""
    try:
        with open(path, encoding="utf-8") as f:
            gold = yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        raise GoldError(f"{path}: {e}") from None
    if not isinstance(gold, dict) or not isinstance(gold.get("articles"), list):
        raise GoldError(f"{path}: expected a mapping with an 'articles' list")
    places = gold.get("places") or {}
    for name, p in places.items():
        if not isinstance(p, dict) or any(not isinstance(p.get(k), (int, float)) for k in ("lat", "lon", "tolerance_km")):
            raise GoldError(f"{path}: place {name!r} needs numeric lat, lon and tolerance_km")
    for a in gold["articles"]:
        if not isinstance(a, dict) or not a.get("file"):
            raise GoldError(f"{path}: every article needs a 'file'")
        for name in a.get("incident_places") or []:
            if name not in places:
                raise GoldError(f"{path}: {a['file']}: incident place {name!r} is not among the places")
        claims = a.get("claims") or []
        for c in claims:
            try:
                gold_count(c.get("count"))
            except ValueError as e:
                raise GoldError(f"{path}: {a['file']}: {e}") from None
            parent = c.get("part_of")
            if parent is not None and not (type(parent) is int and 0 <= parent < len(claims) and claims[parent] is not c):
                raise GoldError(f"{path}: {a['file']}: part_of {parent!r} is not the index of another claim of the article")
    return gold


# --- small pure helpers -----------------------------------------------------

def fold(text: str | None) -> str:
    """Case-, diacritic- and apostrophe-insensitive form of a toponym."""
    if not text:
        return ""
    t = unicodedata.normalize("NFKD", text.casefold().translate(_EXTRA_FOLD))
    t = "".join(c for c in t if not unicodedata.combining(c))
    return re.sub(r"\s+", " ", t).strip()


def gold_count(count: Any) -> tuple[str, Any]:
    """('exact'|'low'|'approx'|'none', N) or ('range', (N, M)) from a gold count."""
    if count is None:
        return "none", None
    if isinstance(count, bool):
        raise ValueError(f"bad gold count {count!r}")
    if isinstance(count, int):
        return "exact", count
    if isinstance(count, dict) and len(count) == 1:
        (key, n), = count.items()
        if key in ("low", "approx") and isinstance(n, int):
            return key, n
    if isinstance(count, dict) and set(count) == {"low", "high"} and all(type(v) is int for v in count.values()):
        return "range", (count["low"], count["high"])
    raise ValueError(f"bad gold count {count!r}: expected N, {{low: N}}, {{approx: N}}, {{low: N, high: M}} or null")


def count_matches(gold: Any, pred: dict[str, Any]) -> bool:
    kind, n = gold_count(gold)
    low, high, qual = pred.get("count_low"), pred.get("count_high"), pred.get("qualifier")
    if kind == "none":
        return low is None
    if kind == "exact":
        return low == n and high == n and qual != "approx"
    if kind == "low":
        return low == n and high is None
    if kind == "range":
        return (low, high) == n
    return low == n and qual == "approx"


def count_text(gold: Any) -> str:
    kind, n = gold_count(gold)
    if kind == "range":
        return f"{n[0]}–{n[1]}"
    return {"none": "?", "exact": f"{n}", "low": f"≥{n}", "approx": f"~{n}"}[kind]


def _what_words(what: str) -> set[str]:
    t = fold(what)
    for a, b in _WHAT_SYNONYMS:
        t = t.replace(a, b)
    words = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)*", t)
    return {w[:-1] if w.endswith("s") and len(w) > 3 else w for w in words} - _WHAT_STOPWORDS


def what_matches(gold: str, pred: str | None) -> bool:
    """Loose: the two names share a content word ("drones" ~ "drone", "T-72 tanks" ~ "tanks")."""
    return bool(pred) and bool(_what_words(gold) & _what_words(pred))


def _spans_overlap(a: tuple[int, int] | None, b: tuple[int, int] | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _quotes_overlap(gold_quote: str, pred: dict[str, Any], body: str | None) -> bool:
    pred_quote = pred.get("quote") or ""
    if body is not None and isinstance(pred.get("start"), int) and isinstance(pred.get("end"), int):
        pred_span = (pred["start"], pred["end"])
        at = body.find(gold_quote)
        while at >= 0:  # the same words may recur: any occurrence will do
            if _spans_overlap((at, at + len(gold_quote)), pred_span):
                return True
            at = body.find(gold_quote, at + 1)
        return False
    return bool(pred_quote) and (gold_quote in pred_quote or pred_quote in gold_quote)


def file_key(path: str | None) -> str:
    return PurePath(path or "").name


# --- places -----------------------------------------------------------------

def _not_incident_names(toponyms: list[str], places: dict[str, dict]) -> set[str]:
    names = set()
    for t in toponyms:
        names.add(fold(t))
        names.update(fold(a) for a in (places.get(t) or {}).get("aliases", []))
    return names


def score_places(pred_places: list[dict], gold_article: dict, places: dict[str, dict], out: ArticleScore) -> None:
    incident = [p for p in pred_places if p.get("role") == "incident"]
    banned = _not_incident_names(gold_article.get("not_incident") or [], places)
    for p in incident:
        if fold(p.get("text")) in banned or fold(p.get("name")) in banned:
            out.violations.append({"text": p.get("text"), "name": p.get("name"), "start": p.get("start")})

    gold_names = list(gold_article.get("incident_places") or [])
    for name in gold_names:
        if name not in places:
            raise ValueError(f"{out.file}: incident place {name!r} is not in the gold file's places")
    found: set[str] = set()
    false_pos: dict[Any, dict] = {}
    for p in incident:
        if p.get("lat") is None or p.get("lon") is None:
            continue  # not on the map: neither right nor wrong here
        hits = [g for g in gold_names
                if geodesic_km(p["lat"], p["lon"], places[g]["lat"], places[g]["lon"]) <= places[g]["tolerance_km"]]
        if hits:
            found.update(hits)
        else:
            key = p.get("name") or (round(p["lat"], 2), round(p["lon"], 2))
            false_pos.setdefault(key, {"text": p.get("text"), "name": p.get("name"),
                                       "lat": p["lat"], "lon": p["lon"]})
    out.places = PRF(tp=len(found), fp=len(false_pos), fn=len(gold_names) - len(found))
    out.place_misses = [g for g in gold_names if g not in found]
    out.place_false_positives = list(false_pos.values())


# --- claims -----------------------------------------------------------------

def _claim_summary(c: dict[str, Any], gold: bool) -> dict[str, Any]:
    keys = ("kind", "count", "side", "scope", "claimed_by", "what", "quote") if gold else \
        ("kind", "count_low", "count_high", "qualifier", "side", "scope", "claimed_by", "what", "quote", "start")
    return {k: c.get(k) for k in keys if k in c}


def match_claims(gold_claims: list[dict], pred_claims: list[dict], body: str | None = None) -> list[tuple[int, int]]:
    """Greedy one-to-one (gold index, prediction index) pairs, best first."""
    candidates = []
    for i, g in enumerate(gold_claims):
        for j, p in enumerate(pred_claims):
            if g.get("kind") != p.get("kind") or not count_matches(g.get("count"), p):
                continue
            overlap = _quotes_overlap(g.get("quote") or "", p, body)
            agree = sum(g.get(a) == p.get(a) for a in ("side", "scope", "claimed_by"))
            candidates.append((-int(overlap), -agree, i, j))
    pairs, used_g, used_p = [], set(), set()
    for _, _, i, j in sorted(candidates):
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def score_claims(pred_claims: list[dict], gold_article: dict, out: ArticleScore, body: str | None = None) -> None:
    gold_claims = list(gold_article.get("claims") or [])
    pairs = match_claims(gold_claims, pred_claims, body)
    matched_g = {i for i, _ in pairs}
    matched_p = {j for _, j in pairs}
    out.claims = PRF(tp=len(pairs), fp=len(pred_claims) - len(pairs), fn=len(gold_claims) - len(pairs))
    out.claim_misses = [_claim_summary(g, True) for i, g in enumerate(gold_claims) if i not in matched_g]
    out.claim_false_positives = [_claim_summary(p, False) for j, p in enumerate(pred_claims) if j not in matched_p]
    pred_of = dict(pairs)  # gold index -> its prediction
    for i, j in pairs:
        g, p = gold_claims[i], pred_claims[j]
        for attr in ATTRIBUTES:
            if attr == "what":
                if g.get("kind") != "materiel" or not g.get("what"):
                    continue
                right = what_matches(g["what"], p.get("what"))
            elif attr == "part_of":
                if g.get("part_of") is None and p.get("part_of") is None:
                    continue  # a figure of its own on both sides: not a breakdown to judge
                right = g.get("part_of") is not None and p.get("part_of") is not None \
                    and pred_of.get(g["part_of"]) == p["part_of"]
            else:
                right = g.get(attr) == p.get(attr)
            out.attributes[attr].total += 1
            out.attributes[attr].right += right
            if not right:
                out.attribute_errors.append({"attribute": attr, "gold": g.get(attr), "predicted": p.get(attr),
                                             "kind": g.get("kind"), "count": count_text(g.get("count")),
                                             "quote": g.get("quote")})


# --- the whole ----------------------------------------------------------------

def _published_date(gold_article: dict) -> str | None:
    pub = gold_article.get("published")
    date = pub.get("date") if isinstance(pub, dict) else pub
    if date is None:
        return None
    return date.isoformat() if hasattr(date, "isoformat") else str(date)


def score_article(extraction: dict, gold_article: dict, places: dict[str, dict], body: str | None = None) -> ArticleScore:
    out = ArticleScore(file=gold_article["file"])
    score_places(extraction.get("places") or [], gold_article, places, out)
    score_claims(extraction.get("claims") or [], gold_article, out, body)
    want = _published_date(gold_article)
    if want is not None:
        out.published_right = (extraction.get("article") or {}).get("published") == want
    return out


def score(extractions: list[dict], gold: dict, bodies: dict[str, str] | None = None) -> Report:
    """Score extraction dicts against a loaded gold file.

    ``bodies`` maps file names to article bodies; with them, quote overlap is
    judged by offsets, without them by the quotes' text.
    """
    places = gold.get("places") or {}
    by_file = {}
    for a in gold.get("articles") or []:
        by_file[a["file"]] = a
    seen: dict[str, dict] = {}
    ungraded = []
    for e in extractions:
        key = file_key((e.get("article") or {}).get("path"))
        if key in by_file:
            seen.setdefault(key, e)
        else:
            ungraded.append(key)
    report = Report(articles=[], not_run=[f for f in by_file if f not in seen], ungraded=ungraded)
    for f, gold_article in by_file.items():
        if f not in seen:
            continue
        a = score_article(seen[f], gold_article, places, (bodies or {}).get(f))
        report.articles.append(a)
        report.places.add(a.places)
        report.claims.add(a.claims)
        report.violations += len(a.violations)
        for k in ATTRIBUTES:
            report.attributes[k].add(a.attributes[k])
        if a.published_right is not None:
            report.published.add(Accuracy(right=int(a.published_right), total=1))
    return report


# --- presentation -------------------------------------------------------------

def _pct(x: float | None) -> str:
    return "  -  " if x is None else f"{100 * x:5.1f}"


def format_report(report: Report, details: bool = True) -> str:
    """A readable table: totals, then per article its scores and what went wrong."""
    lines = [f"{'':24} {'P':>5} {'R':>5} {'F1':>5}   tp  fp  fn"]
    for label, prf in (("incident places", report.places), ("claims", report.claims)):
        lines.append(f"{label:24} {_pct(prf.precision)} {_pct(prf.recall)} {_pct(prf.f1)}"
                     f"  {prf.tp:3} {prf.fp:3} {prf.fn:3}")
    lines.append(f"not_incident violations: {report.violations}")
    for k, acc in report.attributes.items():
        lines.append(f"matched claims, {k:10}: {_pct(acc.value)} % ({acc.right}/{acc.total})")
    lines.append(f"published date           : {_pct(report.published.value)} % "
                 f"({report.published.right}/{report.published.total})")
    if report.not_run:
        lines.append(f"not run ({len(report.not_run)}): {', '.join(report.not_run)}")
    if report.ungraded:
        lines.append(f"not in the gold ({len(report.ungraded)}): {', '.join(report.ungraded)}")
    lines.append("")
    lines.append(f"{'article':44} {'places P/R':>12} {'claims P/R':>12} viol")
    for a in report.articles:
        lines.append(f"{a.file[:44]:44} {_pct(a.places.precision)}/{_pct(a.places.recall)}"
                     f" {_pct(a.claims.precision)}/{_pct(a.claims.recall)} {len(a.violations):4}")
        if not details:
            continue
        for g in a.place_misses:
            lines.append(f"    missed place: {g}")
        for p in a.place_false_positives:
            lines.append(f"    wrong place: {p['text']!r} -> {p['name']} ({p['lat']:.3f}, {p['lon']:.3f})")
        for v in a.violations:
            lines.append(f"    not_incident marked as incident: {v['text']!r} ({v['name']})")
        for c in a.claim_misses:
            lines.append(f"    missed claim: {c.get('kind')} {count_text(c.get('count'))} {c.get('side')}"
                         f" {c.get('scope')} by {c.get('claimed_by')}: {c.get('quote')!r}")
        for c in a.claim_false_positives:
            lines.append(f"    extra claim: {c.get('kind')} {c.get('count_low')}/{c.get('count_high')}"
                         f" {c.get('qualifier')} {c.get('side')}: {c.get('quote')!r}")
        for e in a.attribute_errors:
            lines.append(f"    {e['attribute']}: gold {e['gold']!r}, got {e['predicted']!r}"
                         f" ({e['kind']} {e['count']}: {e['quote']!r})")
    return "\n".join(lines)

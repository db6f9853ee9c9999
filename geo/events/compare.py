"""Each source's account of an event side by side, and where the accounts clash.

Columns are claimants (the ``claimed_by`` of incidents and claims); rows are
where, what, blame and one row per figure (side + kind, + what for materiel).
Every cell carries the passages it comes from.

Contradictions, each naming the passages of both sides:

* figures: two claimants give figures for the same side + kind (+ what) and
  the same scope — the event's total or one place's toll
  (geo.events.ranges.claim_scope) — that cannot both be true (see
  geo.events.ranges.consistent: "at least 49" and 50 can; 2 and 1 helicopters
  cannot; 49 dead on the 13th and 105 on the 14th can); or a part says more
  than another claimant's total allows. 3 dead at Kapan are part of an event
  of 49, not a contradiction of it;
* blame: two claimants name different attackers;
* location: two claimants speaking for opposite parties place their incidents
  in different countries with no place in common (each side reporting the
  attack on its own side of the border).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from geo.events.grouping import Event, Member, Ref, event_types
from geo.events.ranges import Figure, consistent, exceeds_total, figures
from geo.knowledge.files import Conflict, Knowledge, default_knowledge

NEUTRAL_OR_UNKNOWN = ("third", "media", None)


@dataclass
class Cell:
    text: str
    refs: list[Ref] = field(default_factory=list)


@dataclass
class Row:
    key: tuple  # ("where",) ("what",) ("blame",) or ("figure", side, kind, what)
    label: str
    cells: dict[str, Cell]


@dataclass
class Table:
    event_id: str
    sources: list[str]  # column order
    rows: list[Row]

    def to_records(self) -> list[dict[str, str]]:
        """Plain rows (label + one text per source) for a data frame."""
        return [{"row": r.label, **{s: r.cells[s].text if s in r.cells else "" for s in self.sources}}
                for r in self.rows]


@dataclass
class Contradiction:
    kind: str  # figures | blame | location
    subject: str  # what they disagree on, in words
    source_a: str
    source_b: str
    says_a: str
    says_b: str
    refs_a: list[Ref]
    refs_b: list[Ref]

    def to_dict(self) -> dict:
        return {"kind": self.kind, "subject": self.subject, "source_a": self.source_a, "source_b": self.source_b,
                "says_a": self.says_a, "says_b": self.says_b,
                "refs_a": [r.to_dict() for r in self.refs_a], "refs_b": [r.to_dict() for r in self.refs_b]}


def _conflict(knowledge: Knowledge | None) -> Conflict:
    return (knowledge or default_knowledge()).conflict


def side_name(conflict: Conflict, side: str | None) -> str:
    s = conflict.sides.get(side or "")
    return s.name if s else (side or "?")


def figure_label(conflict: Conflict, side: str, kind: str, what: str | None, scope: str = "") -> str:
    """"killed — Armenia", "materiel (helicopter) — Azerbaijan", "killed — Armenia, at Kapan"."""
    return f"{kind}{f' ({what})' if what else ''} — {side_name(conflict, side)}{f', {scope}' if scope else ''}"


def event_sources(event: Event, conflict: Conflict) -> list[str]:
    """Claimants of an event: sides' parties in conflict-file order, then third parties, media, unknown."""
    found = {m.incident.claimed_by for m in event.members} | {r.claim.claimed_by for r in event.claims}
    parties = list(conflict.sides) + ["third", "media"]

    def order(src: str):
        party = conflict.source_party(src)
        return (parties.index(party) if party in parties else len(parties), src)

    return sorted(found, key=order)


def _by_source(members: list[Member]) -> dict[str, list[Member]]:
    out: dict[str, list[Member]] = {}
    for m in members:
        out.setdefault(m.incident.claimed_by, []).append(m)
    return out


def _blame_text(conflict: Conflict, m: Member) -> str:
    a, t = m.incident.attacker, m.incident.target
    return f"{side_name(conflict, a) if a else '?'} → {side_name(conflict, t) if t else '?'}"


def side_by_side(event: Event, knowledge: Knowledge | None = None) -> Table:
    conflict = _conflict(knowledge)
    labels = event_types(knowledge)
    sources = event_sources(event, conflict)
    per_source = _by_source(event.members)
    rows = []

    def member_row(key, label, text_of, keep=lambda m: True):
        cells = {}
        for src, ms in per_source.items():
            ms = [m for m in ms if keep(m)]
            if ms:
                texts = list(dict.fromkeys(t for m in ms for t in text_of(m)))
                cells[src] = Cell(", ".join(texts), [m.ref for m in ms])
        if cells:
            rows.append(Row(key, label, cells))

    member_row(("where",), "where", lambda m: [p.name for p in m.places])
    member_row(("what",), "what",
               lambda m: [labels[m.incident.event_type].label if m.incident.event_type in labels
                          else m.incident.event_type])
    member_row(("blame",), "blame (attacker → target)", lambda m: [_blame_text(conflict, m)],
               keep=lambda m: bool(m.incident.attacker or m.incident.target))

    # One row per side + kind (+ what) and scope: a place's toll sits under the event's total, not beside it.
    by_key: dict[tuple, list[Figure]] = {}
    for f in figures(event.claims, event):
        by_key.setdefault((*f.key, f.scope_text), []).append(f)
    for key in sorted(by_key, key=lambda k: (k[0], k[1], k[2] or "", k[3])):
        cells = {}
        for f in by_key[key]:
            cell = cells.setdefault(f.source, Cell(""))
            cell.text = f"{cell.text}; {f.text}" if cell.text else f.text
            cell.refs.extend(r.ref for r in f.refs)
        rows.append(Row(("figure", *key), figure_label(conflict, *key), cells))
    return Table(event.id, sources, rows)


def _comparable(a: Figure, b: Figure) -> bool:
    """Whether two claimants' figures count the same losses: same side + kind (+ what) and same scope."""
    return a.key == b.key and a.scope == b.scope and a.source != b.source


def contradictions(event: Event, knowledge: Knowledge | None = None) -> list[Contradiction]:
    conflict = _conflict(knowledge)
    out = []
    figs = [f for f in figures(event.claims, event) if f.numeric]
    for a, b in itertools.combinations(figs, 2):
        if _comparable(a, b) and not consistent(a, b):
            a, b = sorted((a, b), key=lambda f: f.source)
        elif a.source != b.source and (exceeds_total(a, b) or exceeds_total(b, a)):
            a, b = (a, b) if exceeds_total(a, b) else (b, a)  # the part first: its row is flagged
        else:
            continue
        out.append(Contradiction("figures", figure_label(conflict, *a.key, a.scope_text), a.source, b.source,
                                 a.text, b.text if b.total else f"{b.text} ({b.scope_text})",
                                 [r.ref for r in a.refs], [r.ref for r in b.refs]))

    # One blame clash per pair of claimants and attackers, with every passage of each.
    blamed: dict[tuple[str, str], list[Member]] = {}
    for m in sorted(event.members, key=lambda m: m.key):
        if m.incident.attacker not in (None, "unspecified"):
            blamed.setdefault((m.incident.claimed_by, m.incident.attacker), []).append(m)
    for (sa, aa), (sb, ab) in itertools.combinations(sorted(blamed), 2):
        if sa != sb and aa != ab:
            out.append(Contradiction("blame", "who attacked", sa, sb,
                                     f"{side_name(conflict, aa)} attacked", f"{side_name(conflict, ab)} attacked",
                                     [m.ref for m in blamed[sa, aa]], [m.ref for m in blamed[sb, ab]]))

    per_source = _by_source(event.members)
    for sa, sb in itertools.combinations(sorted(per_source), 2):
        pa, pb = conflict.source_party(sa), conflict.source_party(sb)
        if pa in NEUTRAL_OR_UNKNOWN or pb in NEUTRAL_OR_UNKNOWN or pa == pb:
            continue
        places_a = {p.name: p for m in per_source[sa] for p in m.places}
        places_b = {p.name: p for m in per_source[sb] for p in m.places}
        countries_a = {p.country for p in places_a.values() if p.country}
        countries_b = {p.country for p in places_b.values() if p.country}
        if countries_a and countries_b and not countries_a & countries_b and not places_a.keys() & places_b.keys():
            out.append(Contradiction(
                "location", "where it happened", sa, sb,
                f"{', '.join(places_a)} ({', '.join(sorted(countries_a))})",
                f"{', '.join(places_b)} ({', '.join(sorted(countries_b))})",
                [m.ref for m in per_source[sa]], [m.ref for m in per_source[sb]]))
    return out


def figure_agreement(event: Event) -> list[tuple[Figure, str]]:
    """Each numeric figure with agree | contradict | uncorroborated against other claimants' figures."""
    figs = [f for f in figures(event.claims, event) if f.numeric]
    out = []
    for f in figs:
        others = [g for g in figs if _comparable(f, g)]
        if not others:
            status = "uncorroborated"
        elif all(consistent(f, g) for g in others):
            status = "agree"
        else:
            status = "contradict"
        out.append((f, status))
    return out

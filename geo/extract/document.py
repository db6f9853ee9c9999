"""One article, analysed once: tokens, sentences, dates, time scope, claimants.

The claim and incident extractors read this shared analysis instead of each
re-reading the text.
"""
from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from geo.extract.attribution import Attributor
from geo.extract.dates import DateMention, DateRef, find_dates, parse_iso
from geo.knowledge.lexicon import Lexicon
from geo.text.tokens import Span, Token, bounded, clauses, sentences, tokenize

# Scope of a sentence: the article's own news, an earlier dated incident, or background.
CURRENT, EARLIER, BACKGROUND = "current", "earlier", "background"
# Longer sentences are read in pieces of this many tokens (the test and dev corpora's longest has 74): the work
# per sentence grows faster than its length, and must stay bounded whatever the text.
MAX_SENTENCE_TOKENS = 250
# "since the start of the fighting": the words after a since-word that are read for it ("desde el inicio de los
# combates" reaches six), and how close the first of the two must stand (a since-word governs it).
SINCE_REACH, SINCE_NEAR = 6, 3
# "the deadliest clash since ...", "le plus meurtrier depuis": how far before a since-word a superlative may stand.
SUPERLATIVE_REACH = 4
COMPARED_DATE_REACH = 5  # and how far before its date ("depuis la guerre de 2020")


@dataclass
class SentenceInfo:
    span: Span
    clauses: list[Span]
    dates: list[DateMention]  # the dates of its events (not those it only compares them with)
    relation: str  # current | earlier | background
    date: DateRef | None  # the date its events happened, best known
    compared: list[DateMention] = field(default_factory=list)  # "the deadliest since the 2020 war": 2020


@dataclass
class Document:
    body: str
    lex: Lexicon
    published: DateRef | None
    tokens: list[Token] = field(default_factory=list)
    news_date: DateRef | None = None
    sents: list[SentenceInfo] = field(default_factory=list)
    attributor: Attributor | None = None

    def text(self, lo: int, hi: int) -> str:
        """Text of tokens lo..hi inclusive."""
        return self.body[self.tokens[lo].start:self.tokens[hi].end]

    def sentence_of(self, k: int) -> int:
        """The sentence that holds token k (sentences are contiguous and in order: bisection)."""
        i = bisect_right(self.sents, k, key=lambda s: s.span.lo) - 1
        if i < 0 or k >= self.sents[i].span.hi:
            raise IndexError(k)
        return i

    def clause_of(self, s: int, k: int) -> Span:
        for c in self.sents[s].clauses:
            if c.lo <= k < c.hi:
                return c
        return self.sents[s].span


def analyse(body: str, lex: Lexicon, published_iso: str | None) -> Document:
    doc = Document(body, lex, parse_iso(published_iso))
    doc.tokens = tokenize(body, lex.word_norm)
    spans = bounded(sentences(body, doc.tokens, lex.abbreviations), doc.tokens, MAX_SENTENCE_TOKENS)
    all_dates = [find_dates(doc.tokens, sp.lo, sp.hi, lex, doc.published) for sp in spans]
    # The day the article's news happened ("martedì" in a Wednesday paper), for
    # sentences that give no date of their own.
    doc.news_date = next((d.ref for dates in all_dates for d in dates
                          if d.relation == CURRENT and d.ref is not None and d.ref.precision == "day"), doc.published)
    previous: SentenceInfo | None = None
    for sp, found in zip(spans, all_dates):
        # "the deadliest clash since the 2020 war": a time the news is compared with is not the news's time
        compared = [d for d in found if any(_compared_since(doc.tokens, sp, k, lex)
                                            for k in range(max(sp.lo, d.lo - COMPARED_DATE_REACH), d.lo))]
        dates = [d for d in found if d not in compared]
        info = SentenceInfo(sp, clauses(doc.tokens, sp, lex.clause_openers, _appositions(doc, sp)), dates,
                            *_time_scope(doc, sp, dates, previous), compared=compared)
        doc.sents.append(info)
        previous = info
    doc.attributor = Attributor(body, doc.tokens, spans, lex)
    return doc


def _appositions(doc: Document, sp: Span) -> frozenset[int]:
    """The commas before a breakdown word that a figure follows: "Six soldats, dont deux officiers, ont
    été tués" is one clause (the breakdown is an apposition of the figure before it), where "dont" opening
    a relative clause ("le village, dont les habitants ont fui") starts a new one."""
    toks, lex = doc.tokens, doc.lex
    return frozenset(a - 1 for a, b, _ in lex.breakdowns.find(toks, sp.lo, sp.hi)
                     if a > sp.lo and toks[a - 1].text == "," and b + 1 < sp.hi
                     and (toks[b + 1].is_number or toks[b + 1].norm in lex.quantity_starts))


def _compared_since(toks: list[Token], sp: Span, k: int, lex: Lexicon) -> bool:
    """Token k is a since-word that ends a comparison ("the deadliest clash since", "lo scontro più grave dal",
    "самое кровопролитное столкновение с"): a superlative stands within SUPERLATIVE_REACH words before it."""
    return toks[k].norm in lex.since and any(
        toks[j].norm in lex.superlatives for j in range(max(sp.lo, k - SUPERLATIVE_REACH), k))


def since_the_onset(toks: list[Token], sp: Span, lex: Lexicon) -> bool:
    """"since the start of the fighting", "since the war began", "desde que comenzaron los combates", "с момента
    начала боев": a since-word, then a word of beginning and one of fighting, in either order, the first of them
    within SINCE_NEAR words and the other within SINCE_REACH. A running total of the war, however it is worded."""
    for k in range(sp.lo, sp.hi):
        if toks[k].norm in lex.since and not _compared_since(toks, sp, k, lex):
            after = [t.norm for t in toks[k + 1:min(k + 1 + SINCE_REACH, sp.hi)]]
            onset = next((i for i, w in enumerate(after) if w in lex.onset_words), None)
            fighting = next((i for i, w in enumerate(after) if w in lex.hostilities_words), None)
            if onset is not None and fighting is not None and min(onset, fighting) < SINCE_NEAR:
                return True
    return False


def _time_scope(doc: Document, sp: Span, dates: list[DateMention], previous: SentenceInfo | None):
    """(relation, date) of a sentence, from its own dates, its words, or the sentence before."""
    lex, toks = doc.lex, doc.tokens
    dated = [d for d in dates if d.ref is not None] or dates
    relations = {d.relation for d in dates}
    own_date = dated[0].ref if dated else None
    today = [d for d in dates if d.relation == CURRENT and d.ref is not None and d.ref.precision == "day"]
    since = [d for d in dates if d.relation == BACKGROUND and d.lo > sp.lo and toks[d.lo - 1].norm in lex.since]
    if today and not since:  # "morti martedì ... dalla guerra del 2020": the day of the news wins
        return CURRENT, today[0].ref
    if since:  # "As of October 3, its toll since September 27": a running total
        return BACKGROUND, since[0].ref
    if BACKGROUND in relations or lex.background.find(toks, sp.lo, sp.hi) or since_the_onset(toks, sp, lex):
        return BACKGROUND, own_date  # another year, "since the war began", "nella guerra"
    if EARLIER in relations:
        return EARLIER, next((d.ref for d in dated if d.relation == EARLIER), own_date)
    if previous is not None and not dates and lex.anaphoric_time.find(toks, sp.lo, sp.hi):
        return previous.relation, previous.date  # "Un soldato è stato ucciso allora."
    return CURRENT, own_date or doc.news_date

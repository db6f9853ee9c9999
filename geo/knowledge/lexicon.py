"""A language's and a conflict's words, compiled into phrase matchers once.

The extraction modules ask a Lexicon ("is there a casualty term here?",
"which source does this phrase name?") and never read the data files
themselves, so a new language or conflict needs no code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from geo.knowledge.files import Conflict, EventType, Knowledge, Language, capital_names
from geo.text.morphology import morphology_for
from geo.text.normalize import fold, name_key
from geo.text.tokens import PhraseMatcher, phrase_tokens


def words_of(items, word_norm=None) -> frozenset[str]:
    """Single folded words of a list (multi-word phrases are ignored here)."""
    out = set()
    for item in items or ():
        toks = phrase_tokens(str(item), word_norm)
        if len(toks) == 1:
            out.add(toks[0])
    return frozenset(out)


def _matcher(data, word_norm=None) -> PhraseMatcher:
    """A list of phrases (payload: the phrase) or {key: [phrases]} (payload: the key)."""
    m = PhraseMatcher(word_norm=word_norm)
    if isinstance(data, dict):
        for key, phrases in data.items():
            for p in phrases:
                m.add(str(p), key)
    else:
        for p in data or ():
            m.add(str(p), str(p))
    return m


@dataclass(frozen=True)
class PlaceWords:
    """A language's place knowledge (data/lang/<code>/places.yaml), folded for matching."""

    stopwords: frozenset[str]
    kind_before: dict[tuple[str, ...], str]
    kind_after: dict[str, str]
    linkers: frozenset[str]
    joiners: frozenset[str]
    # A name's dictionary form, where the language's analyser gives one ("Гяндже" → "гянджа").
    lemma: Callable[[str], str] | None = None
    # Endings that make a place adjective of a name ("Товузский район" → Товуз).
    adjective_endings: tuple[str, ...] = ()
    # Letters of another script in Latin, each with its readings ("г" → g, h).
    transliteration: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @classmethod
    def of(cls, lang: Language) -> "PlaceWords":
        stop = [*(lang.get("place_stopwords") or ()), *(lang.get("months") or ()), *(lang.get("weekdays") or ())]
        morphology = morphology_for(lang.get("morphology"))
        translit = lang.get("place_transliteration") or {}
        return cls(
            stopwords=frozenset(name_key(str(w)) for w in stop),
            kind_before={tuple(fold(w).split()): kind for kind, ws in (lang.get("place_kind_words") or {}).items() for w in ws},
            kind_after={fold(w): kind for kind, ws in (lang.get("place_kind_words_after") or {}).items() for w in ws},
            linkers=frozenset(fold(str(w)) for w in lang.get("place_kind_linkers") or ()),
            joiners=frozenset(fold(str(w)) for w in lang.get("place_list_joiners") or ()),
            lemma=morphology.lemma if morphology else None,
            adjective_endings=tuple(sorted((str(e) for e in lang.get("place_adjective_endings") or ()), key=len, reverse=True)),
            transliteration={str(k): tuple(v) if isinstance(v, list) else (str(v),) for k, v in translit.items()},
        )


@dataclass(frozen=True)
class SourceCue:
    source: str
    generic: bool = False  # a side named as speaker ("l'Azerbaigian ha affermato"), not a named body


class Lexicon:
    """Everything the extraction knows of one language in one conflict, compiled: the words, the
    place words, the capitals (news names governments by them), the conflict and its event types."""

    def __init__(self, lang: Language, conflict: Conflict, event_types: dict[str, EventType],
                 capitals: frozenset[str] = frozenset()):
        g = lang.get
        self.lang = lang.code
        # Words are matched by lemma or stem where the language's data names an analyser:
        # the data's phrases are keyed as the article's tokens (geo.extract.document) are.
        self.morphology = morphology_for(g("morphology"))
        norm = self.word_norm = self.morphology.norm if self.morphology else None
        words = lambda key: words_of(g(key), norm)
        matcher = lambda key, default=None: _matcher(g(key, default), norm)
        first = lambda phrase: phrase_tokens(str(phrase), norm)[0]
        self.conflict = conflict
        self.event_types = event_types
        # Shelling, missiles, drones (ACLED's remote violence): what strikes a settlement from afar.
        self.remote_violence = frozenset(k for k, t in event_types.items() if t.acled_event_type == "Explosions/Remote violence")
        self.capitals = capitals
        self.places = PlaceWords.of(lang)
        self.stopwords = words("stopwords")
        self.abbreviations = words("abbreviations")
        self.clause_openers = words("clause_openers")
        self.saying = matcher("saying_verbs")
        self.anaphoric_speakers = matcher("anaphoric_speakers")
        self.reported_speech = words("reported_speech_words")
        self.qualifiers = matcher("qualifiers", {})
        self.number_words = {first(k): int(v) for k, v in (g("number_words") or {}).items() if phrase_tokens(str(k))}
        amounts = {str(k): tuple(v) for k, v in (g("number_amounts") or {}).items()}
        self.amounts = PhraseMatcher(amounts.items(), norm)
        # Phrases that one key stands for ("Dutzend" 12 and "Dutzende" 24-99 share a stem, "десяток" and
        # "десятки" a lemma): {key: [(the last word as written, folded; its reading)]}, told apart in the text.
        readings: dict[tuple[str, ...], list[tuple[str, tuple]]] = {}
        for phrase, value in amounts.items():
            readings.setdefault(phrase_tokens(phrase, norm), []).append((fold(phrase.split()[-1]), value))
        self.amount_readings = {key: forms for key, forms in readings.items() if len(forms) > 1}
        self.scales = {first(k): int(v) for k, v in (g("number_scales") or {}).items()}
        self.group_space = bool(g("number_group_space"))
        self.vague = matcher("vague_amounts")
        self.existential = matcher("existential_words")
        self.casualty = matcher("casualty_terms", {})
        self.ambiguous_loss = words("ambiguous_loss_terms")
        self.materiel_verbs = matcher("materiel_verbs")
        self.persons = matcher("person_nouns", {})
        self.equipment = matcher("equipment_nouns", {})
        self.enemy = words("enemy_words")
        self.own = words("own_words")
        self.own_ranks = matcher("own_ranks")
        self.attacker_nouns = matcher("attacker_nouns")
        self.attack_verbs = matcher("attack_verbs")
        self.blame_verbs = matcher("blame_verbs")
        self.events = matcher("event_words", {})
        self.background = matcher("background_words")
        self.anaphoric_time = matcher("anaphoric_time")
        self.weekdays = {first(k): v for k, v in (g("weekdays") or {}).items()}
        self.months = {first(k): v for k, v in (g("months") or {}).items()}
        self.relative_dates = PhraseMatcher(((k, tuple(v)) for k, v in (g("relative_dates") or {}).items()), norm)
        self.date_fillers = words("date_fillers")
        self.context_heads = matcher("context_heads")
        self.speaker_location_preps = words("speaker_location_preps")
        self.locative_preps = matcher("locative_preps")
        self.locative_words = words("locative_preps")  # the one-word ones: "in", "в", "à"
        self.gap_words = words("gap_words")
        self.negations = words("negations")
        self.genitive = words("genitive_words")
        self.target_nouns = matcher("target_nouns")
        self.conjunctions = words("conjunctions")
        self.between = words("between_words")
        self.admission = matcher("admission_verbs")
        self.according_to = matcher("according_to")
        self.institutions = matcher("institutions", {})
        self.institution_determiners = words("institution_determiners")
        self.away_from = matcher("away_from")
        self.percent = matcher("percent_words")
        self.since = words("since_words")
        self.onset_words = words("onset_words")
        self.hostilities_words = words("hostilities_words")
        self.superlatives = words("superlative_words")
        self.ages = matcher("age_words")
        self.agents = matcher("agent_words")
        self.predicate_links = matcher("predicate_links")
        self.figure_fillers = matcher("figure_fillers")
        self.other_words = words("other_words")
        self.restating = words("restating_determiners")
        self.zeros = matcher("zero_words")
        self.breakdowns = matcher("breakdown_words")
        self.loss_topic_heads = matcher("loss_topic_heads")
        # as written, lower case (geo.extract.claims._toll_head says why)
        self.toll_heads = frozenset(str(w).lower() for w in g("toll_heads") or ())
        self.side_heads = words("side_heads")
        self.opponent_preps = words("opponent_preps")
        self.contrast_words = words("contrast_words")
        self.place_proforms = words("place_proforms")
        self.locative_relatives = matcher("locative_relatives")
        self.actor_after_place = matcher("actor_after_place")
        self.partitives = matcher("partitive_pronouns")
        self.time_units = {first(k): v for k, v in (g("time_units") or {}).items()}
        self.earlier_words = words("earlier_words")
        self.institution_possessives = words("institution_possessives")
        self.institution_heads = words("institution_heads")
        self.care_places = matcher("care_places")

        # Words a figure or a date can start with: other tokens are skipped at once.
        self.quantity_starts = (self.qualifiers.first_words | self.amounts.first_words | self.vague.first_words
                                | self.existential.first_words
                                | self.figure_fillers.first_words
                                | self.zeros.first_words
                                | frozenset(self.number_words))
        self.date_starts = (self.relative_dates.first_words | frozenset(self.weekdays) | frozenset(self.months)
                            | frozenset(self.number_words))  # "six days after"

        # Conflict knowledge in this language.
        self.side_adjectives = PhraseMatcher(word_norm=norm)
        self.side_names = PhraseMatcher(word_norm=norm)
        for side in conflict.sides.values():
            for adj in side.adjectives.get(lang.code, ()):
                self.side_adjectives.add(adj, side.id)
            for name in side.names.get(lang.code, ()):
                self.side_names.add(name, side.id)
        self.sources = PhraseMatcher(word_norm=norm)
        for src in conflict.sources.values():
            for cue in src.cues.get(lang.code, ()):
                self.sources.add(cue, SourceCue(src.id))
        # Institutions composed with an actor ("Azerbaijan's Ministry of Defence"): the actors' words,
        # the source of each (actor, kind), and the kinds each source is of.
        self.actors = PhraseMatcher(word_norm=norm)
        for actor in conflict.actors():
            for phrase in [*actor.adjectives.get(lang.code, ()), *actor.names.get(lang.code, ())]:
                self.actors.add(phrase, actor.id)
        self.institution_source = conflict.institution_sources
        self.source_kinds: dict[str, set[str]] = {}
        for (_, kind), sid in self.institution_source.items():
            self.source_kinds.setdefault(sid, set()).add(kind)
        # "<side> ha affermato": the side's default speaker (its government).
        self.side_speaker = conflict.side_speakers

    def source_side(self, source_id: str) -> str | None:
        return self.conflict.source_side(source_id)

    def enemy_of(self, side: str | None) -> str | None:
        return self.conflict.enemy_of(side)


_CACHE: dict[tuple[int, str, str], tuple[Knowledge, Lexicon]] = {}


def lexicon_for(knowledge: Knowledge, lang_code: str, conflict_id: str | None = None) -> Lexicon:
    """The compiled lexicon, built once per (knowledge, language, conflict)."""
    conflict_id = conflict_id or knowledge.conflict.id
    key = (id(knowledge), lang_code, conflict_id)
    hit = _CACHE.get(key)
    if hit is None or hit[0] is not knowledge:
        lex = Lexicon(knowledge.language(lang_code), knowledge.conflicts[conflict_id], knowledge.event_types,
                      capital_names())
        hit = _CACHE[key] = (knowledge, lex)
    return hit[1]

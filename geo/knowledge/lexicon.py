"""A language's and a conflict's words, compiled into phrase matchers once.

The extraction modules ask a Lexicon ("is there a casualty term here?",
"which source does this phrase name?") and never read the data files
themselves, so a new language or conflict needs no code.
"""
from __future__ import annotations

from dataclasses import dataclass

from geo.knowledge.files import Conflict, EventType, Knowledge, Language, capital_names
from geo.text.normalize import fold, name_key
from geo.text.tokens import PhraseMatcher, phrase_tokens


def words_of(items) -> frozenset[str]:
    """Single folded words of a list (multi-word phrases are ignored here)."""
    out = set()
    for item in items or ():
        toks = phrase_tokens(str(item))
        if len(toks) == 1:
            out.add(toks[0])
    return frozenset(out)


def _matcher(data) -> PhraseMatcher:
    """A list of phrases (payload: the phrase) or {key: [phrases]} (payload: the key)."""
    m = PhraseMatcher()
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

    @classmethod
    def of(cls, lang: Language) -> "PlaceWords":
        stop = [*(lang.get("place_stopwords") or ()), *(lang.get("months") or ()), *(lang.get("weekdays") or ())]
        return cls(
            stopwords=frozenset(name_key(str(w)) for w in stop),
            kind_before={tuple(fold(w).split()): kind for kind, ws in (lang.get("place_kind_words") or {}).items() for w in ws},
            kind_after={fold(w): kind for kind, ws in (lang.get("place_kind_words_after") or {}).items() for w in ws},
            linkers=frozenset(fold(str(w)) for w in lang.get("place_kind_linkers") or ()),
            joiners=frozenset(fold(str(w)) for w in lang.get("place_list_joiners") or ()),
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
        self.conflict = conflict
        self.event_types = event_types
        # Shelling, missiles, drones (ACLED's remote violence): what strikes a settlement from afar.
        self.remote_violence = frozenset(k for k, t in event_types.items() if t.acled_event_type == "Explosions/Remote violence")
        self.capitals = capitals
        self.places = PlaceWords.of(lang)
        self.stopwords = words_of(g("stopwords"))
        self.abbreviations = words_of(g("abbreviations"))
        self.clause_openers = words_of(g("clause_openers"))
        self.saying = _matcher(g("saying_verbs"))
        self.anaphoric_speakers = _matcher(g("anaphoric_speakers"))
        self.qualifiers = _matcher(g("qualifiers", {}))
        self.number_words = {phrase_tokens(k)[0]: int(v) for k, v in (g("number_words") or {}).items() if phrase_tokens(k)}
        self.amounts = PhraseMatcher((k, tuple(v)) for k, v in (g("number_amounts") or {}).items())
        self.scales = {phrase_tokens(k)[0]: int(v) for k, v in (g("number_scales") or {}).items()}
        self.vague = _matcher(g("vague_amounts"))
        self.casualty = _matcher(g("casualty_terms", {}))
        self.ambiguous_loss = words_of(g("ambiguous_loss_terms"))
        self.materiel_verbs = _matcher(g("materiel_verbs"))
        self.persons = _matcher(g("person_nouns", {}))
        self.equipment = _matcher(g("equipment_nouns", {}))
        self.enemy = words_of(g("enemy_words"))
        self.own = words_of(g("own_words"))
        self.attacker_nouns = _matcher(g("attacker_nouns"))
        self.attack_verbs = _matcher(g("attack_verbs"))
        self.blame_verbs = _matcher(g("blame_verbs"))
        self.events = _matcher(g("event_words", {}))
        self.background = _matcher(g("background_words"))
        self.anaphoric_time = _matcher(g("anaphoric_time"))
        self.weekdays = {phrase_tokens(k)[0]: v for k, v in (g("weekdays") or {}).items()}
        self.months = {phrase_tokens(k)[0]: v for k, v in (g("months") or {}).items()}
        self.relative_dates = PhraseMatcher((k, tuple(v)) for k, v in (g("relative_dates") or {}).items())
        self.date_fillers = words_of(g("date_fillers"))
        self.context_heads = _matcher(g("context_heads"))
        self.speaker_location_preps = words_of(g("speaker_location_preps"))
        self.locative_preps = _matcher(g("locative_preps"))
        self.gap_words = words_of(g("gap_words"))
        self.negations = words_of(g("negations"))
        self.genitive = words_of(g("genitive_words"))
        self.target_nouns = _matcher(g("target_nouns"))
        self.conjunctions = words_of(g("conjunctions"))
        self.between = words_of(g("between_words"))
        self.admission = _matcher(g("admission_verbs"))
        self.according_to = _matcher(g("according_to"))
        self.institutions = _matcher(g("institutions", {}))
        self.institution_determiners = words_of(g("institution_determiners"))
        self.institution_possessives = words_of(g("institution_possessives"))
        self.institution_heads = words_of(g("institution_heads"))
        self.away_from = _matcher(g("away_from"))
        self.percent = _matcher(g("percent_words"))
        self.since = words_of(g("since_words"))
        self.ages = _matcher(g("age_words"))
        self.agents = _matcher(g("agent_words"))
        self.predicate_links = _matcher(g("predicate_links"))
        self.figure_fillers = _matcher(g("figure_fillers"))
        self.breakdowns = _matcher(g("breakdown_words"))
        self.loss_topic_heads = _matcher(g("loss_topic_heads"))
        self.side_heads = words_of(g("side_heads"))
        self.contrast_words = words_of(g("contrast_words"))
        self.place_proforms = words_of(g("place_proforms"))
        self.locative_relatives = _matcher(g("locative_relatives"))
        self.actor_after_place = _matcher(g("actor_after_place"))
        self.care_places = _matcher(g("care_places"))
        self.partitives = _matcher(g("partitive_pronouns"))
        self.time_units = {phrase_tokens(k)[0]: v for k, v in (g("time_units") or {}).items()}
        self.earlier_words = words_of(g("earlier_words"))

        # Words a figure or a date can start with: other tokens are skipped at once.
        self.quantity_starts = (self.qualifiers.first_words | self.amounts.first_words | self.vague.first_words
                                | self.figure_fillers.first_words
                                | frozenset(self.number_words))
        self.date_starts = (self.relative_dates.first_words | frozenset(self.weekdays) | frozenset(self.months)
                            | frozenset(self.number_words))  # "six days after"

        # Conflict knowledge in this language.
        self.side_adjectives = PhraseMatcher()
        self.side_names = PhraseMatcher()
        for side in conflict.sides.values():
            for adj in side.adjectives.get(lang.code, ()):
                self.side_adjectives.add(adj, side.id)
            for name in side.names.get(lang.code, ()):
                self.side_names.add(name, side.id)
        self.sources = PhraseMatcher()
        for src in conflict.sources.values():
            for cue in src.cues.get(lang.code, ()):
                self.sources.add(cue, SourceCue(src.id))
        # Institutions composed with an actor ("Azerbaijan's Ministry of Defence"): the actors' words,
        # the source of each (actor, kind), and the kinds each source is of.
        self.actors = PhraseMatcher()
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

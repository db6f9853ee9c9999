"""A synthetic corpus of war reports, for benchmarks: English and Italian by default, any of the six
languages the project reads on request (Russian, French, Spanish and German from bench/templates.py).

Articles are assembled from sentence templates (active and passive voice,
attribution before or after the fact, figures in digits or words, with or
without qualifiers, equipment losses, denials, diplomacy, background), with
claimants taken from the conflict file's sources, places from the gazetteer's
theatre (towns, districts and provinces of the focus countries, a town placed
in its district), capitals and foreign countries as context. Article ``i`` of
seed ``s`` is always the same text, whatever N, so corpora are reproducible
and streamed (``generate`` yields one article at a time).

    python -m bench.corpus --n 1000 --seed 1 --out DIR
    python -m bench.corpus --n 10000 --languages en,it,ru,fr,es,de --out DIR   # a mixed six-language corpus
"""
from __future__ import annotations

import argparse
import functools
import math
import random
import sys
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from geo.ingest.articles import build_article
from geo.places.gazetteer import GazEntry, Gazetteer
from geo.knowledge.files import Conflict, default_knowledge
from geo.models import Article

from bench.templates import GENITIVE, TEMPLATES

LANGUAGES = ("en", "it")  # the default corpus, as measured since the first benchmarks
ALL_LANGUAGES = LANGUAGES + tuple(TEMPLATES)
MIN_TOWN_POPULATION = 1000
CAPITAL_RADIUS_KM = 20  # settlements this close to a capital are its suburbs, not front-line towns
FIRST_DAY, DAYS = date(2020, 7, 1), 3 * 365

# The generator's own words (the extractor's are in data/lang; these only write text).
WORDS = {
    "en": {
        "side_adj": {"armenia": "Armenian", "azerbaijan": "Azerbaijani"},
        "side_country": {"armenia": "Armenia", "azerbaijan": "Azerbaijan"},
        "forces": ["forces", "troops", "units", "artillery"],
        "military": ["soldiers", "servicemen", "troops", "conscripts", "border guards"],
        "civilians": ["civilians", "residents", "villagers"],
        "equipment": ["tanks", "drones", "armoured vehicles", "artillery pieces", "air-defence systems", "helicopters"],
        "said": ["said", "reported", "announced", "claimed", "stated", "told reporters"],
        "qualifier": ["at least", "more than", "about", "up to", "nearly"],
        "weekdays": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        "months": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                   "October", "November", "December"],
        "foreign": ["Russia", "Turkey", "France", "Iran", "Georgia", "the United States", "Kazakhstan"],
        "capitals": ["Moscow", "Ankara", "Paris", "Tehran", "Tbilisi", "Washington", "Brussels"],
        "outlets": ["Caspian Monitor", "Highland Dispatch", "Border Report Weekly", "The Eastern Desk"],
    },
    "it": {
        "side_adj": {"armenia": ("armeni", "armene"), "azerbaijan": ("azeri", "azere")},
        "side_country": {"armenia": "l'Armenia", "azerbaijan": "l'Azerbaigian"},
        "forces": [("forze", "f"), ("truppe", "f"), ("unità", "f"), ("reparti", "m")],
        "military": [("soldati", "m"), ("militari", "m"), ("coscritti", "m"), ("guardie di frontiera", "f")],
        "civilians": ["civili", "residenti", "abitanti"],
        "equipment": ["carri armati", "droni", "veicoli blindati", "pezzi di artiglieria", "sistemi di difesa aerea",
                      "elicotteri"],
        "said": ["ha dichiarato", "ha riferito", "ha annunciato", "ha affermato", "ha reso noto", "ha comunicato"],
        "said_plural": ["hanno dichiarato", "hanno riferito", "hanno annunciato", "hanno affermato"],
        "qualifier": ["almeno", "oltre", "circa", "fino a", "quasi"],
        "weekdays": ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica"],
        "months": ["gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre",
                   "ottobre", "novembre", "dicembre"],
        "foreign": ["la Russia", "la Turchia", "la Francia", "l'Iran", "la Georgia", "gli Stati Uniti", "il Kazakistan"],
        "capitals": ["Mosca", "Ankara", "Parigi", "Teheran", "Tbilisi", "Washington", "Bruxelles"],
        "outlets": ["Cronache dal Caucaso", "Il Notiziario Orientale", "Gazzetta del Levante", "Agenzia Meridiana"],
    },
}
# Italian articles for cue phrases that start with a common noun ("il ministero...").
IT_DETERMINERS = {"esecutivo": "l'", "esercito": "l'", "agenzia": "l'", "ufficio": "l'", "autorità": "le ",
                  "nota": "la ", "procura": "la ", "peacekeeper": "i ", "casa": "la ", "difesa": "la ",
                  "cremlino": "il ", "dipartimento": "il ", "ministero": "il ", "difensore": "il "}
# Cue words that make an English cue an institution ("the ..."), not a person or agency name.
EN_INSTITUTION = {"ministry", "defence", "defense", "government", "minister", "president", "department", "secretary",
                  "house", "army", "authorities", "military", "rights", "office", "kremlin", "osce", "peacekeepers",
                  "prosecutor", "ombudsman", "news"}

_EN_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
            "seventeen eighteen nineteen").split()
_EN_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_IT_ONES = ("zero uno due tre quattro cinque sei sette otto nove dieci undici dodici tredici quattordici quindici sedici "
            "diciassette diciotto diciannove").split()
_IT_TENS = "_ _ venti trenta quaranta cinquanta sessanta settanta ottanta novanta".split()


def number_words(n: int, lang: str) -> str:
    """1-99 in words: "forty-nine", "quarantanove"."""
    if not 0 < n < 100:
        raise ValueError(f"{n}: only 1-99 are written in words")
    ones, tens = (_EN_ONES, _EN_TENS) if lang == "en" else (_IT_ONES, _IT_TENS)
    if n < 20:
        return ones[n]
    t, u = divmod(n, 10)
    if lang == "en":
        return tens[t] + (f"-{ones[u]}" if u else "")
    stem = tens[t][:-1] if u in (1, 8) else tens[t]  # ventuno, ventotto
    return stem + ("tré" if u == 3 else ones[u] if u else "")


def digits(n: int, lang: str) -> str:
    return f"{n:,}".replace(",", "," if lang == "en" else ".")


@dataclass(frozen=True)
class Theatre:
    """What the generator draws from: places of the conflict and who speaks in it."""

    towns: tuple[GazEntry, ...]
    areas: tuple[GazEntry, ...]  # districts, provinces, regions
    area_of: dict  # admin1 → the district or province with that code
    claimants: dict  # lang → [(source id, party, subject phrase)]
    capitals: dict  # side → capital name

    @classmethod
    @functools.lru_cache(maxsize=1)
    def default(cls) -> "Theatre":
        return cls.build(default_knowledge().conflict, Gazetteer.default())

    @classmethod
    def build(cls, conflict: Conflict, gazetteer: Gazetteer) -> "Theatre":
        countries = conflict.focus_countries
        capitals = {side: gazetteer.lookup(name)[0] for side, name in (("armenia", "Yerevan"), ("azerbaijan", "Baku"))}
        towns = tuple(
            e for e in gazetteer.entries(countries, ["town"])
            if e.population >= MIN_TOWN_POPULATION and all(_km(e, c) > CAPITAL_RADIUS_KM for c in capitals.values())
        )
        areas = tuple(gazetteer.entries(countries, ["district", "province", "region"]))
        area_of = {a.admin1: a for a in areas if a.admin1 and a.kind != "region"}
        claimants = {lang: [(s.id, s.party, subj) for s in conflict.sources.values()
                            for subj in map(lambda cue: _subject(cue, lang), s.cues.get(lang, ())) if subj]
                     for lang in LANGUAGES}
        return cls(towns, areas, area_of, claimants, {k: v.name for k, v in capitals.items()})


def _km(a: GazEntry, b: GazEntry) -> float:
    dx = math.radians(a.lon - b.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return 6371 * math.hypot(dx, math.radians(a.lat - b.lat))


_VERB_WORDS = {"en": {"said", "says", "accused"}, "it": {"ha", "scrive"}}


def _subject(cue: str, lang: str) -> str | None:
    """The cue as the subject of a sentence ("the Armenian Defence Ministry"), or None for verb phrases."""
    words = cue.replace("'", " ").split()
    if not words or {w.lower() for w in words} & _VERB_WORDS[lang] or words[-1].lower() in ("accusato", "affermato", "dichiarato"):
        return None
    if lang == "en":
        institution = any(w.lower() in EN_INSTITUTION for w in words) and not cue.split()[0].endswith("'s")
        return f"the {cue}" if institution or cue[0].islower() else cue
    return IT_DETERMINERS.get(words[0].lower(), "" if cue[0].isupper() else "il ") + cue


class _Writer:
    """One article: its random stream, language, date, places and claimants."""

    def __init__(self, theatre: Theatre, rng: random.Random, lang: str):
        self.t, self.r, self.lang, self.w = theatre, rng, lang, WORDS.get(lang) or TEMPLATES[lang]
        self.published = FIRST_DAY + timedelta(days=rng.randrange(DAYS))
        area = rng.choice(theatre.areas)
        local = [t for t in theatre.towns if area.admin1 and t.admin1 == area.admin1]
        self.area = area
        self.towns = rng.sample(local, min(3, len(local))) + rng.sample(theatre.towns, 3)

    # -- slots --------------------------------------------------------------

    def pick(self, seq):
        return self.r.choice(seq)

    def figure(self, lo: int = 2, hi: int = 60, qualified: float = 0.35) -> tuple[int, str]:
        n = self.r.randint(lo, hi)
        text = number_words(n, self.lang) if n < 100 and self.r.random() < 0.4 else digits(n, self.lang)
        if self.r.random() < qualified:
            text = f"{self.pick(self.w['qualifier'])} {text}"
        return n, text

    def when(self) -> str:
        d = self.published - timedelta(days=self.r.choice((0, 0, 1, 1, 2, 3)))
        wd, month = self.w["weekdays"][d.weekday()], self.w["months"][d.month - 1]
        if self.lang == "en":
            return self.pick([f"on {wd}", f"on {d.day} {month}", "overnight", f"early on {wd}", f"on {wd} morning"])
        day = f"l'{d.day}" if d.day in (1, 8, 11) else f"il {d.day}"
        return self.pick([wd, f"{day} {month}", "nella notte", f"nella mattinata di {wd}", f"{wd} sera"])

    def town(self) -> GazEntry:
        return self.pick(self.towns)

    def area_phrase(self, a: GazEntry, with_prep: bool) -> str:
        if self.lang == "en":
            text = {"district": f"the {a.name} district", "province": f"{a.name} province"}.get(a.kind, a.name)
            return f"in {text}" if with_prep else text
        text = {"district": f"distretto di {a.name}", "province": f"provincia di {a.name}"}.get(a.kind)
        if text is None:
            return f"in {a.name}" if with_prep else a.name
        return ("nel " if a.kind == "district" else "nella ") + text if with_prep else \
            ("il " if a.kind == "district" else "la ") + text

    def place_in(self) -> str:
        t = self.town()
        area = self.t.area_of.get(t.admin1)
        en = self.lang == "en"
        forms = [f"in {t.name}" if en else f"a {t.name}",
                 f"in the village of {t.name}" if en else f"nel villaggio di {t.name}",
                 self.area_phrase(self.area, True)]
        if area is not None and area.name != t.name:
            forms.append(f"in {t.name}, {self.area_phrase(area, True)}" if en else f"a {t.name}, {self.area_phrase(area, True)}")
            forms.append(f"in {t.name} ({area.name})" if en else f"a {t.name} ({area.name})")
        return self.pick(forms)

    def place_near(self) -> str:
        t = self.town().name
        return self.pick([f"near {t}", f"on the outskirts of {t}", f"along the border near {t}"] if self.lang == "en"
                         else [f"nei pressi di {t}", f"alle porte di {t}", f"vicino a {t}", f"lungo il confine presso {t}"])

    def claimant(self, parties: tuple[str, ...]) -> tuple[str, str, str]:
        """(subject phrase, its party, the verb of saying that agrees with it)."""
        options = [c for c in self.t.claimants[self.lang] if c[1] in parties] or self.t.claimants[self.lang]
        _, party, subj = self.pick(options)
        plural = self.lang == "it" and subj.split(" ")[0] in ("le", "i", "gli")
        return subj, party, self.pick(self.w["said_plural" if plural else "said"])

    # -- sentences ----------------------------------------------------------

    def sides(self) -> tuple[str, str]:
        """(victim side, attacker side)."""
        v = self.pick(("armenia", "azerbaijan"))
        return v, "azerbaijan" if v == "armenia" else "armenia"

    def military(self, side: str) -> str:
        if self.lang == "en":
            return f"{self.w['side_adj'][side]} {self.pick(self.w['military'])}"
        noun, g = self.pick(self.w["military"])
        return f"{noun} {self.w['side_adj'][side][g == 'f']}"

    def forces(self, side: str) -> str:
        if self.lang == "en":
            return f"{self.w['side_adj'][side]} {self.pick(self.w['forces'])}"
        noun, g = self.pick(self.w["forces"])
        return f"le {noun} {self.w['side_adj'][side][g == 'f']}" if g == "f" else f"i {noun} {self.w['side_adj'][side][0]}"

    def casualty_sentence(self) -> str:
        vic, att = self.sides()
        subj, _, said = self.claimant((vic, "media", "third"))
        _, n = self.figure()
        _, m = self.figure(1, 20)
        mil, force, when, place = self.military(vic), self.forces(att), self.when(), self.place_in()
        near = self.place_near()
        civ = self.pick(self.w["civilians"])
        if self.lang == "en":
            options = [
                f"{cap(force)} shelled positions {place} {when}, killing {n} {mil}, {subj} {said}.",
                f"According to {subj}, {n} {mil} were killed and {m} wounded {place} {when}.",
                f"{cap(subj)} {said} that {n} {civ} had been wounded when shells hit houses {place}.",
                f"{cap(n)} {mil} died in clashes {near}, {subj} {said} {when}.",
                f"{cap(when)}, a drone strike {place} killed {n} people, including {m} children, according to {subj}.",
                f"The death toll among {mil} has risen to {n}, {subj} {said}.",
                f"{cap(n)} {mil} were taken prisoner {near}, {subj} {said}.",
                f"\"We have lost {n} of our men,\" {subj} {said}, adding that fighting was continuing {near}.",
                f"{cap(subj)} {said} {n} {mil} were missing after an attack {near} {when}.",
            ]
        else:
            options = [
                f"{cap(force)} hanno bombardato le posizioni {place} {when}, uccidendo {n} {mil}, {said} {subj}.",
                f"Secondo {subj}, {n} {mil} sono stati uccisi e {m} feriti {place} {when}.",
                f"{cap(subj)} {said} che {n} {civ} sono rimasti feriti quando i proiettili hanno colpito alcune case {place}.",
                f"{cap(n)} {mil} sono morti negli scontri {near}, {said} {subj} {when}.",
                f"{cap(when)} un attacco con droni {place} ha ucciso {n} persone, tra cui {m} bambini, secondo {subj}.",
                f"Il bilancio delle vittime tra i {mil} è salito a {n}, {said} {subj}.",
                f"{cap(n)} {mil} sono stati fatti prigionieri {near}, {said} {subj}.",
                f"\"Abbiamo perso {n} dei nostri uomini\", {said} {subj}, aggiungendo che i combattimenti continuano {near}.",
                f"{cap(subj)} {said} che {n} {mil} risultano dispersi dopo un attacco {near} {when}.",
            ]
        return self.pick(options)

    def materiel_sentence(self) -> str:
        vic, att = self.sides()
        subj, _, said = self.claimant((att,))
        _, n = self.figure(2, 30, qualified=0.2)
        _, m = self.figure(1, 12, qualified=0)
        eq1, eq2 = self.r.sample(self.w["equipment"], 2)
        adj = self.w["side_adj"][vic] if self.lang == "en" else self.w["side_adj"][vic][0]
        near = self.place_near()
        if self.lang == "en":
            return self.pick([f"{cap(subj)} {said} its forces had destroyed {n} {adj} {eq1} and {m} {eq2} {near}.",
                              f"{cap(n)} {adj} {eq1} were destroyed {near}, {subj} {said}."])
        return self.pick([f"{cap(subj)} {said} di aver distrutto {n} {eq1} e {m} {eq2} {adj} {near}.",
                          f"{cap(n)} {eq1} {adj} sono stati distrutti {near}, {said} {subj}."])

    def report_sentence(self) -> str:
        """Fighting, accusations and denials: places, no figures."""
        vic, att = self.sides()
        subj, _, said = self.claimant((vic, att))
        place, force, when = self.place_in(), self.forces(att), self.when()
        other = self.area_phrase(self.pick(self.t.areas), True)
        if self.lang == "en":
            return self.pick([f"Heavy fighting was reported {place} and {other} {when}.",
                              f"{cap(subj)} denied the reports, calling them a provocation.",
                              f"{cap(force)} targeted civilian infrastructure {place}, {subj} {said}.",
                              f"Residents {place} spent the night in basements as shelling continued."])
        return self.pick([f"Pesanti combattimenti sono stati segnalati {place} e {other} {when}.",
                          f"{cap(subj)} ha smentito le notizie, definendole una provocazione.",
                          f"{cap(force)} hanno colpito infrastrutture civili {place}, {said} {subj}.",
                          f"Gli abitanti {place} hanno passato la notte negli scantinati mentre i bombardamenti continuavano."])

    def context_sentence(self) -> str:
        foreign, capital = self.pick(self.w["foreign"]), self.pick(self.w["capitals"])
        am, az = self.t.capitals["armenia"], self.t.capitals["azerbaijan"]
        if self.lang == "en":
            return self.pick([f"{cap(foreign)} called on both sides to show restraint.",
                              f"The foreign ministers are due to meet in {capital} next week.",
                              f"Officials in {am} and {az} traded accusations over who fired first.",
                              f"Talks mediated by {foreign} were held in {capital} last month."])
        return self.pick([f"{cap(foreign)} ha invitato le parti alla moderazione.",
                          f"I ministri degli Esteri si incontreranno a {capital} la prossima settimana.",
                          f"{am} e {az} si accusano a vicenda di aver aperto il fuoco per primi.",
                          f"Il mese scorso a {capital} si sono svolti colloqui mediati da {foreign}."])

    def background_sentence(self) -> str:
        big = digits(self.r.choice((6500, 6800, 7000, 3800)), self.lang)
        if self.lang == "en":
            return self.pick([f"The 2020 war killed more than {big} people on both sides.",
                              "The two countries have fought over the region since the early 1990s."])
        return self.pick([f"La guerra del 2020 ha provocato oltre {big} morti da entrambe le parti.",
                          "I due Paesi si contendono la regione dall'inizio degli anni Novanta."])

    def title(self) -> str:
        t = self.town().name
        _, n = self.figure(2, 60, qualified=0)
        if self.lang == "en":
            return self.pick([f"{cap(n)} soldiers killed in fighting near {t}", f"Fighting flares near {t}",
                              f"Shelling reported in {self.area.name}"])
        return self.pick([f"{t}, {n} soldati uccisi negli scontri", f"Nuovi scontri nei pressi di {t}",
                          f"Bombardamenti a {self.area.name}"])

    def article(self) -> str:
        r = self.r
        paragraphs = [[self.casualty_sentence()]]
        makers = (self.casualty_sentence, self.casualty_sentence, self.materiel_sentence, self.report_sentence,
                  self.context_sentence)
        for _ in range(r.randint(3, 7)):
            paragraphs.append([r.choice(makers)() for _ in range(r.randint(1, 3))])
        if r.random() < 0.4:
            paragraphs.append([self.background_sentence()])
        body = "\n\n".join(" ".join(p) for p in paragraphs)
        title = self.title().replace('"', "'")
        return (f"---\ntitle: \"{title}\"\noutlet: {self.pick(self.w['outlets'])}\nlanguage: {self.lang}\n"
                f"published: {self.published.isoformat()}\n---\n{body}\n")


class _Templated(_Writer):
    """An article in a language whose sentences are templates (bench/templates.py)."""

    def fill(self, kind: str) -> str:
        w = self.w
        vic, att = self.sides()
        parties = {"casualty": (vic, "media", "third"), "materiel": (att,)}.get(kind)
        _, subj = self.pick([c for c in w["claimants"] if parties is None or c[0] in parties] or w["claimants"])
        town = self.town().name
        d = self.published - timedelta(days=self.r.choice((0, 0, 1, 2)))
        when = self.pick(w["when"]).format(weekday=w["weekdays"][d.weekday()], day=d.day,
                                           month=w.get("months", [""] * 12)[d.month - 1])
        slots = dict(
            force=self.pick(w["forces"]), fadj=w["force_adj"][att], mil=self.pick(w["military"]), civ=self.pick(w["civilians"]),
            n=self.figure()[1], m=self.figure(1, 20, qualified=0)[1], subj=subj, subj_gen=GENITIVE.get(self.lang, {}).get(subj, subj),
            said=self.pick(w["said"]), place=self.pick(w["place_in"]).format(town=town, area=self.area.name),
            near=self.pick(w["near"]).format(town=self.town().name), when=when, adj=w["adj"][vic],
            eq1=self.pick(w["equipment"]), eq2=self.pick(w["equipment"]), other=self.pick(self.t.areas).name,
            foreign=self.pick(w["foreign"]), capital=self.pick(w["capitals"]), am=self.t.capitals["armenia"],
            az=self.t.capitals["azerbaijan"], big=digits(self.r.choice((6500, 6800, 7000, 3800)), self.lang),
        )
        return cap(self.pick(w[kind]).format(**slots))

    def figure(self, lo: int = 2, hi: int = 60, qualified: float = 0.35) -> tuple[int, str]:
        n = self.r.randint(lo, hi)
        text = digits(n, self.lang)
        if self.r.random() < qualified:
            text = f"{self.pick(self.w['qualifier'])} {text}"
        return n, text

    casualty_sentence = functools.partialmethod(fill, "casualty")
    materiel_sentence = functools.partialmethod(fill, "materiel")
    report_sentence = functools.partialmethod(fill, "report")
    context_sentence = functools.partialmethod(fill, "context")
    background_sentence = functools.partialmethod(fill, "background")
    title = functools.partialmethod(fill, "title")


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def generate(n: int, seed: int = 1, theatre: Theatre | None = None,
             languages: tuple[str, ...] = LANGUAGES) -> Iterator[tuple[str, str]]:
    """Yield (file name, text with front matter) for articles 0..n-1 of this seed, one at a time."""
    theatre = theatre or Theatre.default()
    for i in range(n):
        rng = random.Random(f"{seed}:{i}")
        lang = rng.choice(languages)
        writer = _Writer if lang in WORDS else _Templated
        yield f"{i:07d}_{lang}.md", writer(theatre, rng, lang).article()


def articles(n: int, seed: int = 1, languages: tuple[str, ...] = LANGUAGES) -> Iterator[Article]:
    """The same corpus as Article records (what reading the written files gives)."""
    for name, text in generate(n, seed, languages=languages):
        yield build_article(text, path=name)


def write_corpus(n: int, seed: int, out: Path, languages: tuple[str, ...] = LANGUAGES) -> int:
    """Write the corpus into ``out`` (1,000 files per subfolder); returns the count written."""
    count = 0
    for name, text in generate(n, seed, languages=languages):
        sub = out / f"{count // 1000:04d}"
        if count % 1000 == 0:
            sub.mkdir(parents=True, exist_ok=True)
        (sub / name).write_text(text, encoding="utf-8")
        count += 1
    return count


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m bench.corpus", description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=1000, help="number of articles (default 1000)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--out", type=Path, help="folder to write the articles into (default: print them)")
    p.add_argument("--languages", default=",".join(LANGUAGES),
                   help=f"comma-separated languages, drawn evenly (default {','.join(LANGUAGES)}; all: {','.join(ALL_LANGUAGES)})")
    args = p.parse_args(argv)
    languages = tuple(args.languages.split(","))
    unknown = set(languages) - set(ALL_LANGUAGES)
    if unknown:
        p.error(f"no templates for {', '.join(sorted(unknown))} (known: {', '.join(ALL_LANGUAGES)})")
    if args.out is None:
        for name, text in generate(args.n, args.seed, languages=languages):
            sys.stdout.write(f"==> {name}\n{text}\n")
        return 0
    print(f"{write_corpus(args.n, args.seed, args.out, languages)} articles written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

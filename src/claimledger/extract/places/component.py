"""The ``claimledger_places`` component (spaCy forbids "." in factory names): fix place entities and geocode them.

The small English model mislabels front-line towns (Kramatorsk as PRODUCT,
Kyiv as PERSON) or misses them (Donetsk). This component runs right after
``ner`` and, in order:

1. matches the gazetteer's text names (``gazetteer.Gazetteer.text_names``:
   cities of the profile's countries, regions as "Kursk region" / "Donetsk
   Oblast", areas, countries, transliterations) case-sensitively over the
   tokens; the profile's stoplist is never matched;
2. drops a match that lies inside a strictly longer non-place entity of the
   model (the "Kyiv Independent" newspaper, a person's full name; but a
   town in a facility's name, "the Mariupol Theater", is still mentioned as
   where the facility stands, leaving the entity whole, and a place after
   "in", "near" or "outside" inside the entity is kept: the model ran a
   village and its region into one name, "Hroza in Kharkiv Oblast"), and one
   that names a vessel or a unit: followed (after an optional closing quote,
   or one or two lower-case words) by a vessel or unit word ("the
   Rostov-on-Don submarine", "the Moskva missile cruiser", the "Seversk"
   group of forces, the Kyiv brigade) or following "the ship" / "cruiser";
   and a city name used as a noun after "the" ("the Moskva sank"): towns
   take no article; such a place is dropped from ``doc.ents`` too when the
   model tagged it; a name that only a GeoNames alternate makes a place
   ("Human" for Uman) is dropped when the tagger reads no proper noun in it
   ("Human rights groups") or a capitalised word follows it ("for Human
   Rights");
3. writes the matches into ``doc.ents`` (GPE, or LOC for areas), replacing
   the model's entities they overlap; longer matches win ("Donetsk Oblast"
   over "Donetsk");
4. geocodes every GPE/LOC entity (the model's own too) through the
   gazetteer and writes ``doc._.cl_places`` (``list[PlaceMention]`` in text
   order). Demonyms (NORP: "Russian") are never places; an entity the
   gazetteer does not know is left unmentioned, and so is one in page
   furniture (``doc._.cl_furniture``: a caption's or related headline's town).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan
from spacy.util import filter_spans
from spacy.vocab import create_vocab

from ...records import Place, PlaceMention, Span
from .. import extensions
from ..lines.furniture import in_spans
from ..vocabulary.gazetteer import Gazetteer, load_gazetteer, normalise_name
from ..words import Words, forget_words, set_entities, words_of

VERSION = "1"
FACTORY = "claimledger_places"
EXTRACTOR = "claimledger.places/" + VERSION
PLACE_LABELS = frozenset({"GPE", "LOC"})
# a longer model entity with one of these labels keeps its words ("Kyiv Independent", a full name)
KEEP_LONGER = frozenset({"ORG", "PERSON", "FAC", "WORK_OF_ART", "EVENT", "LAW", "NORP", "PRODUCT"})
# words after a place name that make it the name of a vessel or a military unit
NAME_OF = frozenset({"submarine", "submarines", "ship", "warship", "frigate", "cruiser", "corvette", "vessel",
                     "destroyer", "minesweeper", "tanker", "tug", "boat", "trawler", "group", "grouping",
                     "battlegroup", "brigade", "battalion", "regiment", "division", "corps", "squadron", "unit",
                     "detachment", "formation"})
NAMED_AFTER = frozenset({"submarine", "ship", "warship", "frigate", "cruiser", "corvette", "vessel", "destroyer",
                         "minesweeper", "tanker"})
LOOSE_UNITS = frozenset({"group", "grouping", "unit", "formation"})  # a unit only as "X group of forces" or quoted
LOCATING = frozenset({"in", "near", "outside"})  # "<village> in <region>" is no one name
QUOTE_CHARS = frozenset("'\"‘’“”«»")
FACILITY_WORDS = frozenset({"theatre", "theater", "hospital", "station", "airport", "airfield", "plant", "factory",
                            "refinery", "depot", "port", "mall", "market", "stadium", "cathedral", "church",
                            "museum", "dam", "school", "university", "clinic", "terminal", "shipyard"})


@Language.factory(
    FACTORY,
    default_config={"profile": "russia-ukraine", "cache_dir": None},
    requires=["doc.ents"],
    assigns=["doc.ents", "doc._.cl_places"],
)
def make_place_tagger(nlp: Language, name: str, profile: str, cache_dir: str | None) -> PlaceTagger:
    return PlaceTagger(nlp, profile, cache_dir=Path(cache_dir) if cache_dir else None)


def pattern_tokenizer(nlp: Language) -> Callable[[str], Doc]:
    """A tokenizer that splits text as ``nlp``'s does, on a vocabulary of its own.

    The phrase patterns are tens of thousands of names. Tokenised by ``nlp``
    itself they would add about 18,000 lexemes to its vocabulary, and the
    model then runs about 7% slower on every article (measured: the same
    model with and without those lexemes, in one process). The matcher keeps
    only the tokens' hashes, which do not depend on the vocabulary.
    """
    if not isinstance(nlp.tokenizer, Tokenizer):  # a custom tokenizer: no copy to make
        return nlp.tokenizer
    tokenizer = Tokenizer(create_vocab(nlp.lang, nlp.Defaults))
    copied: Callable[[str], Doc] = tokenizer.from_bytes(nlp.tokenizer.to_bytes(exclude=["vocab"]), exclude=["vocab"])
    return copied


class PlaceTagger:
    """Gazetteer-backed entity fixer and geocoder (see the module docstring)."""

    def __init__(self, nlp: Language, profile: str, *, cache_dir: Path | None = None) -> None:
        extensions.register()
        self.gazetteer: Gazetteer = load_gazetteer(profile, cache_dir)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        names = sorted(self.gazetteer.text_names)
        tokenize = pattern_tokenizer(nlp)
        self.matcher.add("PLACE", [tokenize(name) for name in names])

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            doc._.cl_places = []
            return doc
        forget_words(doc)  # read the table afresh: find reads the tokens as the parser and tagger left them
        found, inside = self.find(doc)
        set_entities(doc, merge_entities(list(doc.ents), [span for span, _place in found]))  # and in the table
        known = {(span.start_char, span.end_char): place for span, place in found}
        mentions = self.geocode(doc, known)
        furniture = doc._.cl_furniture or ()
        mentions += [PlaceMention(span=Span(span.start_char, span.end_char, span.text), place=place)
                     for span, place in inside if not in_spans(furniture, span.start_char, span.end_char)]
        doc._.cl_places = sorted(mentions, key=lambda m: m.span.start)
        return doc

    def find(self, doc: Doc) -> tuple[list[tuple[SpacySpan, Place]], list[tuple[SpacySpan, Place]]]:
        """Gazetteer matches kept after rule 2, labelled GPE or LOC, with their places; and the towns
        inside a facility's name, which stay in the facility's entity."""
        out: list[tuple[SpacySpan, Place]] = []
        inside: list[tuple[SpacySpan, Place]] = []
        words = words_of(doc)
        entity_at = {i: ent for ent in words.ents for i in range(ent[0], ent[1])}
        for span in filter_spans(self.matcher(doc, as_spans=True)):
            start, end = span.start, span.end
            name = words.text[words.idx[start]:words.end(end - 1)]
            ent = entity_at.get(start)
            if ent is not None:
                ent_start, ent_end, ent_label = ent
                if ent_label in KEEP_LONGER and end <= ent_end and ent_end - ent_start > end - start \
                        and not located_in(words, ent_start, start):
                    place = self.gazetteer.lookup(name)
                    if place is not None and place.kind == "city" and names_a_facility(words, ent_start, ent_end):
                        inside.append((SpacySpan(doc, start, end, label="GPE"), place))
                    continue
            place = self.gazetteer.lookup(name)
            if place is None or names_vessel_or_unit(words, start, end) or \
                    place.kind == "city" and names_a_thing(words, start, end):
                continue
            if name in self.gazetteer.alternate_names and doubtful_alternate(words, start, end):
                continue
            label = "LOC" if place.kind == "area" else "GPE"
            out.append((SpacySpan(doc, start, end, label=label), place))
        return out, inside

    def geocode(self, doc: Doc, known: dict[tuple[int, int], Place]) -> list[PlaceMention]:
        """A mention for every GPE/LOC entity the gazetteer knows, in text order."""
        mentions: list[PlaceMention] = []
        words = words_of(doc)
        size, full, furniture = len(words), words.text, doc._.cl_furniture or ()
        for first, after, label in words.ents:
            if label not in PLACE_LABELS:
                continue
            start, end = words.idx[first], words.end(after - 1)
            if after < size and words.lower[after] == "time":
                continue  # "Kyiv time" names a clock, not a place
            if in_spans(furniture, start, end):
                continue
            if (start, end) not in known and names_vessel_or_unit(words, first, after):
                continue
            text = full[start:end]
            place = known.get((start, end)) or self.gazetteer.lookup(text)
            if (start, end) not in known and place is not None and place.kind == "city" and \
                    names_a_thing(words, first + (words.lower[first] == "the"), after):
                continue
            if (start, end) not in known and normalise_name(text) in self.gazetteer.alternate_names and \
                    doubtful_alternate(words, first, after):
                continue
            if place is not None:
                mentions.append(PlaceMention(span=Span(start, end, text), place=place))
        return mentions


def merge_entities(model: list[SpacySpan], ours: list[SpacySpan]) -> list[SpacySpan]:
    """The model's entities with ours written over every one they overlap."""
    if not ours:
        return model
    covered = {i for span in ours for i in range(span.start, span.end)}
    kept = [ent for ent in model if covered.isdisjoint(range(ent.start, ent.end))]
    return filter_spans(ours + kept)  # in text order


def located_in(words: Words, ent_start: int, start: int) -> bool:
    """The model ran a name and the place that locates it into one entity ("Hroza in Kharkiv Oblast"
    tagged ORG): a lower-case preposition of place inside the entity (from token ``ent_start``) comes right
    before the match at ``start``."""
    return start > ent_start and words.lower[start - 1] in LOCATING and words.texts[start - 1].islower()


def names_a_facility(words: Words, start: int, end: int) -> bool:
    """The entity at tokens ``start:end`` names a building or site ("the Mariupol Drama Theatre", "Kramatorsk
    railway station"): the town in its name is where it stands."""
    return any(words.lemma[k] in FACILITY_WORDS or words.lower[k] in FACILITY_WORDS for k in range(start, end))


def names_vessel_or_unit(words: Words, start: int, end: int) -> bool:
    """Tokens ``start:end`` name a vessel or unit (rule 2 of the module docstring)."""
    texts, lower, size = words.texts, words.lower, len(words)
    k = end
    while k < size and texts[k] in QUOTE_CHARS:
        k += 1
    if k < size and lower[k] in NAME_OF:
        if lower[k] not in LOOSE_UNITS:
            return True
        quoted = start > 0 and texts[start - 1] in QUOTE_CHARS
        return quoted or k + 1 < size and lower[k + 1] == "of"  # "the Seversk group of forces"
    for gap in (1, 2):  # "the Moskva missile cruiser", "the Admiral Essen guided missile frigate"
        n = k + gap
        if n < size and lower[n] in NAMED_AFTER and all(
                texts[m].islower() and texts[m].isalpha() or texts[m] == "-" for m in range(k, n)):
            return True
    j = start - 1
    while j >= 0 and texts[j] in QUOTE_CHARS:
        j -= 1
    return j >= 0 and lower[j] in NAMED_AFTER  # "the cruiser Moskva"


def doubtful_alternate(words: Words, start: int, end: int) -> bool:
    """For a name only a GeoNames alternate makes a place (such names collide with English words): the
    tagger reads it as no proper noun ("Human rights groups"), or a capitalised word follows it, making it
    part of a longer name ("the Office for Human Rights")."""
    if any(words.pos[k] != "PROPN" for k in range(start, end)):
        return True
    return end < len(words) and words.texts[end].isalpha() and words.texts[end].istitle()


def names_a_thing(words: Words, start: int, end: int) -> bool:
    """A city name used as a noun with "the" ("the Moskva sank", "the Moskva, the fleet's flagship"): towns
    take no article in English, so it names a ship or another thing, not the town. "The Kyiv government",
    where the name modifies the next noun, is not caught, nor are coordinated or hyphenated modifiers ("the
    Pokrovsk and Siversk directions", "the Moscow-installed governor")."""
    if start == 0 or words.lower[start - 1] != "the":
        return False
    if end >= len(words):
        return True
    nxt, nxt_pos = words.texts[end], words.pos[end]
    if nxt_pos == "CCONJ" or nxt in ("-", "–", "/") or \
            nxt == "," and end + 1 < len(words) and words.pos[end + 1] == "PROPN":
        return False  # "the Bryansk, Kursk and Belgorod regions", "the Moscow-installed governor"
    return nxt_pos not in ("NOUN", "PROPN", "ADJ", "NUM") or nxt in QUOTE_CHARS

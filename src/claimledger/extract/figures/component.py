"""The figures component: numbers someone claims -> ``doc._.cl_figures``.

Registered as the spaCy factory ``claimledger_figures`` (spaCy forbids "." in
factory names); records carry ``extractor="claimledger.figures/<VERSION>"``.

Reads ``doc._.cl_claims`` (None is treated as empty), ``doc._.cl_times``,
``doc._.cl_published``, ``doc._.cl_outlet`` and ``doc._.cl_article_id``;
writes ``doc._.cl_figures``: a list of :class:`records.Figure` in text order,
none in page furniture (``doc._.cl_furniture``: a caption's or a related
headline's number belongs to another story).
Conflict knowledge (measure nouns, outcome words, side words, cue lists) comes
from the profile's ``measures.yaml`` (schema documented at its top).

Qualifier table (low / best / high), as in the ledger format:

    exact        "400"                      400 / 400 / 400
    at_least     "at least 89", "89 or more" 89 / 89 / null
    more_than    "more than 600", "over"    601 / 600 / null   (low = n+1 for whole numbers)
    nearly       "nearly 700", "almost"     null / 700 / 699   (high = n-1 for whole numbers;
                 "fewer than", "less than", "just under" read the same way)
    about        "about 30", "around", "some", "roughly", "an estimated"
                                            null / 30 / null   (no bound is claimed)
    up_to        "up to 10", "as many as"   null / 10 / 10
    range        "between 10 and 20", "10-20", "from 10 to 20"
                                            10 / 15 / 20       (best = the exact midpoint)
    hundreds     "hundreds", "several hundred", "hundreds of thousands" (200000/null/999999)
                                            200 / null / 999
    thousands    "thousands" 2000/null/9999; "tens of thousands" 20000/null/99999
    dozens       "dozens", "a few dozen", "scores" (40/null/99)
                                            24 / null / 99
    "a dozen" is exact 12.

Cascades, in order:

Measure (what is counted; this module, ``FigureExtractor._measure_at`` and the
helpers it calls), from the words after the number (skipping "of",
determiners, adjectives, side words, nouns modifying the counted one, a partitive
"of 20"): the longest phrase of ``equipment``, ``people_measures``, ``people`` or
``other`` (a word that only modifies the next noun, "attack helicopters", "tank
crews", "anti-ship missiles", does not count). A number whose noun is coordinated
with another measure without its own number ("thousands of troops, tanks and
helicopters") is ambiguous and skipped (an aside is no coordination: "17 people,
all civilians, were killed"). With no noun after it: "N times" with a verb of
violating a truce (``ceasefire_violations``), a "noun - number" list item ("tanks -
3,029 (+2)"), else a bare count with an outcome ("400 died", "killing 12,", "four
more", "the death toll rose to 45", "grew from 50", "losses numbered 61,330"; the
side named before a toll or loss noun owns it).
People counts need an outcome:
1. a verb right before the number ("the strike killed 89 servicemen", "the death of
   40 prisoners"), unless it is only "lost" and a sharper outcome follows ("lost"
   alone counts the killed and wounded),
2. an outcome word after the noun, past auxiliaries, quote marks, asides ("15 people,
   including three children, were killed") and list items ("41 servicemen,
   3 tanks eliminated"); killed + wounded joined by and/or -> killed_or_wounded;
   "killed or missing" counts no measure; "hospitalised", "sought medical help" ->
   wounded; prisoners who were killed or wounded are counted so, not as captured,
3. for military nouns: an earlier outcome verb governing a list ("destroyed a tank
   and 12 invaders", "..., including 350"), a loss word before ("losses amounted to
   1,400 servicemen" -> killed_or_wounded), a presence word after ("150,000 troops
   near the border" -> troops); for crews and soldiers, "on board" / "aboard" or
   "there were N soldiers" -> troops; otherwise no figure.
"People" of no stated kind, bare counts and "others" are read as civilians or
soldiers by ``attribution.read_victims`` (strike frames, civilians named near,
the article's victims). Counts tied to another count of the sentence
(``subcounts.py``): civilian sub-counts ("including 16 children", "5 of whom were
children") take the whole count's outcome; tally histories ("up from 980") take
its measure and side.
Equipment counts need a destruction, loss or tally word in the sentence or
the one before (deliveries are not losses), or a word of stationing forces with
none of supplying them ("moved 40 helicopters to the border"), and a definite
number (vague "thousands of vehicles" is colour unless ``vague_equipment``).
Counts of violations need a truce named in the sentence or the one before.

One-item-per-line tallies ("tanks – 6,534 (+8);" line after line) are one list
(``lists.py``): its items share the loss context, claimant, side and as_of
of the list's head line (or the line after it). "25 of them were shot down" and
"30 of the 38 missiles" count the things named before.

Claimant, then subject side (whose people or equipment), for each number in
text order: ``attribution.py``, whose docstring lists both cascades
(a claim holding the number, one in the sentence, a party's claim quoted by
another ("Moscow's claim of 600"), a report carried from earlier sentences, the
outlet; side words in the noun phrase, launcher, loser, agent, admission, strike
frame (``frames.py``), the article's victims, the previous figure's side, the
claimant's opposite, ``unknown``). A swap counted "each" or "from both sides"
gives one figure per party. Last, ``readings.one_reading``: a number the outlet
states in its own voice that a named claimant states elsewhere in the article
takes that claimant's reading.

as_of: a date after "as of"/"as at" in the sentence (from ``doc._.cl_times``),
else the publication day for cumulative tallies (tally words, or two or more
equipment figures in one sentence), else null (``SentenceIndex.as_of`` in
``index.py``; a list item takes its list's, ``TallyLists.as_of``).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc

from ...profiles import load_profile
from ...profiles.policy import event_policy
from ...records import Claim, Claimant, Figure, Span
from .. import extensions
from ..vocabulary.sides import Sides
from ..words import words_of
from . import cues
from .attribution import (
    CountedNumber,
    article_victims,
    carried_claimant,
    civilian_carry,
    claim_for,
    read_victims,
    subject_side,
)
from .frames import StrikeFrames
from .index import ASIDE_OPENERS, SentenceIndex
from .lists import TallyLists, back_reference, named_before
from .numbers import Quantity, find_quantities
from .readings import one_group, one_reading
from .subcounts import history, subcount
from .vocabulary import MeasureVocabulary, normalised

VERSION = "1"
EXTRACTOR = "claimledger.figures/" + VERSION

CIVILIAN_MEASURES = {"killed": "civilians_killed", "wounded": "civilians_wounded"}
OBJECT_PREPOSITIONS = normalised("for", "with", "by", "to", "from", "against")
SWAPPED_PEOPLE = normalised("people", "persons")  # "470 people returned home" in a swap: either side's
PARTITIVE_PRONOUNS = normalised("them", "those", "these", "which", "whom")
LIST_DASHES = frozenset({"-", "–", "—", "‒", ":", "−"})
SKIP_WORDS = normalised(
    "of", "the", "a", "an", "more", "other", "additional", "another", "further", "'s", "'", "their", "its", "his",
    "her", "our", "own", "those", "these", "some", "all", "new", "extra")


FACTORY = "claimledger_figures"


@Language.factory(
    FACTORY,
    default_config={"profile": "russia-ukraine"},
    requires=["doc._.cl_claims", "doc._.cl_times", "doc._.cl_article_id", "doc._.cl_published"],
    assigns=["doc._.cl_figures"],
)
def make_figures(nlp: Language, name: str, profile: str) -> FigureExtractor:
    return FigureExtractor(profile)


MAKER_WORDS = normalised("made", "built", "designed", "produced", "manufactured", "supplied")


class FigureExtractor:
    """Finds claimed figures; the vocabulary is compiled once per instance."""

    def __init__(self, profile: str = "russia-ukraine") -> None:
        loaded = load_profile(profile)
        self.vocab = MeasureVocabulary.from_section(loaded.section("measures"), Sides.from_profile(loaded),
                                                    event_policy(loaded).equipment)
        self._norm_cache: dict[str, str] = {}  # word -> normalised word, shared by this instance's docs

    def __call__(self, doc: Doc) -> Doc:
        doc._.cl_figures = [f for f in self.extract(doc)  # a caption's or related headline's number
                            if not extensions.in_furniture(doc, f.number.start, f.number.end)]
        return doc

    # ------------------------------------------------------------ measures
    def extract(self, doc: Doc) -> list[Figure]:
        """The figures of one Doc (its ``doc._`` inputs may be None)."""
        text = words_of(doc).text
        if not text or text.isspace():
            return []
        if len(self._norm_cache) > 200_000:
            self._norm_cache.clear()
        index = SentenceIndex(doc, self.vocab, text, self._norm_cache)
        lists = TallyLists(index)
        found: list[CountedNumber] = []
        for q in find_quantities(index.text):
            if not q.countable:
                continue
            tokens = index.token_range(q.start, q.end)
            if tokens is None:
                continue  # (every cascade below reads the number's tokens)
            hit = self._measure(index, q, tokens, lists)
            if hit is None:
                hit = self._partitive(index, q, tokens, found)
            if hit is None:
                hit = subcount(index, q, *tokens, found) or history(index, q, tokens[0], found)
            if hit is not None:
                found.append(hit)
        return self._resolve(doc, index, found, lists)

    def _np_words(self, index: SentenceIndex, i: int, end: int) -> tuple[int, str | None, str | None]:
        """Skip modifiers after the number: (next index, side word seen, enemy/own marker)."""
        side: str | None = None
        marker: str | None = None
        skipped = 0
        while i < end and skipped < 5:
            w = index.words[i]
            if index.doc[i].is_space and "\n" not in index.texts[i]:
                i += 1  # "7,255  tanks": a double space is no word
                continue
            if self._noun_at(index, i) is not None:
                break
            s = index.side_at(i)
            people = self.vocab.people.match_at(index.words, i)
            if w == "of" and i + 1 < end and index.doc[i + 1].like_num:
                i += 2  # "18 of 20 missiles": the partitive count shares the noun
            elif w == "of" and i + 2 < end and index.words[i + 1] == "the" and index.doc[i + 2].like_num:
                i += 3  # "intercepted 30 of the 38 missiles"
            elif w == "of" and skipped == 0 and i + 2 < end and index.words[i + 1] == "the" and \
                    self.vocab.people_measures.match_at(index.words, i + 2) is not None:
                marker = "subset"  # "two of the dead": part of a count given before
                i += 2
            elif people is not None and people[0] == "civilians":
                side = "civilians"  # "civilian deaths"
                i += people[1]
            elif s is not None and i + s[1] + 1 < end and index.texts[i + s[1]] == "-" and \
                    index.words[i + s[1] + 1] in MAKER_WORDS:
                i += s[1] + 2  # "Iranian-made drones": where they were made, not whose they are
            elif s is not None:
                side = side or s[0]
                i += s[1]
            elif w in self.vocab.enemy_words:
                marker = "enemy"
                i += 1
            elif w in self.vocab.own_words:
                marker = "own"
                i += 1
            elif index.doc[i].dep_ == "compound" and i < index.doc[i].head.i <= i + 3 and \
                    self._noun_at(index, index.doc[i].head.i) is not None:
                i += 1  # "combat fatalities", "military deaths": a noun modifying the counted one
            elif w in SKIP_WORDS or index.doc[i].pos_ in ("ADJ", "ADV", "PROPN") or index.doc[i].is_punct \
                    and index.doc[i].text in ("'", "’", "-") or \
                    index.doc[i].dep_ == "compound" and index.texts[i][:1].isupper():  # "Storm Shadow missiles"
                i += 1
            else:
                break
            skipped += 1
        return i, side, marker

    def _noun_at(self, index: SentenceIndex, i: int) -> tuple[str, str, int] | None:
        """(kind, label, length) of the longest vocabulary noun phrase at token ``i``."""
        best: tuple[str, str, int] | None = None
        for kind, table in (("equipment", self.vocab.equipment),
                            ("people_measure", self.vocab.people_measures),
                            ("people", self.vocab.people), ("other", self.vocab.other)):
            m = table.match_at(index.words, i)
            if m is not None and kind == "people" and index.doc[i + m[1] - 1].pos_ == "ADJ":
                continue  # "Ukrainian" (adjective) is not "Ukrainians"
            if m is not None and self._modifies_next(index, i + m[1] - 1):
                continue  # "attack helicopters", "tank crews": the counted noun comes later
            if m is not None and (best is None or m[1] > best[2]):
                best = (kind, m[0], m[1])
        return best

    @staticmethod
    def _modifies_next(index: SentenceIndex, j: int) -> bool:
        tok = index.doc[j]
        return bool(tok.dep_ == "compound" and tok.head.i > j and tok.head.i == j + 1
                    and tok.head.pos_ in ("NOUN", "PROPN") and not tok.head.is_punct)

    def _coordinated_other(self, index: SentenceIndex, k: int, end: int) -> bool:
        """True when the noun ending at ``k`` is coordinated with another noun (no number between)."""
        j = k
        if j + 1 < end and index.words[j] == "," and index.words[j + 1] in ASIDE_OPENERS:
            return False  # "17 people, all civilians, were killed": an aside, not a second count
        if j < end and index.words[j] in (",", "and", "or", "&"):
            j += 1
            if j < end and index.words[j] in ("and", "or"):
                j += 1
            for _ in range(3):
                if j >= end or index.doc[j].like_num or index.words[j] in ("a", "an"):
                    return False  # "... and 6,075 armoured trucks", "... and a helicopter": a count of its own
                noun = self._noun_at(index, j)
                if noun is not None and index.doc[j + noun[2] - 1].pos_ in ("NOUN", "PROPN"):
                    return True
                if index.doc[j].pos_ not in ("ADJ", "PROPN", "DET") and index.side_at(j) is None:
                    return False
                j += 1
        return False

    def _measure(self, index: SentenceIndex, q: Quantity, tokens: tuple[int, int],
                 lists: TallyLists) -> CountedNumber | None:
        first, last = tokens
        found = self._measure_at(index, q, first, last, lists)
        return None if found is None else replace(found, last=last - 1)

    def _partitive(self, index: SentenceIndex, q: Quantity, tokens: tuple[int, int],
                   found: list[CountedNumber]) -> CountedNumber | None:
        """"25 of them had been shot down": a count out of the previous figure's things (same sentence
        or the one before); its side is that figure's (marker "same")."""
        if q.vague:
            return None
        first, last = tokens
        sent = index.sent_of(first)
        s_start, s_end = index.bounds(sent)
        if last + 1 >= s_end or index.words[last] != "of" or index.words[last + 1] not in PARTITIVE_PRONOUNS:
            return None
        named = self._antecedent(index, first, s_start)
        if named is not None:  # "multiple missiles, five of which were intercepted": out of the things named
            if not index.loss_context(sent):
                return None
            return CountedNumber(q, named, "equipment", sent, first, None, None, None, last - 1)
        if not found:
            return None
        prev = found[-1]
        if sent - prev.sent > 1:
            return None
        if prev.kind == "equipment":
            if not index.loss_context(sent):
                return None
            return CountedNumber(q, prev.measure, "equipment", sent, first, None, "same", None, last - 1)
        if prev.kind == "people":
            outcome = index.outcome_after(last + 2, s_end)
            if outcome is None or outcome == "troops":
                return None
            civilian = prev.np_side == "civilians" or prev.measure.startswith("civilians_")
            measure = CIVILIAN_MEASURES.get(outcome, outcome) if civilian else outcome
            return CountedNumber(q, measure, "people", sent, first, "civilians" if civilian else None, "same", None,
                          last - 1)
        return None

    def _people_named_before(self, index: SentenceIndex, first: int, s_start: int) -> str | None:
        """The side of the nearest people named before the number in its sentence ("Ukrainian officers and
        mercenaries were gathering, killing 40 of them" -> ukraine)."""
        nouns = 0
        for j in range(first - 1, s_start - 1, -1):
            if self.vocab.people.match_at(index.words, j) is None:
                continue
            nouns += 1
            for i in range(j - 1, max(s_start, j - 4) - 1, -1):
                m = index.side_at(i)
                if m is not None:
                    return m[0]
            if nouns == 2:  # "Ukrainian officers and foreign mercenaries": the side of either
                return None
        return None

    def _antecedent(self, index: SentenceIndex, first: int, s_start: int) -> str | None:
        """The equipment named right before ", N of which" ("involved multiple missiles, five of which")."""
        j = first - 1
        if j <= s_start or index.words[j] != ",":
            return None
        for n in range(1, 4):
            if j - n >= s_start:
                noun = self._noun_at(index, j - n)
                if noun is not None and noun[0] == "equipment" and noun[2] == n:
                    return noun[1]
        return None

    def _measure_at(self, index: SentenceIndex, q: Quantity, first: int, last: int,
                    lists: TallyLists) -> CountedNumber | None:
        """What the number between tokens ``first`` and ``last`` (exclusive) counts, if anything."""
        sent = index.sent_of(first)
        s_start, s_end = index.bounds(sent)
        i, np_side, marker = self._np_words(index, last, s_end)
        noun = self._noun_at(index, i)
        verb_before = index.verb_before(first, s_start)
        if noun is None and last < s_end and index.words[last] == "time" and cues.violation_of_truce(index, sent):
            # "broke the ceasefire more than a thousand times"
            return CountedNumber(q, "ceasefire_violations", "other", sent, first, None, None, None)
        if noun is None:
            listed = self._listed_before(index, q, sent, first, s_start, lists)
            if listed is not None or q.year_like:
                return listed
            return self._bare(index, q, sent, first, last, s_start, s_end, verb_before)
        if q.year_like and i != last:
            return None
        kind, label, length = noun
        k = i + length
        head = self._noun_at(index, k) if k < s_end else None
        if head is not None and head[0] == kind == "equipment":  # "anti-ship missiles": the last noun counts
            i, (kind, label, length) = k, head
            k = i + length
        if np_side is None:  # "50 Russians", "180 occupiers": the noun names the side itself
            np_side = next((m[0] for j in range(i, k) if (m := index.side_at(j)) is not None), None)
        owner_lead = k < s_end and (index.words[k] == "of" or index.words[k] == "from" and kind == "equipment")
        if np_side is None and owner_lead:
            # "bodies of civilians", "of the Russian army", "took out 9,000 vehicles from Russia"
            np_side = self._of_phrase_side(index, k + 1, min(s_end, k + 6))
        if np_side is None:  # "1,040 casualties Russian forces suffered": the loser of a relative clause
            np_side = index.relative_loser(k - 1)
        if self._coordinated_other(index, k, s_end):
            return None
        if kind == "equipment":
            if q.vague and not self.vocab.vague_equipment:
                return None
            if not lists.loss_context(sent):
                if cues.deployment(index, sent) and not q.vague:  # "moved 40 helicopters to the border"
                    return CountedNumber(q, label, "equipment", sent, first, np_side, "present", verb_before)
                return None
            return CountedNumber(q, label, "equipment", sent, first, np_side, marker, verb_before)
        if kind == "other":
            if q.vague or (label == "ceasefire_violations" and not cues.truce_context(index, sent)):
                return None  # violations of what? only a ceasefire's are counted
            return CountedNumber(q, label, "other", sent, first, np_side, marker, None)
        if kind == "people_measure":
            measure = label
            if label == "captured":  # "40 POWs were killed", "killing 40 prisoners": what befell the prisoners
                befell = (index.outcome_before(first, s_start, weak=False) or index.outcome_after(k, s_end))
                if befell is not None and befell not in ("captured", "troops"):
                    return CountedNumber(q, befell, "people", sent, first, np_side, marker, verb_before,
                                         group="military")
            if np_side == "civilians":  # "7,000 civilian deaths"
                measure = CIVILIAN_MEASURES.get(measure, measure)
            elif np_side is None and measure in ("killed", "killed_or_wounded"):  # "41 dead": whose, the context says
                hint = index.civilian_context(sent) or index.civilian_words_in(sent)
                return CountedNumber(q, measure, "people", sent, first, np_side, marker, verb_before, group="bare",
                                     civilian_hint=hint)
        else:
            if label in ("civilians", "people") and self._military_aside(index, k, s_end):
                label = "military"  # "nine people, including senior commanders, were killed"
            outcome = (index.outcome_before(first, s_start, weak=False) or index.outcome_after(k, s_end)
                       or index.outcome_before(first, s_start))
            if outcome is None and label == "military":
                earlier = index.outcome_earlier(sent, first)  # "destroyed two tanks and 47 invaders"
                if earlier in ("killed", "captured"):
                    outcome = earlier
                elif index.has_loss_word_before(sent, first):
                    # "losses amounted to 1,400 servicemen"; a cumulative tally's personnel losses
                    # ("total combat losses ... to about 409,010 personnel") count the killed, as its list does
                    tally_personnel = index.words[k - 1] == "personnel" and index.is_tally(sent) and \
                        index.outcome_earlier_any(sent, first) == "killed"
                    outcome = "killed" if tally_personnel else "killed_or_wounded"
                elif k < s_end and index.words[k] in self.vocab.presence_words and \
                        (first == s_start or index.words[first - 1] not in OBJECT_PREPOSITIONS):
                    outcome = "troops"  # "150,000 troops near the border" (not "exchanged for 5 pilots")
            if outcome is None and label in ("military", "people") and (
                    cues.aboard(index, k, s_end) or label == "military" and cues.existential(index, first, s_start)):
                # "510 crew members on board", "there were more than 500 soldiers on the parade ground"
                return CountedNumber(q, "troops", "people", sent, first, np_side, "present", verb_before,
                                     group=label)
            if outcome is None:
                return None
            if label == "people" and outcome == "captured" and index.words[i] in SWAPPED_PEOPLE:
                return CountedNumber(q, outcome, "people", sent, first, None, None, verb_before, group="generic")
            if label == "people" and outcome == "troops":
                return None  # "60 people gathered at a cafe" is no deployment
            if label == "people":
                hint = index.civilian_context(sent) or index.civilian_place_in(sent) or \
                    index.civilian_words_in(sent) or self._civilian_aside(index, k, s_end)
                return CountedNumber(q, outcome, "people", sent, first, np_side, marker, verb_before, group="people",
                                     civilian_hint=hint)
            if label == "civilians":
                if outcome == "troops":
                    return None  # "60 residents were gathered" is no deployment
                measure = CIVILIAN_MEASURES.get(outcome, outcome)
                return CountedNumber(q, measure, "people", sent, first, "civilians", None, verb_before, group=label)
            measure = outcome
        hint = label == "generic" and (index.civilian_words_in(sent) or self._civilian_aside(index, k, s_end))
        return CountedNumber(q, measure, "people", sent, first, np_side, marker, verb_before,
                             group=label if kind == "people" else None, civilian_hint=hint)

    def _civilian_aside(self, index: SentenceIndex, k: int, end: int) -> bool:
        """", including three children," right after a people noun: the count is of civilians."""
        if k + 1 >= end or index.words[k] != "," or index.words[k + 1] not in ("including", "among"):
            return False
        for j in range(k + 2, min(end, k + 10)):
            if index.words[j] == ",":
                return False
            m = self.vocab.people.match_at(index.words, j)
            if m is not None:
                return m[0] == "civilians"
        return False

    def _military_aside(self, index: SentenceIndex, k: int, end: int) -> bool:
        """", including senior commanders," right after a people noun: the count is military."""
        if k + 1 >= end or index.words[k] != "," or index.words[k + 1] not in ("including", "among"):
            return False
        for j in range(k + 2, min(end, k + 10)):
            if index.words[j] == ",":
                return False
            m = self.vocab.people.match_at(index.words, j)
            if m is not None and m[0] == "military":
                return True
        return False

    def _of_phrase_side(self, index: SentenceIndex, i: int, end: int) -> str | None:
        """The side (or "civilians") named in an "of ..." phrase after the counted noun."""
        for j in range(i, end):
            people = self.vocab.people.match_at(index.words, j)
            if people is not None and people[0] == "civilians":
                return "civilians"
            side = index.side_at(j)
            if side is not None:
                return side[0]
            if index.doc[j].is_punct or index.doc[j].pos_ == "VERB":
                return None
        return None

    def _shared_noun(self, index: SentenceIndex, last: int, end: int) -> str | None:
        """The people group of the next count when a bare count shares its noun ("4 and ... 5 civilians")."""
        if last >= end or index.words[last] not in ("and", ","):
            return None
        for j in range(last + 1, min(end, last + 5)):
            if index.doc[j].like_num:
                nxt, _, _ = self._np_words(index, j + 1, end)
                people = self.vocab.people.match_at(index.words, nxt)
                return people[0] if people is not None else None
        return None

    def _listed_before(self, index: SentenceIndex, q: Quantity, sent: int, first: int,
                       s_start: int, lists: TallyLists) -> CountedNumber | None:
        """A "noun - number" list item: "tanks - 3,029 (+2)", "personnel: about 105,960"."""
        j = first - 1
        if j <= s_start or index.doc[j].text not in LIST_DASHES:
            return None
        for n in range(min(4, j - s_start), 0, -1):
            noun = self._noun_at(index, j - n)
            if noun is None or noun[2] != n:
                continue
            kind, label, _ = noun
            if q.vague or not lists.loss_context(sent):
                return None
            if kind == "equipment":
                return CountedNumber(q, label, "equipment", sent, first, None, None, None)
            if kind == "people_measure":
                return CountedNumber(q, label, "people", sent, first, None, None, None)
            if kind == "people" and label == "military":
                return CountedNumber(q, "killed", "people", sent, first, None, None, None)
            return None
        return None

    def _bare(self, index: SentenceIndex, q: Quantity, sent: int, first: int, last: int,
              s_start: int, s_end: int, verb_before: int | None) -> CountedNumber | None:
        """A number with no noun: "400 died", "300 wounded", "killing 12,", "death toll of 89"."""
        if last + 1 < s_end and index.words[last] in ("more", "other"):
            last += 1  # "killing four more and injuring three more"
        nxt = index.doc[last] if last < s_end else None
        if nxt is not None and nxt.pos_ in ("NOUN", "PROPN") and index.outcomes_at(last) is None:
            return None
        outcome = index.outcome_after(last, min(s_end, last + 4))
        described: str | None = None  # the side named after a describing outcome word
        if last + 1 < s_end and index.words[last] == "of" and index.words[last + 1] in PARTITIVE_PRONOUNS:
            described = self._people_named_before(index, first, s_start)  # "killing up to 40 of them"
        if nxt is not None and nxt.dep_ in ("amod", "compound") and index.outcomes_at(last) is not None:
            # "captured two wounded North Korean fighters": the verb governs, "wounded" only describes them
            governing = index.outcome_before(first, s_start, weak=False)
            if governing is not None:
                outcome = governing
                described = next((m[0] for j in range(last + 1, min(s_end, last + 5))
                                  if (m := index.side_at(j)) is not None), None)
        toll = False
        if outcome is None and (nxt is None or nxt.is_punct or nxt.pos_ in ("ADP", "CCONJ", "SCONJ")):
            outcome = index.outcome_before(first, s_start)
            if outcome is None:
                outcome = index.toll_before(first, s_start)
                toll = outcome is not None
        if outcome is None or outcome == "troops":
            return None
        shared = self._shared_noun(index, last, s_end)  # "killed 4 and wounded 5 civilians"
        if shared == "civilians" and outcome in CIVILIAN_MEASURES:
            return CountedNumber(q, CIVILIAN_MEASURES[outcome], "people", sent, first, "civilians", None, verb_before)
        owner = index.side_before_toll(first, s_start) if toll else None
        if owner is not None:  # "the Russian death toll ... 100,000"
            return CountedNumber(q, outcome, "people", sent, first, owner, None, verb_before)
        hint = outcome in CIVILIAN_MEASURES and (index.civilian_context(sent) or index.civilian_words_in(sent))
        toll_hint = outcome in CIVILIAN_MEASURES and toll and index.civilian_context(sent, require_place=False)
        # "300 soldiers have been killed and another 2,700 wounded": the same people as before
        marker = "same" if first > s_start and index.words[first - 1] in ("another", "further") else None
        return CountedNumber(q, outcome, "people", sent, first, described, marker, verb_before, group="bare",
                             civilian_hint=hint, weak_civilian_hint=toll_hint)

    # ------------------------------------------------------------ claimant, side, as_of
    def _resolve(self, doc: Doc, index: SentenceIndex, found: list[CountedNumber], lists: TallyLists) -> list[Figure]:
        if not found:
            return []  # (no strike frames to read)
        article_id = str(doc._.cl_article_id or "")
        claims: list[Claim] = list(doc._.cl_claims or [])
        outlet = Claimant(name=doc._.cl_outlet, mention=None, side="independent", kind="outlet")
        figures: list[Figure] = []
        sent_count: dict[int, int] = {}
        for f in found:
            if f.kind == "equipment":
                sent_count[f.sent] = sent_count.get(f.sent, 0) + 1
        frames = StrikeFrames(index, dict(self.vocab.party_countries))
        guessed: set[str] = set()  # figures whose side only the cascade's last resorts gave
        victims = article_victims(found)
        for n, f in enumerate(found, 1):
            frame, local = frames.for_sentence(f.sent)
            before = figures[-1] if figures and index.sent_of_char(figures[-1].evidence.start) == f.sent else None
            f = read_victims(f, frame, local, victims, before)
            claim, inside = claim_for(index, claims, f, lists)
            impersonal = claim is not None and claim.claimant.name is None and claim.claimant.side == "unknown"
            if impersonal:
                claim = None  # "it was reported that ...", "according to reports": the outlet's report
            claimant = claim.claimant if claim is not None else outlet
            owned = cues.possessed_claim(index, f.first)
            if owned is not None:  # "Kyiv dismissed Moscow's claim of 600 killed": Moscow's number
                claimant = Claimant(name=owned[0], mention=owned[0], side=owned[1], kind="official")
                claim = None
                impersonal = True  # nothing to carry from earlier sentences
            claim_id = claim.id if claim is not None else None
            if claim is not None and claimant.side == "unknown":
                named = named_before(claimant, figures, claims)  # "the General Staff" named in full before
                if named is not None:
                    claimant = named
            weak = not impersonal and (claim is None or claimant.side in ("unknown",) or claimant.kind == "outlet")
            if weak and f.kind != "other":
                back = next((b for s in (f.sent + 1, *lists.context_sentences(f.sent))
                             if (b := back_reference(index, s)) is not None), None)
                if back is not None:  # "... This was reported by the General Staff of ..."
                    claimant, claim_id, claim, weak = back, None, None, False
            if weak and f.np_marker == "subset" and figures and \
                    f.sent - index.sent_of_char(figures[-1].evidence.start) <= 1:
                claimant, claim_id = figures[-1].claimant, figures[-1].claim_id  # the whole count's claimant
                weak = claimant.kind == "outlet"
            if f.kind != "other" and not impersonal and (weak or index.continues(f.sent)):
                carried = carried_claimant(index, figures, found[:n - 1], f, claims, inside)
                if carried is not None:
                    claimant, claim_id = carried
                    claim = None
            side, defaulted = subject_side(index, figures, f, claimant, claim, lists, frame, local, victims)
            f, side = civilian_carry(index, figures, f, side)
            if side == "civilians" and f.measure in CIVILIAN_MEASURES:  # one reading: civilians' losses
                f = replace(f, measure=CIVILIAN_MEASURES[f.measure])
            elif f.measure in CIVILIAN_MEASURES.values():
                side = "civilians"
            s_start, s_end = index.sent_chars(f.sent)
            q = f.quantity
            sides = [side]
            if f.measure == "captured" and side == "unknown" and cues.both_sides(index, f.sent):
                sides = sorted(self.vocab.opposites)  # "1,000 prisoners each", "both sides exchanged 270 soldiers"
            for k, subject in enumerate(sides):
                if defaulted and len(sides) == 1:
                    guessed.add(f"{article_id}:f{n}")
                figures.append(Figure(
                    id=f"{article_id}:f{n}" + ("" if k == 0 else f".{k}"), article_id=article_id,
                    measure=f.measure, subject_side=subject,
                    low=q.low, best=q.best, high=q.high, qualifier=q.qualifier, claimant=claimant,
                    evidence=Span(s_start, s_end, index.text[s_start:s_end]),
                    number=Span(q.start, q.end, q.text),
                    as_of=lists.as_of(f.sent) if lists.of(f.sent) else index.as_of(
                        f.sent, sent_count.get(f.sent, 0), (q.start, q.end)),
                    claim_id=claim_id, extractor=EXTRACTOR,
                ))
        return one_reading(one_group(figures, guessed, index.sent_of_char))


def with_event(figure: Figure, event_id: str | None) -> Figure:
    """A copy of ``figure`` linked to an event (the events component re-links figures)."""
    return replace(figure, event_id=event_id)


__all__ = ["EXTRACTOR", "FACTORY", "VERSION", "FigureExtractor", "make_figures", "with_event"]

"""The per-Doc context the figures component reads the measure vocabulary against.

``SentenceIndex`` holds one Doc's normalised words, sentences (spaCy's, split
again at line breaks), paragraphs and per-sentence context flags, with the
look-ups the cascades of ``component.py`` and ``attribution.py`` use
(outcome words, losers, strike targets, tally sources, as_of);
``governing_verb`` and ``side_of_subject`` read the dependency parse, and
``claim_cue`` a claim's cue. The vocabulary itself (``MeasureVocabulary``,
``PhraseTable``, ``normalise``) is parsed and validated in
``vocabulary.py`` and re-exported here.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc

from ...records import Claim, Claimant
from ..words import words_of
from .vocabulary import (
    MEASURES,
    OUTCOMES,
    PEOPLE_GROUPS,
    MeasureVocabulary,
    Phrase,
    PhraseTable,
    normalise,
    normalised,
    split_phrase,
)

AUX_WORDS = normalised(
    "were", "was", "have", "had", "has", "been", "being", "are", "is", "be", "reportedly", "also", "all", "who",
    "that", "allegedly", "temporarily", "reported", "said", "believed", "thought", "feared", "now", "already",
    "later", "subsequently", "either", "both", "then", "just", "likely", "probably", "confirmed", "to", "got",
    "get", "left", "presumably", "went", "gone", "go", "remain", "remained", "remains", "still")
BEFORE_SKIP = normalised(
    "another", "a", "further", "an", "additional", "the", "staggering", "whopping", "astonishing", "massive",
    "record", "total", "estimated", "reported", '"', "\u201c", "\u201d", "'")
TOLL_LINKS = normalised(
    "of", "to", "at", "reached", "hit", "stand", "stands", "stood", "is", "was", "surpassed", "exceeded",
    "passed", "topped", "from", "numbered", "totalled", "totaled", "totalling", "totaling")
# ("the toll grew from 50 to 57": both are tolls; "combat losses numbered 61,330")
TOLL = normalise("toll")
SUBSET_LEADS = normalised("including", "incl")
LIST_LINKS = normalised("of", "including", "among", "them", "and", "another", "also", "as", "well")
TARGET_LEADS = normalised("on", "at", "against", "housing", "hit", "struck", "targeted", "targeting", "where",
                          "hitting", "striking", "shelled", "shelling")
WEAK_OUTCOMES = normalised("lost", "losing", "lose", "loses")  # "lost 500 troops (killed or wounded)"
ASIDE_OPENERS = normalised("including", "among", "most", "many", "mostly", "mainly", "all")
QUOTE_OR_COMMA = frozenset({",", '"', "\u201c", "\u201d", "'", "\u2018", "\u2019"})
PERIOD_START = re.compile(r"\b(?:since|from|between|start(?:ed)?|began|beginning)\W+(?:\w+\W+)?$")
INCREMENT = re.compile(r"\b(?:over|in|during|for) the (?:past|last|previous) (?:day|24 hours|twenty-four hours)\b|"
                       r"\bin (?:one|a single) day\b|\bper day\b|\bover the day\b", re.IGNORECASE)
SINCE = re.compile(r"\bsince\b[^.;:,]*$")
DIGITS_OR_WORDS = re.compile(r"\d[\d,. ]*\d|\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
                             r"twelve|dozens?|hundreds?|thousands?)\b", re.IGNORECASE)
RELATIVE_DAY = re.compile(r"\b(?:previous|last|past) day\b|\byesterday\b|\bday earlier\b", re.IGNORECASE)
RUNNING = re.compile(r"\bsince\W+(?:\w+\W+){0,3}(?:invasion|war|began|begun|started|launched|start|beginning)\b|"
                     r"\b(?:casualties|milestone|in total|so far|to date)\b|\b(?:has|have)\s+now\b|"
                     r"\b(?:topped|surpassed|passed|exceeded)\s+(?:the\s+)?(?:\w+\s+)?(?:\d|one|a\b)",
                     re.IGNORECASE)
QUOTE_MARKS = frozenset({'"', "\u201c", "\u201d", "\u2018", "\u2019", "'", "\u00ab", "\u00bb"})
SUBJECT_PRONOUNS = frozenset({"we", "it", "they"})
SOURCE_LINKS = frozenset({"from", "by", "of", "released", "published", "provided", "compiled", "issued"})


def claim_cue(claim: Claim) -> str:
    """A claim's cue, normalised like the vocabulary ("admitted" -> "admitted")."""
    return normalise(claim.cue or "")


class SentenceIndex:
    """Per-Doc lookups for the figures component: normalised words, sentences, paragraphs, context flags.

    Sentences are spaCy's (when the Doc is parsed), further split at line breaks.
    Built once per Doc and thrown away with it.
    """

    def __init__(self, doc: Doc, vocab: MeasureVocabulary, text: str | None = None,
                 norm_cache: dict[str, str] | None = None) -> None:
        self.doc = doc
        self.vocab = vocab
        self.text: str = words_of(doc).text if text is None else text
        cache = {} if norm_cache is None else norm_cache
        self.table = table = words_of(doc)  # the Doc's tokens, read once (see extract/words.py)
        texts = table.texts
        self.idx: list[int] = table.idx
        starts = [a for a, _ in table.sents[1:]]
        for w in set(texts).difference(cache):
            cache[w] = normalise(w)
        self.words = [cache[w] for w in texts]
        self.texts = texts
        bounds = [0, *starts, len(texts)]
        line_breaks = [i for i, w in enumerate(texts) if "\n" in w]
        self.sents: list[tuple[int, int]] = []
        for a, b in zip(bounds, bounds[1:], strict=False):
            start = a
            for i in line_breaks[bisect_left(line_breaks, a):bisect_left(line_breaks, b)]:
                if i > start:
                    self.sents.append((start, i))
                    start = i + 1
            if start < b:
                self.sents.append((start, b))
        self.sents = [(a, b) for a, b in self.sents if b > a] or [(0, len(texts))]
        self.tok_sent = [0] * len(texts)
        for number, (a, b) in enumerate(self.sents):
            self.tok_sent[a:b] = [number] * (b - a)
        self.sent_starts = [self.idx[a] if a < len(self.idx) else 0 for a, _ in self.sents]
        # one paragraph break per run of line breaks: a blank line between paragraphs is one break
        self.newlines = [m.start() for m in re.finditer(r"\n[\s]*", self.text)]
        self._sent_chars: dict[int, tuple[int, int]] = {}
        self._flags: dict[int, tuple[bool, bool, bool, bool]] = {}
        self._sources: dict[int, Claimant | None] = {}
        self._dates: dict[int, tuple[str | None, str | None, bool]] = {}
        self._increments: dict[int, list[tuple[int, int]]] = {}  # sentence -> the numbers nearest its increments

    # positions
    def sent_of(self, token: int) -> int:
        return self.tok_sent[min(max(token, 0), len(self.tok_sent) - 1)] if self.tok_sent else 0

    def sent_of_char(self, char: int) -> int:
        return max(0, bisect_right(self.sent_starts, char) - 1)

    def bounds(self, sent: int) -> tuple[int, int]:
        return self.sents[sent]

    def token_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The tokens ``text[start:end]`` touches, (first, after the last), as ``Words.tokens_touching``
        finds them; None for no tokens."""
        tokens = self.table.tokens_touching(start, end)
        return (tokens.start, tokens.stop) if tokens else None

    def sent_chars(self, sent: int) -> tuple[int, int]:
        """Character span of a sentence without surrounding white space."""
        if sent in self._sent_chars:
            return self._sent_chars[sent]
        a, b = self.sents[sent]
        text = self.text
        if not self.idx:
            return 0, 0
        start, end = self.idx[a], self.idx[b - 1] + len(self.texts[b - 1])
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        self._sent_chars[sent] = (start, end)
        return start, end

    def paragraph_of(self, sent: int) -> int:
        return bisect_right(self.newlines, self.sent_starts[sent])

    # words
    def side_at(self, i: int) -> tuple[str, int] | None:
        return self.vocab.sides.match_at(self.words, i, self.texts)

    def outcomes_at(self, i: int) -> tuple[str, int] | None:
        return self.vocab.outcomes.match_at(self.words, i)

    def _ending_at(self, table: PhraseTable, first: int, s_start: int) -> int | None:
        """Start of a ``table`` phrase that ends right before ``first`` (skipping "another" etc.)."""
        end = first
        while end > s_start and self.words[end - 1] in BEFORE_SKIP and first - end < 3:
            end -= 1
        for n in range(1, min(table.longest, end - s_start) + 1):
            if table.entries.get(tuple(self.words[end - n:end])) is not None:
                return end - n
        return None

    def outcome_before(self, first: int, s_start: int, weak: bool = True) -> str | None:
        """The outcome verb right before the number ("killed 89"); ``weak=False`` ignores "lost", which
        otherwise counts the killed and wounded ("Russia lost 330 personnel")."""
        start = self._ending_at(self.vocab.outcomes, first, s_start)
        if start is None:
            return None
        if self.words[start] in WEAK_OUTCOMES:
            return "killed_or_wounded" if weak else None
        m = self.outcomes_at(start)
        return m[0] if m else None

    def verb_before(self, first: int, s_start: int) -> int | None:
        """Token index of an outcome or agent verb right before the number."""
        for table in (self.vocab.agent_verbs, self.vocab.outcomes):
            start = self._ending_at(table, first, s_start)
            if start is not None:
                return start
        return None

    def outcome_after(self, k: int, end: int) -> str | None:
        """The outcome word after a people noun: "were killed", "stationed", "killed and injured"."""
        j = k
        steps = 0
        while j < end and steps < 7:
            m = self.outcomes_at(j)
            if m is not None:
                label, n = m
                nxt = j + n
                if label in ("killed", "wounded") and nxt + 1 < end and self.words[nxt] in ("and", "or", "/"):
                    after = nxt + 2 if self.words[nxt + 1] in AUX_WORDS and nxt + 2 < end else nxt + 1
                    m2 = self.outcomes_at(after)
                    if m2 is not None and {label, m2[0]} == {"killed", "wounded"}:
                        return "killed_or_wounded"
                    if m2 is not None and m2[0] == "missing" and self.words[nxt] == "or":
                        return None  # "killed or missing": no measure counts that
                return label
            tok = self.doc[j]
            if self.words[j] in AUX_WORDS or tok.pos_ in ("ADV", "AUX", "PART") or tok.text in QUOTE_MARKS:
                j += 1
                steps += 1
                continue
            if self.words[j] in (",", "and") and j + 1 < end and (
                    self.doc[j + 1].like_num or self.words[j + 1] in ("a", "an")) and steps < 4:
                item_end = next((x for x in range(j + 2, min(end, j + 8)) if self.words[x] in (",", "and")
                                 or self.outcomes_at(x) is not None), None)
                if item_end is not None:  # "32 servicemen, 2 tanks, 2 launchers eliminated": the list's verb
                    j = item_end
                    steps += 1
                    continue
            if self.words[j] == "," and j + 1 < end and self.words[j + 1] in ASIDE_OPENERS:
                close = next((x for x in range(j + 2, min(end, j + 12)) if self.words[x] == ","), None)
                if close is not None:  # "15 people, including three children, were killed"
                    j = close + 1
                    continue
            return None
        return None

    def toll_before(self, first: int, s_start: int) -> str | None:
        """"the death toll (from the strike) rose to 52" -> killed; "Russian casualties have
        reached 300,000" -> killed_or_wounded: a bare number after a toll or a people measure noun."""
        if first > s_start + 1 and self.words[first - 2:first] == ["in", "the"]:
            first -= 1  # "put the number of dead in the hundreds"
        elif first <= s_start or self.words[first - 1] not in TOLL_LINKS:
            return None
        for j in range(first - 1, max(s_start, first - 30) - 1, -1):
            tok = self.doc[j]
            if (tok.is_punct and tok.text not in ("-", "'", "\u2019")) or (
                    tok.like_num and j < first - 1 and self.words[j + 1] != "-"):  # "nine-storey" is no count
                return None  # "the toll from a strike on a nine-storey block rose to 40"
            if self.words[j] == TOLL:
                return "killed"
            m = self.vocab.people_measures.match_at(self.words, j)
            if m is not None and (tok.pos_ == "NOUN" or tok.pos_ == "ADJ" and (
                    tok.head.pos_ == "NOUN" or tok.dep_ in ("pobj", "nsubj", "dobj"))):
                return m[0]  # "the death toll", "the number of dead victims"
            if tok.pos_ == "NOUN" and self.vocab.loss_words.match_at(self.words, j) is not None and \
                    self._people_losses(j, first):
                # "total losses ... to 154,830" after "1,060 personnel had been killed": killed; else both
                return "killed" if self.outcome_earlier_any(self.sent_of(j), j) == "killed" else "killed_or_wounded"
        return None

    def relative_loser(self, noun: int) -> str | None:
        """The side of the subject of a loss verb in a relative clause on the noun ("casualties Russian
        forces suffered", "losses that Ukraine sustained")."""
        if noun < 0 or noun >= len(self.words):
            return None
        for clause in self.doc[noun].children:
            if clause.dep_ != "relcl" or self.vocab.loss_words.match_at([normalise(clause.text)], 0) is None and \
                    clause.lemma_.lower() not in ("suffer", "sustain", "lose", "incur"):
                continue
            for subject in (c for c in clause.children if c.dep_ == "nsubj"):
                for t in subject.subtree:
                    m = self.side_at(t.i)
                    if m is not None:
                        return m[0]
        return None

    def _people_losses(self, j: int, first: int) -> bool:
        """The losses before a bare number are people ("combat losses among Russian personnel", "Moscow's
        total losses"): no equipment named between them, and people or a side named in the phrase."""
        a, _ = self.sents[self.sent_of(j)]
        span = range(max(a, j - 4), first)
        if any(self.vocab.equipment.match_at(self.words, i) is not None for i in span):
            return False
        return any(self.vocab.people.match_at(self.words, i) is not None or self.side_at(i) is not None
                   for i in range(a, first))  # "lost 980 troops ..., taking its total losses to 620,000"

    def outcome_earlier(self, sent: int, first: int) -> str | None:
        """The nearest outcome word before the number in its sentence ("destroyed two tanks and 47 invaders")."""
        a, _ = self.sents[sent]
        subset = first > a and self.words[first - 1] in SUBSET_LEADS  # "..., including 350 over the past day"
        for j in range(first - 1, a - 1, -1):
            m = self.outcomes_at(j)
            if m is not None and j + m[1] <= first:
                return m[0]
            tok = self.doc[j]
            if self.words[j] in LIST_LINKS or subset:
                continue
            if tok.pos_ in ("VERB", "AUX", "SCONJ") or tok.pos_ == "ADP" or \
                    (tok.is_punct and tok.text not in QUOTE_OR_COMMA):
                return None  # only list material may stand between the verb and the count
        return None

    def outcome_earlier_any(self, sent: int, first: int) -> str | None:
        """The nearest strong outcome word anywhere before the number in its sentence ("eliminated 770
        invaders, bringing the total losses to 409,010 personnel" -> killed); "lost" does not count."""
        a, _ = self.sents[sent]
        for j in range(first - 1, a - 1, -1):
            m = self.outcomes_at(j)
            if m is not None and self.words[j] not in WEAK_OUTCOMES:
                return m[0]
        return None

    def has_loss_word_before(self, sent: int, first: int) -> bool:
        a, _ = self.sents[sent]
        return self.vocab.loss_words.contains(self.words[a:first])

    # sentence flags
    def _sentence_flags(self, sent: int) -> tuple[bool, bool, bool, bool]:
        """(destruction, tally, supply, continuation) words in the sentence."""
        if sent not in self._flags:
            a, b = self.sents[sent]
            words = self.words[a:b]
            v = self.vocab
            self._flags[sent] = (v.destruction_words.contains(words), v.tally_words.contains(words),
                                 v.supply_words.contains(words),
                                 v.continuation_words.contains(words[:8]))
        return self._flags[sent]

    def loss_context(self, sent: int) -> bool:
        destruction, tally, supply, _ = self._sentence_flags(sent)
        if destruction:
            return True
        if supply:
            return False
        if tally:
            return True
        if sent > 0 and self.paragraph_of(sent) - self.paragraph_of(sent - 1) <= 1:
            prev = self._sentence_flags(sent - 1)
            return prev[0] or prev[1]
        return False

    def continues(self, sent: int) -> bool:
        return self._sentence_flags(sent)[3]

    def is_tally(self, sent: int) -> bool:
        return self._sentence_flags(sent)[1]

    # sides
    def _side_near(self, lo: int, hi: int, nearest_last: bool = True) -> str | None:
        rng = range(hi - 1, lo - 1, -1) if nearest_last else range(lo, hi)
        for i in rng:
            m = self.side_at(i)
            if m is not None:
                return m[0]
        return None

    def first_side(self, sent: int) -> str | None:
        a, b = self.sents[sent]
        return self._side_near(a, b, nearest_last=False)

    def loser_side(self, sent: int, first: int) -> str | None:
        """The side named as the loser before the number ("Russia has lost", "losses of the Russian army")."""
        a, _ = self.sents[sent]
        for j in range(first - 1, a - 1, -1):
            m = self.vocab.loss_words.match_at(self.words, j)
            if m is None:
                continue
            for i in range(j - 1, max(a, j - 7) - 1, -1):
                if self.doc[i].is_punct and self.doc[i].text not in ("'", "’"):
                    break
                s = self.side_at(i)
                if s is not None:
                    return s[0]
            after = self._side_near(j + m[1], min(first, j + m[1] + 4), nearest_last=False)
            if after is not None and self.words[j + m[1]] == "of":
                return after
        return None

    def retaliation_before(self, sent: int, first: int) -> bool:
        a, _ = self.sents[sent]
        return self.vocab.retaliation_cues.contains(self.words[a:first])

    def target_side(self, sent: int, first: int, weapons: bool = False) -> str | None:
        """Whose losses a strike caused, from "a Ukrainian missile" (attacker) or "on a Russian
        regiment" (target, after "on", "at", "housing", "where"...) in this sentence or the one
        before (across at most one paragraph break); None when unsure. ``weapons=True`` for
        counted missiles or drones: they belong to the attacker, so the reading flips."""
        sides: set[str] = set()
        sentences = [sent]
        if sent > 0 and self.paragraph_of(sent) - self.paragraph_of(sent - 1) <= 1:
            sentences.append(sent - 1)
        for s in sentences:
            a, b = self.sents[s]
            for i in range(a, b - 1):
                m = self.side_at(i)
                if m is None:
                    continue
                j = i + m[1]
                while j < b and (self.doc[j].pos_ == "ADJ" or self.words[j] == "'s") and j - i < 4:
                    j += 1
                compound = j + 1 < b and self.doc[j].dep_ == "compound"
                for jj in (j, j + 1) if compound else (j,):  # "a Russian missile strike"
                    if self.vocab.attack_nouns.match_at(self.words, jj) is not None:
                        sides.add(m[0] if weapons else self.vocab.opposites.get(m[0], "unknown"))
                        break
                    if self.vocab.target_nouns.match_at(self.words, jj) is not None and \
                            any(w in TARGET_LEADS for w in self.words[max(a, i - 3):i]):
                        sides.add(self.vocab.opposites.get(m[0], "unknown") if weapons else m[0])
                        break
        sides.discard("unknown")
        return sides.pop() if len(sides) == 1 else None

    def civilian_context(self, sent: int, require_place: bool = True) -> bool:
        """A civilian place (an apartment block, a market) named in this sentence or the one before,
        and no soldiers, barracks or units there. ``require_place=False``: no military words suffice."""
        place = False
        for s in (sent, sent - 1):
            if s < 0 or (s < sent and self.paragraph_of(sent) - self.paragraph_of(s) > 1):
                continue
            a, b = self.sents[s]
            words = self.words[a:b]
            if self.vocab.target_nouns.contains(words) or self._military_people(a, b):
                return False
            place = place or self.vocab.civilian_places.contains(words)
        return place or not require_place

    def civilian_words_in(self, sent: int) -> bool:
        """The sentence names civilians ("civilians", "children", "residents") and no soldiers."""
        a, b = self.sents[sent]
        found = False
        for j in range(a, b):
            m = self.vocab.people.match_at(self.words, j)
            if m is not None and m[0] == "military":
                return False
            found = found or (m is not None and m[0] == "civilians")
        return found

    def civilian_place_in(self, sent: int) -> bool:
        """A civilian place named in this very sentence ("killed in the city") with no soldiers, units or
        military targets in it."""
        a, b = self.sents[sent]
        words = self.words[a:b]
        return self.vocab.civilian_places.contains(words) and not self.vocab.target_nouns.contains(words) \
            and not self._military_people(a, b)

    def _military_people(self, a: int, b: int) -> bool:
        for j in range(a, b):
            m = self.vocab.people.match_at(self.words, j)
            if m is not None and m[0] == "military":
                return True
        return False

    def side_before_toll(self, first: int, s_start: int) -> str | None:
        """"the Russian death toll", "Ukraine's military toll": the side that owns a toll."""
        for j in range(first - 1, max(s_start, first - 18) - 1, -1):
            if self.words[j] == TOLL:
                return self._side_near(max(s_start, j - 4), j)
            if self.vocab.people_measures.match_at(self.words, j) is not None and j > s_start and \
                    self.side_at(j - 1) is not None:
                return self._side_near(max(s_start, j - 3), j)  # "the number of Russian dead in the hundreds"
            if self.doc[j].pos_ == "NOUN" and self.vocab.loss_words.match_at(self.words, j) is not None:
                # "Moscow's total losses ... to 154,830", "losses among Russian personnel numbered 61,330"
                return self._side_near(max(s_start, j - 4), j) or self._side_near(j + 1, min(first, j + 6), False)
        return None

    def possessor_side(self, first: int, claimant_side: str) -> str | None:
        a, _ = self.sents[self.sent_of(first)]
        belligerent = claimant_side in self.vocab.opposites
        if "our" in self.words[first:first + 6] and belligerent:
            return claimant_side
        near = self._side_near(a, first)
        return near if near is not None or not belligerent else claimant_side

    def tally_source(self, sent: int) -> Claimant | None:
        """A tally's source named in the sentence: "figures from Ukraine's Ministry of Defence"."""
        if sent in self._sources:
            return self._sources[sent]
        a, b = self.sents[sent]
        found: Claimant | None = None
        for j in range(a, b):
            if self.words[j] not in self.vocab.source_nouns:
                continue
            lo, hi = None, None
            side_named: str | None = None
            if j + 1 < b and self.words[j + 1] == "of" and \
                    not self.vocab.official_words.contains(self.words[j + 2:min(b, j + 9)]):
                continue  # "a number of Russian missiles", "the count of Ukrainian dead": no source
            if j + 1 < b and self.words[j + 1] in SOURCE_LINKS:
                k = j + 2
                while k < b and self.words[k] in ("the", "a", "an"):
                    k += 1
                name_end = k
                while name_end < b and (self.doc[name_end].text[:1].isupper() or self.words[name_end] == "'s" or (
                        self.words[name_end] in ("of", "for") and name_end + 1 < b and (
                            self.doc[name_end + 1].text[:1].isupper() or self.words[name_end + 1] == "the"))
                        or self.words[name_end] == "the" and name_end > k):
                    name_end += 1
                named = next((m[0] for i in range(k, name_end) if (m := self.side_at(i)) is not None), None)
                if name_end - k >= 2 and named is not None and self.doc[k].text[:1].isupper():
                    # "report from the General Staff of the Armed Forces of Ukraine": the whole name
                    lo, hi, side_named = k, name_end, named
                for i in range(j + 2, min(b, j + 9)):
                    if lo is not None:
                        break
                    if self.side_at(i) is not None:
                        lo = i
                        break
                if lo is not None and side_named is None:
                    hi = lo + 1
                    while hi < b and (self.doc[hi].text[:1].isupper() or self.words[hi] == "'s" or (
                            self.words[hi] == "of" and hi + 1 < b and self.doc[hi + 1].text[:1].isupper())):
                        if hi > lo + 1 and self.side_at(hi) is not None and self.words[hi - 1] != "of":
                            break  # "... Ministry of Defence show Russia": a new noun phrase
                        hi += 1
            else:
                for i in range(j - 1, max(a, j - 5) - 1, -1):
                    if self.side_at(i) is not None:
                        lo, hi = i, j
            if lo is not None and hi is not None and hi > lo:
                side_m = self.side_at(lo)
                words = self.words[lo:hi]
                text = self.doc[lo:hi].text
                kind = "official" if self.vocab.official_words.contains(words) else "unofficial"
                side = side_named or (side_m[0] if side_m else "unknown")
                found = Claimant(name=text, mention=text, side=side, kind=kind)
                break
        self._sources[sent] = found
        return found

    def as_of(self, sent: int, equipment_figures_in_sentence: int,
              number: tuple[int, int] | None = None) -> str | None:
        """The day a running count stands at, in this order: "as of <date>" in the sentence; for a cumulative
        tally or a toll (tally words, a toll, two or more equipment counts in the sentence) that is no daily
        increment ("over the past day"), the last day the sentence names that is no period's start and not
        after publication ("climbed to 57 on Sunday", "Shoigu said on Sept. 21"), else the publication day."""
        stated, day, running = self._sentence_dates(sent)
        if stated is not None:
            return stated
        if not (running or equipment_figures_in_sentence >= 2) or (
                number is not None and self._increment(sent, number)):
            return None
        return day

    def _sentence_dates(self, sent: int) -> tuple[str | None, str | None, bool]:
        """(the "as of" date, the last day named or the publication day, running-count words) of a sentence."""
        if sent in self._dates:
            return self._dates[sent]
        s_start, s_end = self.sent_chars(sent)
        text = self.text
        published = str(self.doc._.cl_published or "")[:10]
        days: list[str] = []
        stated: str | None = None
        for t in self.doc._.cl_times or []:
            if not (s_start <= t.span.start < s_end and t.value and len(t.value) >= 10 and t.value[4:5] == "-"):
                continue
            lead = text[max(s_start, t.span.start - 12):t.span.start].lower()
            if "as of" in lead or "as at" in lead or "as on" in lead:
                stated = str(t.value)[:10]
                break
            period = text[max(s_start, t.span.start - 60):t.span.start].lower()
            if not PERIOD_START.search(lead) and not SINCE.search(period) and not RELATIVE_DAY.search(t.span.text) and (
                    not published or str(t.value)[:10] <= published):
                days.append(str(t.value)[:10])  # (not "the previous day": that dates a daily increment)
        a, b = self.sents[sent]
        running = self.is_tally(sent) or TOLL in self.words[a:b] or RUNNING.search(text, s_start, s_end) is not None
        found = self._dates[sent] = (stated, days[-1] if days else (published or None), running)
        return found

    def _increment(self, sent: int, number: tuple[int, int]) -> bool:
        """The count is a daily increment: an increment phrase ("over the past day") stands nearer to it
        than to any other number of the sentence ("52,000 since February 24, including 350 over the past
        day": only the 350)."""
        nearest = self._increments.get(sent)
        if nearest is None:
            s_start, s_end = self.sent_chars(sent)
            phrases = [m.span() for m in INCREMENT.finditer(self.text, s_start, s_end)]
            numbers = [m.span() for m in DIGITS_OR_WORDS.finditer(self.text, s_start, s_end)] if phrases else []
            nearest = self._increments[sent] = [  # the number nearest to each increment phrase
                n for start, end in phrases
                if (n := min(numbers, key=lambda n: min(abs(n[0] - end), abs(start - n[1])), default=None))
                is not None]
        return any(number[0] <= n[0] < number[1] + 1 for n in nearest)


def governing_verb(index: SentenceIndex, token: int) -> int | None:
    """The verb a number's noun phrase hangs from ("Russia has 150,000 troops" -> "has")."""
    tok = index.doc[token]
    for _ in range(3):
        if tok.head is tok:
            return None
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            return int(tok.i)
    return None


def side_of_subject(index: SentenceIndex, verb: int, claimant_side: str) -> str | None:
    """The side of the subject of the verb at token ``verb`` (climbing conj/xcomp), if any."""
    doc = index.doc
    v = doc[verb]
    for _ in range(4):
        subjects = [c for c in v.children if c.dep_ == "nsubj"]
        if subjects:
            subj = subjects[0]
            if subj.lower_ in SUBJECT_PRONOUNS and claimant_side in index.vocab.opposites:
                return claimant_side
            for tok in subj.subtree:
                m = index.side_at(tok.i)
                if m is not None:
                    return m[0]
            return None
        if v.dep_ in ("conj", "xcomp", "advcl") and v.head is not v:
            v = v.head
        else:
            return None
    return None


__all__ = [
    "MEASURES", "OUTCOMES", "PEOPLE_GROUPS", "MeasureVocabulary", "Phrase", "PhraseTable", "SentenceIndex",
    "claim_cue", "governing_verb", "normalise", "normalised", "side_of_subject", "split_phrase",
]

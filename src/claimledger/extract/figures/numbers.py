"""Numbers in running text: digits and English number words -> values with low/best/high.

``find_quantities(text)`` scans a whole text with compiled regular expressions
and returns every :class:`Quantity` in text order, each with its qualifier
already turned into low/best/high (the table is in the figures component's docstring).
It knows nothing about what is counted; ``component.py`` decides that.

Recognised number shapes, in the order the scanner tries them at a position:
    1. vague amounts: "tens of thousands", "hundreds of thousands", "hundreds",
       "thousands", "dozens", "scores", "several hundred", "a few dozen"
    2. "half a million", "a dozen", "a hundred", "a thousand"
    3. digits with an optional scale: "3,029", "105,960", "1 300" (space,
       no-break or thin space between groups), "1.5", "1.2 million", "2m", "5bn"
    4. number words: "seven", "twenty-five", "two hundred and fifty", "1.2 million"
Qualifiers before ("at least", "more than", "nearly", "about", "up to",
"between X and Y", "from X to Y") and after ("or more", "-plus", "+", "X-Y",
"X to Y") widen the span and set the qualifier.

Shapes that are never counts are marked ``countable=False`` (years after "in",
"since", "by"...; times "24:00", dates "7/1", ordinals "93rd", hyphenated compounds
"36-hour", "BTR-82A", "S-300", units glued on "115mph", "30km", percentages,
money, "No. 5", "number 28"); ``component.py`` skips them. Other 1900-2099 numbers
without a separator are ``year_like``: counts only when a measure noun follows at once
("2016 artillery systems") or in a "noun - number" list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
        "eighty": 80, "ninety": 90}
SCALES = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
SUFFIX_SCALES = {"m": 1_000_000, "mln": 1_000_000, "bn": 1_000_000_000, "k": 1_000}

# vague amounts: (low, high, qualifier)
VAGUE = {
    "tens of thousands": (20_000, 99_999, "thousands"),
    "hundreds of thousands": (200_000, 999_999, "hundreds"),
    "several hundred": (200, 999, "hundreds"),
    "several thousand": (2_000, 9_999, "thousands"),
    "a few hundred": (200, 999, "hundreds"),
    "a few thousand": (2_000, 9_999, "thousands"),
    "a few dozen": (24, 99, "dozens"),
    "several dozen": (24, 99, "dozens"),
    "hundreds": (200, 999, "hundreds"),
    "thousands": (2_000, 9_999, "thousands"),
    "dozens": (24, 99, "dozens"),
    "scores": (40, 99, "dozens"),
}

PREFIX_QUALIFIERS = {
    "at least": "at_least", "no fewer than": "at_least", "no less than": "at_least",
    "no more than": "up_to", "not more than": "up_to",
    "a minimum of": "at_least", "not less than": "at_least",
    "more than": "more_than", "over": "more_than", "upwards of": "more_than",
    "in excess of": "more_than", "well over": "more_than", "just over": "more_than",
    "nearly": "nearly", "almost": "nearly", "close to": "nearly", "just under": "nearly",
    "fewer than": "nearly", "less than": "nearly", "just shy of": "nearly",
    "about": "about", "around": "about", "approximately": "about", "some": "about",
    "roughly": "about", "an estimated": "about", "estimated": "about", "circa": "about",
    "an average of": "about", "on average": "about", "approx.": "about",
    "up to": "up_to", "as many as": "up_to", "a maximum of": "up_to",
}

# numbers never run across a line break ("grows to seven\nSeven people were killed" is two sevens): ``[^\S\n]``
_WORD_ALT = "|".join(sorted(list(UNITS) + list(TENS) + list(SCALES), key=len, reverse=True))
_WORDS_RE = rf"(?:{_WORD_ALT})(?:(?:(?:[^\S\n]|-)+|[^\S\n]+and[^\S\n]+)(?:{_WORD_ALT}))*"
_SEP = "[,\u00a0\u202f\u2009 ]"
_DIGITS_RE = rf"\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d{{1,3}}(?:{_SEP}\d{{3}})+(?![\d,.])|\d+(?:\.\d+)?"
_SCALE_RE = r"(?:[^\S\n]*(?:million|billion|thousand)\b|(?:m|mln|bn|k)\b)"
_VAGUE_RE = "|".join(re.escape(k) for k in sorted(VAGUE, key=len, reverse=True))
_SPECIAL_RE = r"half[^\S\n]+a[^\S\n]+million|a[^\S\n]+dozen|a[^\S\n]+hundred|a[^\S\n]+thousand|a[^\S\n]+million"
_ONE_NUMBER = (
    rf"(?P<avague>\b(?:{_VAGUE_RE})\b)"
    rf"|(?P<aspecial>\b(?:{_SPECIAL_RE})\b)"
    rf"|(?P<adigits>(?<![\w.,/:\-+£$€])(?:{_DIGITS_RE})(?![\d/:])(?:{_SCALE_RE})?)"
    rf"|(?P<awords>\b{_WORDS_RE}\b)"
)
_PREFIX_RE = "|".join(re.escape(k) for k in sorted(PREFIX_QUALIFIERS, key=len, reverse=True))
_NUMBER = re.compile(
    rf"(?:(?P<between>\bbetween[^\S\n]+|\bfrom[^\S\n]+)(?={_DIGITS_RE}|{_WORD_ALT}))?"
    rf"(?:(?P<prefix>\b(?:{_PREFIX_RE}))[^\S\n]+)?"
    rf"(?:{_ONE_NUMBER})"
    rf"(?:(?P<range>[^\S\n]*(?:-|–|—|\bto\b|\band\b|\bor\b)[^\S\n]*)"
    rf"(?:(?P<bdigits>(?<![\w.,])(?:{_DIGITS_RE})(?![\d/:])(?:{_SCALE_RE})?)|(?P<bwords>\b{_WORDS_RE}\b)))?"
    rf"(?P<suffix>[^\S\n]+or[^\S\n]+more\b|[^\S\n]+or[^\S\n]+so\b|-plus\b|\+)?",
    re.IGNORECASE,
)
# words after which "about" is the preposition of what is spoken or known about, not an estimate
_ABOUT_AS_PREPOSITION = re.compile(
    r"\b(?:more|talk(?:s|ed|ing)?|sp(?:oke|eak|eaks|eaking)|ask(?:s|ed|ing)?|learn(?:s|ed|t|ing)?|know(?:s|n)?|knew|"
    r"hear(?:d|s)?|inform(?:s|ed)?|information|news|reports?|concerns?|concerned|worried|questions?|"
    r"care[sd]?|warn(?:s|ed|ing)?)\s+$", re.IGNORECASE)
_MONTHS = (r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
           r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_BEFORE_NOT_COUNT = re.compile(
    rf"(?:\b(?:no\.?|nos\.?|number|#|room|building|house|dormitory|unit|brigade|regiment|"
    rf"article|page|section|paragraph|chapter|flight|route|highway|gate|platform|"
    rf"{_MONTHS})\.?\s*|[$£€₴₽#]\s*)$",
    re.IGNORECASE,
)
_BEFORE_REACH = 12  # a match of _BEFORE_NOT_COUNT starts this near its last non-space ("september.": 10)
_AFTER_NOT_COUNT = re.compile(
    r"^(?:-[a-z]|(?:st|nd|rd|th)\b|[a-z]|\s*(?:%|percent|per\s+cent|pc\b)|"
    rf"\s*(?:{_MONTHS})\b|\s*(?:a\.m\.|p\.m\.|am\b|pm\b|gmt\b|utc\b|hrs\b|h\b)|"
    r"\s*(?:dollars|euros|pounds|roubles|rubles|hryvnias?|usd|eur)\b|\s*(?:years?|-?year-old)\b)",
    re.IGNORECASE,
)
_GLUED_TO_LETTER = re.compile(r"[A-Za-z]-?$")  # Su-34, S-300, T72
_YEAR = re.compile(r"(?:19|20)\d\d")
_YEAR_LEAD = re.compile(
    r"\b(?:in|since|by|of|until|till|from|to|year|early|late|mid|summer|winter|spring|autumn|fall)\s*$", re.IGNORECASE)
_TIME_OR_DATE_AFTER = re.compile(r"[:/.]\d")
_ONE_AS_PRONOUN = re.compile(r"\s+(?:of|another|day|side|way|more|by)\b", re.IGNORECASE)  # "one of", "one by one"
_WORD_GAPS = re.compile(r"[\s-]+")
_DIGITS_AND_SCALE = re.compile(r"([\d][\d, ]*(?:\.\d+)?)\s*(million|billion|thousand|m|mln|bn|k)?")


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number in the text. ``start``/``end`` cover the qualifier too ("at least 89")."""

    start: int
    end: int
    text: str
    value: float  # the magnitude put forward (the first bound of a range, the low of vague amounts)
    low: float | None
    best: float | None
    high: float | None
    qualifier: str
    vague: bool = False
    countable: bool = True  # False for times, ordinals, model names, units, money...
    year_like: bool = False  # 1900-2099 without separator: a year unless a measure noun follows at once


def words_to_number(words: str) -> float | None:
    """Value of English number words ("twenty-five", "two hundred and fifty", "1.2 million")."""
    total = 0.0
    current = 0.0
    seen = False
    for raw in _WORD_GAPS.split(words.lower().strip()):
        if not raw or raw == "and":
            continue
        if raw in UNITS:
            current += UNITS[raw]
        elif raw in TENS:
            current += TENS[raw]
        elif raw == "hundred":
            current = (current or 1) * 100
        elif raw in SCALES:
            total += (current or 1) * SCALES[raw]
            current = 0
        else:
            try:
                current += float(raw.replace(",", ""))
            except ValueError:
                return None
        seen = True
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """Value of one number written in digits or words ("3,029", "1 300", "2m", "seven", "a dozen")."""
    t = " ".join(text.lower().replace("\u00a0", " ").replace("\u202f", " ").replace("\u2009", " ").split())
    if not t:
        return None
    if t == "a dozen":
        return 12.0
    if t == "half a million":
        return 500_000.0
    if t.startswith("a ") and t[2:] in SCALES:
        return float(SCALES[t[2:]])
    m = _DIGITS_AND_SCALE.fullmatch(t)
    if m:
        digits = m.group(1).replace(",", "").replace(" ", "")
        try:
            value = float(digits)
        except ValueError:
            return None
        scale = m.group(2)
        if scale:
            value *= SCALES.get(scale) or SUFFIX_SCALES[scale]
        return value
    return words_to_number(t)


def _bounds(qualifier: str, n: float) -> tuple[float | None, float | None, float | None]:
    whole = n == int(n)
    if qualifier == "at_least":
        return n, n, None
    if qualifier == "more_than":
        return (n + 1 if whole else n), n, None
    if qualifier == "nearly":
        return None, n, (n - 1 if whole else n)
    if qualifier == "about":
        return None, n, None
    if qualifier == "up_to":
        return None, n, n
    return n, n, n


def _spelled_range(words: str) -> tuple[float, float] | None:
    """"two-three", "five-six": two unit words joined by a hyphen are a range, not a sum."""
    parts = words.lower().split("-")
    if len(parts) == 2 and all(p.strip() in UNITS for p in parts):
        low, high = float(UNITS[parts[0].strip()]), float(UNITS[parts[1].strip()])
        if high > low:
            return low, high
    return None


def _not_countable(text: str, start: int, end: int, number: str, digits: bool) -> bool:
    before = text[max(0, start - 24):start]
    after = text[end:end + 16]
    stem = len(before.rstrip())  # what _BEFORE_NOT_COUNT matches ends here (only spaces after it)
    if _BEFORE_NOT_COUNT.search(before, max(0, stem - _BEFORE_REACH)) or _AFTER_NOT_COUNT.match(after):
        return True
    if digits and _GLUED_TO_LETTER.search(before):
        return True
    if digits and _YEAR.fullmatch(number.strip()) and _YEAR_LEAD.search(before):
        return True
    return bool(digits and _TIME_OR_DATE_AFTER.match(after))


_ANCHOR_WORDS = frozenset(list(UNITS) + list(TENS) + list(SCALES) +
                          ["tens", "hundreds", "thousands", "dozen", "dozens", "scores", "half"])


def _trie(words: Iterable[str]) -> str:
    """A regular expression for any of ``words``, shared starts factored out ("t(?:en|w(?:o|elve))"): the
    engine then tries a handful of letters at each position, not every word."""
    tree: dict[str, Any] = {}
    for word in words:
        node = tree
        for letter in word:
            node = node.setdefault(letter, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict[str, Any]) -> str:
        branches = [re.escape(letter) + pattern(rest) for letter, rest in sorted(node.items()) if letter]
        if not branches:
            return ""
        either = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{either})?" if "" in node else either

    return pattern(tree)


_DIGIT_RUNS = re.compile(r"\d+")
# a number word as a whole run of ASCII letters, in any case
_NUMBER_WORDS = re.compile(rf"(?ai:(?<![a-z]){_trie(_ANCHOR_WORDS)}(?![a-z]))")
# the words a match of _NUMBER can begin with (besides digits): "between", "from", a qualifier's first word,
# a vague amount's, "half", "a", a number word
_FIRST_WORDS = frozenset(["between", "from", "half", "a", *UNITS, *TENS, *SCALES,
                          *(k.split()[0].rstrip(".") for k in [*PREFIX_QUALIFIERS, *VAGUE])])
_WORD = re.compile(r"\b\w+")
_BACK = 40  # longest qualifier before a number ("between", "no fewer than") fits in this many characters


def _anchors(text: str) -> Iterator[int]:
    """Start of every digit run and number word: the only places a number can be."""
    yield from sorted([m.start() for m in _DIGIT_RUNS.finditer(text)] +
                      [m.start() for m in _NUMBER_WORDS.finditer(text)])


def _may_start(word: str) -> bool:
    """Whether a match of _NUMBER may begin with ``word`` (conservative outside ASCII: case folding)."""
    return word[0].isdigit() or not word.isascii() or word.lower() in _FIRST_WORDS


def _matches(text: str) -> Iterator[re.Match[str]]:
    """``_NUMBER.finditer(text)``, but the pattern is only tried at word starts just before an anchor that
    may begin a number, and at the anchor itself."""
    pos = 0
    for anchor in _anchors(text):
        if anchor < pos:
            continue
        starts = [w.start() for w in _WORD.finditer(text, max(pos, anchor - _BACK), anchor) if _may_start(w.group())]
        for start in [*starts, anchor]:
            m = _NUMBER.match(text, start)
            if m is not None and m.end() > anchor:
                pos = m.end()
                yield m
                break


def find_quantities(text: str) -> list[Quantity]:
    """Every number in ``text`` with its qualifier, in text order. Never raises."""
    out: list[Quantity] = []
    for m in _matches(text):
        number = m.group("avague") or m.group("aspecial") or m.group("adigits") or m.group("awords")
        if not number:
            continue
        prefix = (m.group("prefix") or "").lower()
        if prefix == "some" and m.group("avague"):
            prefix = ""
        prefix_start = m.start("prefix") if prefix else -1
        if prefix == "about" and _ABOUT_AS_PREPOSITION.search(text, max(0, prefix_start - 30), prefix_start):
            prefix = ""  # "learn more about two fighters", "spoke about 40 prisoners": no estimate
        qualifier = PREFIX_QUALIFIERS.get(" ".join(prefix.split()), "exact")
        n_start, n_end = m.start("avague"), m.end("avague")
        for g in ("aspecial", "adigits", "awords"):
            if m.group(g):
                n_start, n_end = m.start(g), m.end(g)
        start, end = m.start(), m.end()
        if m.group("avague"):
            entry = VAGUE.get(" ".join(number.casefold().split()))  # casefold: IGNORECASE also took "ſ" for "s"
            if entry is None:
                continue
            low_v, high_v, vq = entry
            q = Quantity(start, end, text[start:end], float(low_v), float(low_v), None, float(high_v),
                         vq, vague=True)
            out.append(q)
            continue
        spelled = _spelled_range(number) if m.group("awords") else None
        value = spelled[0] if spelled else parse_number(number)
        if value is None:
            continue
        if m.group("awords") and number.lower().split()[0] in SCALES:  # "$5 million", "a hundred"
            continue
        if number.strip().lower() == "one" and _ONE_AS_PRONOUN.match(text[n_end:n_end + 9]):
            continue
        second = m.group("bdigits") or m.group("bwords")
        joiner = (m.group("range") or "").strip().lower()
        between = (m.group("between") or "").strip().lower()
        value2 = parse_number(second) if second else None
        if spelled:  # "two-three"
            second, value2, joiner = number, spelled[1], "-"
        is_range = (value2 is not None and value2 > value and
                    (joiner in ("-", "–", "—", "to", "or") or (joiner == "and" and between == "between")))
        if not is_range:
            start = m.start("prefix") if prefix else n_start
            suffix = "" if second else (m.group("suffix") or "").strip().lower()
            end = m.end("suffix") if suffix else n_end
        else:
            suffix = ""
        countable = not _not_countable(text, n_start, end if is_range else n_end, number,
                                       bool(m.group("adigits")))
        low: float | None
        best: float | None
        high: float | None
        if is_range and value2 is not None:
            low, best, high = value, (value + value2) / 2, value2
            qualifier = "range"
        else:
            if suffix in ("or more", "-plus", "+"):
                qualifier = "at_least"
            elif suffix == "or so":
                qualifier = "about"
            low, best, high = _bounds(qualifier, value)
        year_like = bool(m.group("adigits") and _YEAR.fullmatch(number.strip()))
        out.append(Quantity(start, end, text[start:end], value, low, best, high, qualifier,
                            countable=countable, year_like=year_like and not is_range))
    return out

"""How one name is written in many ways: British and American spelling and dotted initials,
transliterations of Russian and Ukrainian names, and names spelled out before their acronym."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

_APOS = "['’]"
_SPACES = re.compile(r"\s+")


def alternation(phrases: Iterable[str]) -> str:
    """One regex matching any of ``phrases`` (longest first), factored as a character trie so
    that matching costs little more than one phrase. Any apostrophe matches ' or ’; a space
    matches any run of white space."""
    trie: dict[str, Any] = {}
    for phrase in {p.replace("’", "'") for p in phrases if p}:
        node = trie
        for ch in re.sub(r"\s+", " ", phrase):
            node = node.setdefault(ch, {})
        node[""] = {}
    return _trie_regex(trie) if trie else r"(?!x)x"


def first_chars(phrases: Iterable[str]) -> str:
    """A character class of the characters that can open a match of ``alternation(phrases)``.

    Written as a lookahead right before the alternation (``"(?=" + first_chars(p) + ")"``), it
    changes no match but lets the regex engine reject most positions of a text with one test
    instead of trying every branch of the trie; the engine finds no such shortcut by itself when
    the pattern opens with a lookbehind or ignores case."""
    firsts = set()
    for phrase in {p.replace("’", "'") for p in phrases if p}:
        first = phrase[0]
        firsts.add(_APOS[1:-1] if first == "'" else (r"\s" if first.isspace() else re.escape(first)))
    return "[" + "".join(sorted(firsts)) + "]" if firsts else r"(?!x)x"


def match_key(text: str) -> str:
    """``text`` as ``alternation`` matches it: any apostrophe as ', any run of white space as one space."""
    return _SPACES.sub(" ", text.replace("’", "'")).strip()


def _trie_regex(node: Mapping[str, Any]) -> str:
    branches = []
    for ch in sorted((c for c in node if c), reverse=True):
        atom = _APOS if ch == "'" else (r"\s+" if ch == " " else re.escape(ch))
        branches.append(atom + _trie_regex(node[ch]))
    if "" in node:
        if not branches:
            return ""
        return "(?:" + "|".join(branches) + ")?"
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


_VARIANTS = ((r"\bDefence\b", "Defense"), (r"\bDefense\b", "Defence"), (r"\bdefence\b", "defense"),
             (r"\bdefense\b", "defence"), (r"\bUK\b", "U.K."), (r"\bU\.K\.", "UK"), (r"\bUS\b", "U.S."),
             (r"\bU\.S\.", "US"), (r"\bUN\b", "U.N."), (r"\bU\.N\.", "UN"))


ACRONYM = re.compile(r"\(([A-Z][A-Za-z]{1,6})\)")
_ACRONYM_SKIP = frozenset({"of", "for", "and", "the", "on", "in", "to", "at", "&"})


def expansion_start(text: str, paren: int, acronym: str) -> int | None:
    """Where the words whose initials spell ``acronym`` begin, right before ``paren``, else None."""
    letters = [ch for ch in acronym.upper() if ch.isalpha()]
    window_start = max(0, paren - 150)
    words = list(re.finditer(r"[\w'’-]+", text[window_start:paren]))
    if not words or text[window_start + words[-1].end():paren].strip():
        return None
    j, k, start = len(letters) - 1, len(words) - 1, None
    while k >= 0 and j >= 0:
        word = words[k].group(0)
        if word.lower() in _ACRONYM_SKIP and start is not None:
            k -= 1
            continue
        if word[:1].upper() != letters[j]:
            return None
        start, j, k = window_start + words[k].start(), j - 1, k - 1
    if j >= 0 or start is None or "\n" in text[start:paren]:
        return None
    return start


def description_after(text: str, end: int) -> str:
    """The words of ", a Ukrainian think tank," right after ``end``, else ""."""
    m = re.match(r"\s*,\s+(?:an?|the)\s+([^,.;:\n]{2,80})", text[end:end + 100])
    return m.group(1) if m else ""


def spelling_variants(phrase: str) -> list[str]:
    """A name as British and American spelling and dotted or plain initials write it
    ("UK Defence Ministry", "U.K. Defense Ministry")."""
    found = [phrase]
    for pattern, repl in _VARIANTS:
        for known in list(found):
            variant = re.sub(pattern, repl, known)
            if variant not in found:
                found.append(variant)
    return found


_TRANSLIT = ((r"kh", "h"), (r"g", "h"), (r"ye", "e"), (r"[yi]+", "i"), (r"j", "i"), (r"(.)\1", r"\1"))


def translit_key(name: str) -> str:
    """A key that transliterations of one Russian or Ukrainian name share ("Razvozhayev",
    "Razvozhaev"; "Zelenskyy", "Zelensky"; "Dmitry", "Dmitri")."""
    key = name.lower().replace("’", "").replace("'", "")
    for pattern, repl in _TRANSLIT:
        key = re.sub(pattern, repl, key)
    return key

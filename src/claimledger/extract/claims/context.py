"""Claimants and contents that the claims component finds from context rather than from a
subject and its verb (helpers for ``component.py``):

- ``agent``: the speaker of a passive cue ("This was reported by the General Staff");
- ``passive_content``: what such a cue reports (what "this"/"that" stands for, else its subject);
- ``state_speaker``: a capital or country as speaker ("Bogota said") and a relative
  possessive ("the United Arab Emirates, whose foreign ministry said");
- ``with_apposed_name``: "according to Kursk's acting governor, Alexei Smirnov, ...";
- ``context_side``: the side of an official claimant whose own words name none: an actor
  named earlier whose name contains the claimant's words ("the General Staff" after "the
  General Staff of the Armed Forces of Ukraine"), else the places in the claimant's words,
  then in its sentence, then the article's dominant country;
- ``introduced_earlier``: "the spokesman" / "the source" as the person or fuller phrase
  introduced before;
- ``label_lines``: the "Source: ..." / "Quote: ..." layout of some outlets, and "X: ..."
  headlines.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from functools import lru_cache

from spacy.tokens import Doc, Token

from ...records import Claimant, Span
from ..words import words_of
from .actors import ActorIndex
from .mentions import ActorMention, mention_at

_PERSONAL = frozenset({"i", "we", "you", "he", "she", "they", "him", "her", "them", "us", "me"})
_DEMONSTRATIVES = frozenset({"this", "that", "it", "these", "those", "which"})
_LABEL_RE = re.compile(r"^[ \t]*(Source|Sources|Quote|Quotes|Details|Detail|Background|Context)[ \t]*:[ \t]*(\S.*)$",
                       re.MULTILINE)
_HEADLINE_RE = re.compile(r"^[ \t]*([^:\n]{2,60}?)[ \t]*:[ \t]+(\S[^\n]*)$", re.MULTILINE)
_FIRST_LINE_RE = re.compile(r"\s*([^\n]+)")
_HEADLINE_TAIL_RE = re.compile(
    r"(?P<content>.{8,}?)(?:,\s+(?:says|claims|reports)\s+(?P<says_x>[^,]{2,60}?)"
    r"|,\s+(?P<x_says>[^,]{2,60}?)\s+(?:says|claims|reports)"
    r"|\s+[-–—]\s+(?P<dash_x>[^-–—]{2,60}?))\s*$")
_DATELINE_RE = re.compile(r"\s*([A-Z][A-Za-z'’-]+(?: [A-Z][A-Za-z'’-]+)?)\s*(?:,|\()")
_STOP_NAME_WORDS = frozenset({"the", "a", "an", "of", "for", "s"})
_SOURCE_WORDS = frozenset({"source", "sources", "insider", "insiders"})
_LOWER_WORD = re.compile(r"[a-z]+")


def agent(verb: Token) -> Token | None:
    """The object of a passive verb's "by" agent ("reported by [the General Staff]"), else None
    (and None when the passive's subject is a person: "he was told by officials")."""
    if any(c.dep_ == "nsubjpass" and c.lower_ in _PERSONAL for c in verb.children):
        return None
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def passive_content(verb: Token, bounds: tuple[int, int], this: tuple[int, int] | None) -> tuple[int, int]:
    """What a passive cue reports: what "this" stands for (``this``, the words before) when the
    subject is "this"/"that", else the subject, else the words before the cue."""
    subj = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subj is not None and subj.lower_ in _DEMONSTRATIVES and this is not None:
        return this
    if subj is not None:
        return min(t.idx for t in subj.subtree), max(t.idx + len(t.text) for t in subj.subtree)
    return bounds[0], verb.idx


def state_speaker(doc: Doc, actors: ActorIndex, mentions: Sequence[ActorMention], subject: Token,
                  verb: Token, claimant_nouns: Mapping[str, str]) -> tuple[Claimant, str, tuple[int, int]] | None:
    """A place that speaks ("Bogota said", "Ankara said") or "X, whose ministry said"."""
    whose = next((c for c in subject.children if c.dep_ == "poss" and c.lower_ == "whose"), None)
    if whose is not None and verb.dep_ == "relcl":
        owner = verb.head
        owner_tokens = [t for t in owner.subtree if t.i < verb.i and t.i < subject.i and t.text not in ",;"]
        if not owner_tokens or subject.lower_ not in claimant_nouns:
            return None
        o_start, o_end = owner_tokens[0].idx, owner_tokens[-1].idx + len(owner_tokens[-1].text)
        prior = mention_at(mentions, o_start, o_end)
        side = (actors.side_of_words(words_of(doc).text[o_start:o_end]) or actors.place_side(doc, o_start, o_end)
                or (prior.claimant.side if prior is not None and prior.span.end <= o_end else None))
        nouns = [t.text for t in subject.subtree if t.i != whose.i and t.i < verb.i]
        name = re.sub(r"^(?:[Tt]he)\s+", "", f"{words_of(doc).text[o_start:o_end]} {' '.join(nouns)}")
        claimant = Claimant(name=name, mention=name, side=side or "unknown", kind=claimant_nouns[subject.lower_])
        return claimant, "organisation", (o_start, subject.idx + len(subject.text))
    if any(c.dep_ in ("compound", "amod", "det", "poss", "prep") for c in subject.children):
        return None
    for p in doc._.cl_places or []:
        if p.span.start <= subject.idx < p.span.end and p.place.kind in ("country", "city"):
            side = actors.country_side(p.place.country)
            if side is None:
                return None
            return (Claimant(name=p.place.name, mention=p.span.text, side=side, kind="official"), "state",
                    (p.span.start, p.span.end))
    return None


def with_apposed_name(phrase: list[Token], rest: list[Token]) -> list[Token]:
    """Extend "Kursk's acting governor" by the name set off after it (", Alexei Smirnov,")."""
    if len(rest) < 2 or rest[0].text != "," or not phrase or phrase[-1].pos_ not in ("NOUN", "PROPN"):
        return phrase
    name = []
    for tok in rest[1:]:
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            break
        name.append(tok)
    if not name or name[-1].i + 1 >= len(name[-1].doc) or name[-1].nbor(1).text not in (",", ";", "."):
        return phrase
    return phrase + rest[:1] + name


@lru_cache(maxsize=8192)
def name_words(text: str | None) -> frozenset[str]:
    """The content words of a claimant's name, lower case (remembered: the cascade asks about the
    same names many times)."""
    return frozenset(w for w in _LOWER_WORD.findall((text or "").lower()) if w not in _STOP_NAME_WORDS)


def context_side(doc: Doc, actors: ActorIndex, mentions: Sequence[ActorMention], claimant: Claimant,
                 claimant_span: tuple[int, int] | None, sent_bounds: tuple[int, int]) -> Claimant:
    """An official claimant with an unknown side, given the side its context implies, in this
    order: an actor named in the article whose name holds all the claimant's words (the nearest
    before, else after); the places in the claimant's own words; for local officials, the places
    of the sentence; the dateline; the outlet's home country ("the General Staff" in a Ukrainian
    outlet); the article's dominant country; the places of the sentence. An unnamed source with
    an official's title ("a high-ranking military source") counts as an official here."""
    words = name_words(claimant.name)
    official = claimant.kind == "official" or (claimant.actor_id is None and claimant.kind == "unofficial"
                                               and bool(words & _SOURCE_WORDS)
                                               and actors.title_kind(sorted(words)) == "official")
    if claimant.side != "unknown" or not official:
        return claimant
    at = claimant_span[0] if claimant_span else sent_bounds[0]
    if words:
        fits = []
        text = words_of(doc).text
        for m in mentions:
            title = text[max(0, m.span.start - 30):m.span.start].split()[-2:] if m.type == "person" else []
            known = name_words(m.span.text) | name_words(m.claimant.name) | name_words(" ".join(title))
            if m.claimant.side != "unknown" and not (m.span.start <= at < m.span.end) and words <= known:
                fits.append((m.span.end > at, abs(m.span.start - at), m))
        if fits:
            m = min(fits, key=lambda f: (f[0], f[1]))[2]
            return Claimant(name=m.claimant.name, mention=claimant.mention, side=m.claimant.side,
                            kind=m.claimant.kind, actor_id=m.claimant.actor_id)
    side = actors.place_side(doc, *claimant_span) if claimant_span is not None else None
    if side is None and words & actors.local_words:  # local officials speak for where the article's places lie
        side = actors.place_side(doc, *sent_bounds, countries=False) or dateline_side(doc, actors) \
            or actors.article_side(doc)
    side = (side or dateline_side(doc, actors) or actors.outlet_side(doc._.cl_outlet) or actors.article_side(doc)
            or actors.place_side(doc, *sent_bounds, countries=False))
    if side is None:
        return claimant
    spec = actors.sided_actor(claimant.name, side)
    if spec is not None:  # "the Defense Ministry" in a Russian outlet: the Russian Ministry of Defence
        return Claimant(name=spec.name, mention=claimant.mention or claimant.name, side=side, kind=spec.kind,
                        actor_id=spec.id)
    return Claimant(name=claimant.name, mention=claimant.mention, side=side, kind=claimant.kind,
                    actor_id=claimant.actor_id)


def introduced_earlier(doc: Doc, actors: ActorIndex, mentions: Sequence[ActorMention], claimant: Claimant,
                       claimant_span: tuple[int, int] | None) -> Claimant | None:
    """Who "the spokesman" or "the source" is: the person introduced earlier with that title
    ("Defence Ministry spokesman Igor Ivanov ... the spokesman said": Ivanov), else the earlier,
    fuller phrase with that noun and the side it names ("a source close to the command of the
    Russian fleet ... The source told"), else None."""
    words = (claimant.name or "").lower().split()
    if len(words) != 1 or claimant_span is None or claimant.actor_id:
        return None
    noun = words[0]
    table = words_of(doc)
    text = table.text
    before = [doc[i] for i in range(len(table)) if table.end(i) <= claimant_span[0] and table.lower[i] == noun]
    for tok in reversed(before):
        after = next((m for m in mentions if m.type == "person" and tok.idx < m.span.start
                      and len(text[tok.idx + len(tok.text):m.span.start].split()) <= 3
                      and "," not in text[tok.idx:m.span.start]), None)
        if after is not None:  # "spokesman Lt. Gen. Igor Ivanov"
            return replace(after.claimant, mention=claimant.mention)
        appos = [m for c in tok.children if c.dep_ == "appos"
                 for m in [mention_at(mentions, c.idx, c.idx + len(c.text))] if m is not None and m.type == "person"]
        if appos:  # "the spokesman, Igor Ivanov,"
            return replace(appos[0].claimant, mention=claimant.mention)
        phrase = [t for t in tok.subtree]
        if len(phrase) < 2:
            continue
        start, end = phrase[0].idx, phrase[-1].idx + len(phrase[-1].text)
        inner = [m.claimant.side for m in mentions if start <= m.span.start and m.span.end <= end
                 and m.claimant.side not in ("unknown", "independent")]
        side = actors.side_of_words(text[start:end]) or (inner[0] if inner else None)
        if side is not None:  # "a source close to the command of the Russian fleet"
            name = re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", text[start:end])
            return Claimant(name=name, mention=claimant.mention, side=side, kind=claimant.kind)
        return None
    return None


def dateline_side(doc: Doc, actors: ActorIndex) -> str | None:
    """The side of the place a dateline names ("KYIV, Ukraine (AP) —", "MOSCOW, March 3. /TASS/",
    "Dnipro (Ukraine) (AFP) -"): a place name opening one of the first three lines, followed by
    a comma or a bracket."""
    for line in words_of(doc).text[:2000].split("\n")[:3]:
        m = _DATELINE_RE.match(line)
        if m is not None:
            side = actors.name_side(m.group(1).title() if m.group(1).isupper() else m.group(1))
            if side is not None:
                return side
    return None


def headline_sources(text: str, mentions: Sequence[ActorMention],
                     actors: ActorIndex) -> list[tuple[ActorMention, int, int]]:
    """A headline whose source closes it: "<words>, says <X>", "<words>, <X> says" or "<words> - <X>"
    (a dash, en or em dash), where X is wholly one actor or a short official title ("General Staff";
    not an outlet: "... - Reuters" is a wire credit): (X's mention, content start, content end). Only
    the first line without sentence-final punctuation counts (the headline); body sentences are read
    by the verb rule."""
    first = _FIRST_LINE_RE.match(text)
    if first is None or first.group(1).rstrip().endswith((".", "!", "?", "\"", "”")):
        return []
    line_start, line = first.start(1), first.group(1)
    m = _HEADLINE_TAIL_RE.match(line)
    if m is None:
        return []
    tail = m.group("says_x") or m.group("x_says") or m.group("dash_x")
    tail_start = line_start + m.start(m.lastgroup or "dash_x")
    mention = mention_at(mentions, tail_start, tail_start + len(tail)) or _titled_speaker(
        actors, text, tail_start, tail_start + len(tail))  # "... - General Staff", "... – President's Office"
    if mention is None or mention.claimant.kind in ("outlet", "media"):
        return []
    rest = (text[tail_start:mention.span.start] + text[mention.span.end:tail_start + len(tail)]).strip()
    if re.sub(r"^(?:the|The)\b", "", rest).strip(" '’s"):
        return []  # the actor is only part of the closing words
    return [(mention, line_start, line_start + len(m.group("content")))]


def label_lines(text: str) -> list[tuple[str, int, int, int]]:
    """Label lines of the "Source: X on Telegram" / "Quote: ..." / "Details: ..." / "Background: ..."
    layout, as (label, line start, value start, line end), in text order. Labels are lower case
    and singular ("source", "quote", "detail", "background", "context")."""
    return [(m.group(1).lower().rstrip("s"), m.start(), m.start(2), m.end()) for m in _LABEL_RE.finditer(text)]


def _titled_speaker(actors: ActorIndex, text: str, start: int, end: int) -> ActorMention | None:
    """A short capitalised official title before a colon ("General Staff:", "Regional governor:")."""
    words = text[start:end].split()
    if not 1 <= len(words) <= 4 or not words[0][:1].isupper() or actors.title_kind(words[-1:]) != "official":
        return None
    name = re.sub(r"^(?:[Tt]he)\s+", "", text[start:end].strip())
    claimant = Claimant(name=name, mention=text[start:end], side=actors.side_of_words(name) or "unknown",
                        kind="official")
    return ActorMention(Span(start, end, text[start:end]), claimant, None, "organisation")


def headline_speakers(text: str, mentions: Sequence[ActorMention],
                      actors: ActorIndex) -> list[tuple[ActorMention, int, int]]:
    """Lines opened by a speaker and a colon ("General Staff: Russia has lost ...",
    "Zelensky: ..."): (the speaker's mention, content start, content end)."""
    found = []
    for m in _HEADLINE_RE.finditer(text):
        prefix_start, prefix_end = m.start(1), m.end(1)
        if m.group(1).strip().lower().rstrip("s") in ("source", "quote", "detail", "background", "context"):
            continue
        mention = mention_at(mentions, prefix_start, prefix_end)
        if mention is None:
            mention = _titled_speaker(actors, text, prefix_start, prefix_end)
        if mention is None or mention.claimant.kind == "outlet" or mention.type == "state":
            continue  # "Kyiv: ..." is as often a place label as a speaker
        rest = (text[prefix_start:mention.span.start] + text[mention.span.end:prefix_end]).strip()
        if re.sub(r"^(?:the|The)\b", "", rest).strip(" '’s"):
            continue  # the actor is only part of the words before the colon
        found.append((mention, m.start(2), m.end(2)))
    return found

"""Actors: who is named in an article, resolved to the profile's canonical claimants.

``ActorIndex.from_profile(profile)`` compiles the profile's ``actors`` section into a
handful of regular expressions (built once per component instance); ``find_mentions(doc)``
returns every actor mention in text order. Cascade, earlier rules win on overlaps
(the longest span first, then the earlier rule):

1. profile aliases (exact case) and epithets (any case): "Putin", "the Russian despot",
   "Russia's Defence Ministry", "Kremlin chiefs";
2. collectives: a side word and a group noun, "pro-war Russian pundits", "Ukrainian officials";
3. titles tied to a side or to an actor named earlier: "Russia's defence minister" at the
   publication date, "the foreign minister" after "Lavrov";
   A name spelled out before its acronym is one actor: "Center for Strategic and International
   Studies (CSIS)", "the centre for defence strategies (CDS), a Ukrainian think tank" (side
   and kind from its words or the description after it);
4. PERSON entities not in the profile and not places, and names the tagger missed next to a
   title (names.py: "Mayor Petro Ivanenko", "Ambassador to Ukraine Jane Doe", "Jane Doe,
   press secretary of ..."): "Lt Gen Sergei Sevryukov" becomes a new actor, unless his name
   is a profile alias in another transliteration ("Razvozhaev"); side from side words or an
   actor next to the name (not across a comma), for local officials the places of the
   sentence, else (when titled) from the nearest side-bearing actor (not a group) in the two
   sentences before; kind from the title word nearest the name;
5. ORG entities not in the profile: side from their own words, a possessive before them
   ("Ukraine's ..."), or, for offices, the place they are named after ("Sumy City Council",
   "Prosecutor's Office of Sumy Oblast");
6. surnames of new people named earlier ("Sevryukov");
7. anaphors "the ministry", "the agency" -> the last named actor with that head word.

Aliases and epithets match in British and American spelling and with dotted initials
("U.K. Defense Ministry"); "<side word> side" is the side's state ("the Ukrainian side").

Pronouns are resolved on demand (``resolve_pronoun``): he/she -> the last person named,
it/they -> the last organisation, state or group.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...errors import ConfigError
from ...profiles import Profile, load_profile
from ...records import Claimant
from ..vocabulary.gazetteer import load_gazetteer
from ..vocabulary.sides import Sides, phrase_patterns
from ..words import words_of
from .entities import add_acronyms, add_entities
from .mentions import POSSESSIVE, ActorMention, ActorSpec, TitleSpec, overlaps, span_of
from .spellings import alternation, first_chars, match_key, spelling_variants, translit_key

VERSION = "1"

KINDS = frozenset({"official", "unofficial", "media", "expert", "outlet"})
PERSON_TYPES = frozenset({"person"})
GROUP_TYPES = frozenset({"organisation", "state", "collective", "media"})
_APOS = "['’]"
_LEFT_EDGE = r"(?<![\w’'-])"
_RIGHT_EDGE = r"(?![\w-])"
_HE_SHE = frozenset({"he", "she", "him", "her"})
_IT_THEY = frozenset({"it", "they", "them"})


def _as_str_list(value: Any, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ConfigError(f"Profile actors.yaml: {where} must be a list, not {type(value).__name__}", code="CL107")
    return [str(v) for v in value]


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)


class ActorIndex:
    """The profile's actors, compiled for fast lookup in one article at a time."""

    def __init__(self, specs: Sequence[ActorSpec], exact: Mapping[str, str], folded: Mapping[str, str],
                 sides: Sides, section: Mapping[str, Any]) -> None:
        self.specs: dict[str, ActorSpec] = {s.id: s for s in specs}
        self._states: dict[str, ActorSpec] = {}  # side -> the first state actor of that side
        for spec in self.specs.values():
            if spec.type == "state":
                self._states.setdefault(spec.side, spec)
        self._exact = dict(exact)
        self._folded = dict(folded)
        self.sides = sides
        # each "(?=[...])" lookahead names the characters that can open a match (spellings.first_chars)
        self._exact_re = re.compile(_LEFT_EDGE + "(?=" + first_chars(exact) + ")(?:" + alternation(exact) + ")"
                                    + _RIGHT_EDGE)
        self._folded_re = re.compile(_LEFT_EDGE + "(?=" + first_chars(folded) + ")(?:" + alternation(folded) + ")"
                                     + _RIGHT_EDGE, re.IGNORECASE)
        as_written, any_case = phrase_patterns(list(sides.words))
        side_alt = "(?:" + alternation(as_written) + "|(?i:" + alternation(any_case) + "))"
        self._side_re = re.compile(_LEFT_EDGE + "(" + side_alt + ")(?:" + _APOS + "s)?" + _RIGHT_EDGE)
        self._side_before_re = re.compile("(" + side_alt + ")(?:" + _APOS + r"s)?\s+(?:the\s+)?$")
        collectives = {str(k).lower(): str(v) for k, v in (section.get("collectives") or {}).items()}
        self._collective_kind = collectives
        side_first = "(?:[a-z]+-[a-z]|" + first_chars(as_written) + "|(?i:" + first_chars(any_case) + "))"
        self._collective_re = re.compile(
            _LEFT_EDGE + "(?=" + side_first + ")" + r"((?:[a-z]+-[a-z]+\s+)?(?:" + side_alt + ")(?:" + _APOS + r"s)?\s+"
            r"(?:[a-z]+\s+){0,2}?(" + alternation(collectives) + "))" + _RIGHT_EDGE)
        self._official_titles = {t.lower() for t in _as_str_list(section.get("official_titles"), "official_titles")}
        self._expert_titles = {t.lower() for t in _as_str_list(section.get("expert_titles"), "expert_titles")}
        self._media_titles = {t.lower() for t in _as_str_list(section.get("media_titles"), "media_titles")}
        self._unofficial_titles = {t.lower() for t in _as_str_list(section.get("unofficial_titles"),
                                                                   "unofficial_titles")}
        self._word_kinds: dict[str, str | None] = {}  # title_kind of one word
        self._title_sets = tuple(  # (kind, titles, titles of several words) in the order title_kind tries them
            (kind, titles, tuple(t for t in titles if " " in t)) for kind, titles in (
                ("official", self._official_titles), ("expert", self._expert_titles),
                ("media", self._media_titles), ("unofficial", self._unofficial_titles)))
        self._stoplist = {match_key(t).lower() for t in _as_str_list(section.get("person_stoplist"),
                                                                    "person_stoplist")}
        self._anaphors = {str(k).lower(): tuple(str(x).lower() for x in v)
                          for k, v in (section.get("anaphors") or {}).items()}
        self._anaphor_re = re.compile(r"\b[Tt]he\s+(" + alternation(self._anaphors) + r")\b")
        self.profile_name: str | None = None
        self.local_words = frozenset(t.lower() for t in _as_str_list(section.get("local_official_words"),
                                                                      "local_official_words"))
        self._translit = {translit_key(alias): actor_id for alias, actor_id in exact.items()
                          if len(alias.split()) == 2 and self.specs[actor_id].type == "person"}
        self._media_keys = {_site_key(alias): actor_id for alias, actor_id in exact.items()
                            if self.specs[actor_id].type == "media"}  # "Al Jazeera" for "aljazeera.com"
        titles = {t.title.lower(): t for s in specs for t in s.titles}
        self._title_re = re.compile(r"\b(?=" + first_chars(titles) + ")(" + alternation(titles) + r")\b",
                                    re.IGNORECASE)
        self._titles_by_word: dict[str, list[tuple[ActorSpec, TitleSpec]]] = {}
        for spec in specs:
            for title in spec.titles:
                self._titles_by_word.setdefault(title.title.lower(), []).append((spec, title))

    # ------------------------------------------------------------------ building
    @classmethod
    def from_profile(cls, profile: Profile) -> ActorIndex:
        """Compile a profile's ``actors`` section. Raises ConfigError on a malformed entry."""
        section = profile.section("actors")
        if not isinstance(section, Mapping):
            raise ConfigError(f"Profile {profile.name}: actors.yaml must be a mapping", code="CL107")
        sides = Sides.from_profile(profile)
        specs: list[ActorSpec] = []
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for entry in section.get("actors") or []:
            if not isinstance(entry, Mapping) or "id" not in entry or "name" not in entry:
                raise ConfigError(f"Profile {profile.name}: every actor needs an id and a name ({entry!r})",
                                  code="CL107")
            side, kind = str(entry.get("side", "unknown")), str(entry.get("kind", "official"))
            if side not in sides.vocabulary or kind not in KINDS:
                raise ConfigError(f"Profile {profile.name}: actor {entry['id']} has side {side!r} / kind {kind!r};"
                                  f" use one of {sorted(sides.vocabulary)} (sides.yaml) / {sorted(KINDS)}",
                                  code="CL107")
            titles = tuple(TitleSpec(title=str(t["title"]), side=str(t.get("side", side)),
                                     since=_iso(t.get("since")), until=_iso(t.get("until")))
                           for t in entry.get("titles") or [] if isinstance(t, Mapping) and "title" in t)
            spec = ActorSpec(id=str(entry["id"]), name=str(entry["name"]), side=side, kind=kind,
                             type=str(entry.get("type", "person")),
                             heads=tuple(h.lower() for h in _as_str_list(entry.get("heads"), "heads")),
                             titles=titles, country=_iso(entry.get("country")))
            specs.append(spec)
            for alias in _as_str_list(entry.get("aliases"), f"{spec.id}.aliases"):
                for variant in spelling_variants(alias):
                    exact.setdefault(match_key(variant), spec.id)
            for epithet in _as_str_list(entry.get("epithets"), f"{spec.id}.epithets"):
                for variant in spelling_variants(epithet):
                    folded.setdefault(match_key(variant).lower(), spec.id)
        index = cls(specs, exact, folded, sides, section)
        index.profile_name = profile.name
        return index

    # ------------------------------------------------------------------ sides
    def side_of_words(self, text: str) -> str | None:
        """The side named by the first side word in ``text`` ("Russian", "Kyiv's"), else None."""
        match = self._side_re.search(text)
        return self._word_side(match.group(1)) if match else None

    def side_just_before(self, text: str, start: int) -> str | None:
        """The side of a side word ending right before ``start`` ("Russia's [defence minister]")."""
        match = self._side_before_re.search(text[max(0, start - 40):start])
        return self._word_side(match.group(1)) if match else None

    def _word_side(self, words: str) -> str | None:
        key = match_key(words)
        return self.sides.words.get(key) or self.sides.side_of_word(key)

    def country_side(self, country: str | None) -> str | None:
        """The side a place's ISO country code stands for (the profile's ``sides.yaml``), else None."""
        return self.sides.country_side(country)

    def place_side(self, doc: Doc, start: int, end: int, *, countries: bool = True) -> str | None:
        """The one side that the places named in ``[start, end)`` stand for, else None. Towns and
        regions count first; countries only when ``countries`` ("Russia launched" names a state)."""
        places = [p.place for p in (doc._.cl_places or []) if start <= p.span.start and p.span.end <= end]
        local = [p for p in places if p.kind != "country"]
        sides = {self.country_side(p.country) for p in (local or (places if countries else []))}
        sides.discard(None)
        return sides.pop() if len(sides) == 1 else None

    def article_side(self, doc: Doc) -> str | None:
        """The side of the country where the article's places overwhelmingly lie (at least
        two thirds of at least two place mentions), else None."""
        counts: dict[str, int] = {}
        for p in doc._.cl_places or []:
            side = self.country_side(p.place.country) if p.place.kind != "country" else None
            if side is not None:
                counts[side] = counts.get(side, 0) + 1
        if not counts:
            return None
        side, n = max(counts.items(), key=lambda kv: kv[1])
        return side if n >= 2 and n * 3 >= 2 * sum(counts.values()) else None

    def outlet_side(self, outlet: str | None) -> str | None:
        """The side of the home country of a media outlet (its ``country`` in the profile), else None."""
        spec = self.outlet_spec(outlet)
        return self.country_side(spec.country) if spec is not None and spec.country else None

    def outlet_spec(self, outlet: str | None) -> ActorSpec | None:
        """The profile outlet whose words an article carries: the outlet named, else the one its
        bracket names ("Devdiscourse (Reuters)" carries Reuters' text; "RT (republished by
        example.com)" and "RT (via example.com)" carry RT's; "rt.com" is RT's site), else None."""
        if not outlet:
            return None
        spec = self.lookup(outlet)
        host = _HOST_RE.fullmatch(outlet.strip().lower())
        if spec is None and host is not None:  # a site named by its address ("rt.com", "www.ukrinform.net")
            actor_id = self._media_keys.get(_site_key(host.group(1))) or self._media_keys.get(_site_key(host.group(2)))
            return self.specs.get(actor_id) if actor_id else None
        m = re.fullmatch(r"\s*(.+?)\s*\((.+)\)\s*", outlet)
        if spec is not None or m is None:
            return spec
        first, inside = m.group(1), m.group(2).strip()
        carried = re.match(r"(?:republished|reprinted|syndicated)\s+(?:by|on|from)\s+|via\s+", inside, re.IGNORECASE)
        return self.lookup(first) if carried else (self.lookup(inside) or self.lookup(first))

    def sided_actor(self, name: str | None, side: str) -> ActorSpec | None:
        """The profile actor of ``side`` that "<side word> <name>" names ("Defense Ministry" of
        russia: "Russian Defense Ministry"; "General Staff" of ukraine: "Ukrainian General Staff")."""
        if not name:
            return None
        bare = re.sub(r"^(?:[Tt]he)\s+", "", name)
        for word, word_side in self.sides.words.items():
            if word_side != side or not word[:1].isupper():
                continue
            for phrase in (f"{word} {bare}", f"{word}'s {bare}"):
                spec = self.lookup(phrase)
                if spec is not None and spec.side == side:
                    return spec
        return None

    def name_side(self, name: str) -> str | None:
        """The side of the country of the town or region the gazetteer reads in ``name`` ("KYIV"),
        else None (a country's own name is left out: "Russia, Ukraine swap prisoners")."""
        if self.profile_name is None:
            return None
        place = load_gazetteer(self.profile_name).lookup(name)
        return self.country_side(place.country) if place is not None and place.kind != "country" else None

    def named_place_side(self, tokens: Sequence[Token]) -> str | None:
        """The side of a gazetteer place among proper nouns the place tagger left untagged
        ("the mayor of Kharkiv, Ihor Terekhov" read as one organisation)."""
        if self.profile_name is None:
            return None
        gazetteer = load_gazetteer(self.profile_name)
        for tok in tokens:
            if tok.pos_ == "PROPN" and tok.text[:1].isupper():
                place = gazetteer.lookup(tok.text)
                if place is not None and place.kind != "country":
                    return self.country_side(place.country)
        return None

    def lookup(self, text: str) -> ActorSpec | None:
        """The profile actor an exact alias or epithet names, else None."""
        key = match_key(POSSESSIVE.sub("", text))
        actor_id = self._exact.get(key) or self._folded.get(key.lower())
        return self.specs.get(actor_id) if actor_id else None

    def transliterated(self, name: str) -> ActorSpec | None:
        """The profile person whose two-word alias is ``name`` in another transliteration
        ("Razvozhaev" / "Razvozhayev", "Dmitri" / "Dmitry"), else None."""
        words = name.split()
        if len(words) < 2:
            return None
        actor_id = self._translit.get(translit_key(f"{words[0]} {words[-1]}"))
        return self.specs.get(actor_id) if actor_id else None

    def title_kind(self, words: Iterable[str]) -> str | None:
        """official / expert / media / unofficial when one of ``words`` is such a title."""
        words = list(words)
        if len(words) == 1:  # most calls ask about one word: remembered per index
            word = words[0]
            if word not in self._word_kinds:
                if len(self._word_kinds) > 100_000:
                    self._word_kinds.clear()
                self._word_kinds[word] = self._title_kind(words)
            return self._word_kinds[word]
        return self._title_kind(words)

    def _title_kind(self, words: list[str]) -> str | None:
        lowered = [POSSESSIVE.sub("", w.lower().strip(".,")) for w in words]
        joined = " ".join(lowered)
        for kind, titles, phrases in self._title_sets:
            if any(w in titles for w in lowered) or any(t in joined for t in phrases):
                return kind
        return None

    def collective_kind(self, noun: str) -> str | None:
        return self._collective_kind.get(noun.lower())

    def is_stopword_name(self, text: str) -> bool:
        return match_key(POSSESSIVE.sub("", text)).lower() in self._stoplist

    # ------------------------------------------------------------------ mentions
    def find_mentions(self, doc: Doc, sents: Sequence[SpacySpan] | None = None,
                      text: str | None = None) -> list[ActorMention]:
        """Every actor mention in ``doc``, in text order, without overlaps. Never raises on text.
        ``text`` is ``doc.text`` when the caller has it (spaCy rebuilds it on every access)."""
        text = words_of(doc).text if text is None else text
        found: list[tuple[int, int, int, ActorMention]] = []  # (start, -length, rule, mention)

        def add(start: int, end: int, rule: int, mention: ActorMention) -> None:
            found.append((start, -(end - start), rule, mention))

        for regex, table, folded in ((self._exact_re, self._exact, False), (self._folded_re, self._folded, True)):
            for m in regex.finditer(text):
                key = match_key(m.group(0))
                actor_id = table.get(key.lower() if folded else key)
                spec = self.specs.get(actor_id) if actor_id else None
                if spec is not None:
                    add(m.start(), m.end(), 0, ActorMention(span_of(text, m.start(), m.end()),
                                                            spec.claimant(m.group(0)), spec.id, spec.type))
        for m in self._collective_re.finditer(text):
            words = m.group(1)
            if _clause_inside(doc, m.start(1), m.start(2)):
                continue  # "Kyiv said its forces": a subject and its verb, not one group
            side = self.side_of_words(words) or "unknown"
            kind = self.collective_kind(match_key(m.group(2)).lower()) or "unofficial"
            name = match_key(words)
            state = self._states.get(side)
            if kind == "state" and state is not None:  # "the Ukrainian side": the state
                add(m.start(1), m.end(1), 1, ActorMention(span_of(text, m.start(1), m.end(1)), state.claimant(words),
                                                          state.id, "state"))
            elif kind != "state":
                add(m.start(1), m.end(1), 1, ActorMention(span_of(text, m.start(1), m.end(1)),
                                                          Claimant(name=name, mention=words, side=side, kind=kind),
                                                          None, "collective"))
        chosen = _without_overlaps(found)
        chosen = add_acronyms(self, text, chosen)
        chosen = self._add_titles(doc, text, chosen)
        if sents is None:
            sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
        sent_starts = [s.start for s in sents] or [0]
        chosen = add_entities(self, doc, text, sent_starts, chosen)
        chosen = self._add_anaphors(text, chosen)
        return chosen


    def _add_titles(self, doc: Doc, text: str, chosen: list[ActorMention]) -> list[ActorMention]:
        published = str(doc._.cl_published or "")[:10]
        extra: list[ActorMention] = []
        for m in self._title_re.finditer(text):
            start, end = m.start(), m.end()
            if overlaps(chosen, start, end) or _name_follows(chosen, end, text):
                continue
            side = self.side_just_before(text, start) or _possessor_side(chosen, text, start)
            named_before = {c.actor_id for c in chosen if c.span.end <= start and c.actor_id}
            best: ActorSpec | None = None
            for spec, title in self._titles_by_word.get(m.group(1).lower(), []):
                in_time = (not published or ((title.since or "") <= published
                                             and (title.until is None or published <= title.until)))
                if side is not None and side == title.side and in_time:
                    best = spec
                    break
                if spec.id in named_before and (side is None or side == title.side):
                    best = spec
            if best is not None:
                extra.append(ActorMention(span_of(text, start, end), best.claimant(m.group(0)), best.id, best.type))
        return sorted(chosen + extra, key=lambda c: c.span.start)


    def _add_anaphors(self, text: str, chosen: list[ActorMention]) -> list[ActorMention]:
        extra: list[ActorMention] = []
        for m in self._anaphor_re.finditer(text):
            if overlaps(chosen, m.start(), m.end()):
                continue
            targets = self._anaphors.get(m.group(1).lower(), ())
            for prior in reversed([c for c in chosen if c.span.end <= m.start()]):
                if prior.type == "person":
                    continue
                spec = self.specs.get(prior.actor_id) if prior.actor_id else None
                words = set(re.findall(r"[a-z]+", (prior.claimant.name or "").lower()))
                heads = set(spec.heads) if spec else set()
                if words & set(targets) or heads & set(targets):
                    extra.append(ActorMention(span_of(text, m.start(), m.end()),
                                              Claimant(name=prior.claimant.name, mention=m.group(0),
                                                       side=prior.claimant.side, kind=prior.claimant.kind,
                                                       actor_id=prior.claimant.actor_id),
                                              prior.actor_id, prior.type))
                    break
        return sorted(chosen + extra, key=lambda c: c.span.start)


# ---------------------------------------------------------------------- helpers

def _name_follows(mentions: Sequence[ActorMention], end: int, text: str) -> bool:
    """A named actor right after a title ("defence minister Sergei Shoigu") carries the title."""
    return any(0 <= c.span.start - end <= 2 and not text[end:c.span.start].strip(" ,") for c in mentions)


def _possessor_side(mentions: Sequence[ActorMention], text: str, start: int) -> str | None:
    """The side of an actor whose possessive stands right before ``start`` ("Putin's envoy")."""
    for c in mentions:
        gap = text[c.span.end:start]
        if c.span.end <= start and re.fullmatch(r"['’]s?\s+(?:top\s+|chief\s+|new\s+)?", gap):
            return c.claimant.side if c.claimant.side != "unknown" else None
    return None


_NOT_IN_A_NAME = frozenset({"VERB", "AUX", "PRON", "CCONJ", "SCONJ", "ADP", "DET", "PART"})


def _clause_inside(doc: Doc, start: int, end: int) -> bool:
    """Whether the words in ``[start, end)`` hold a verb, pronoun or joining word (no group name does)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not doc.has_annotation("POS"):
        return False
    return any(t.pos_ in _NOT_IN_A_NAME and t.tag_ != "POS" and t.dep_ not in ("amod", "compound") for t in span[1:])


def _without_overlaps(found: list[tuple[int, int, int, ActorMention]]) -> list[ActorMention]:
    """Longest first, then the earlier rule; keep the survivors in text order."""
    kept: list[ActorMention] = []
    for _, _, _, mention in sorted(found, key=lambda f: (f[1], f[2], f[0])):
        if not overlaps(kept, mention.span.start, mention.span.end):
            kept.append(mention)
    return sorted(kept, key=lambda c: c.span.start)


def resolve_pronoun(token: Token, mentions: Sequence[ActorMention]) -> ActorMention | None:
    """The last compatible actor named before a pronoun: people for he/she, groups for it/they."""
    word = token.lower_
    if word in _HE_SHE:
        types: frozenset[str] = PERSON_TYPES
    elif word in _IT_THEY:
        types = GROUP_TYPES
    else:
        return None
    for c in reversed(mentions):
        if c.span.end <= token.idx and c.type in types:
            return c
    return None


@lru_cache(maxsize=4)
def _index_for(profile_name: str) -> ActorIndex:
    return ActorIndex.from_profile(load_profile(profile_name))


def side_of_words(text: str, profile: str = "russia-ukraine") -> str | None:
    """The side a phrase's side words name ("Russian troops" -> "russia"), else None.

    Uses the profile's side words (``sides.yaml``); the compiled index is cached per profile name.
    """
    return _index_for(profile).side_of_words(text)


def find_actor_mentions(doc: Doc, index: ActorIndex) -> list[ActorMention]:
    """Every actor mention in ``doc`` (see ``ActorIndex.find_mentions``)."""
    return index.find_mentions(doc)


_HOST_RE = re.compile(r"(?:https?://)?(?:www\.)?(([a-z0-9-]+)(?:\.[a-z0-9-]+)+)/?")


def _site_key(name: str) -> str:
    """A name or site address reduced to its letters and digits ("Al Jazeera" and "aljazeera" agree)."""
    return re.sub(r"[^a-z0-9]", "", name.lower())

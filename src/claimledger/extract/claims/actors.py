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
4. PERSON entities not in the profile and not places: "Lt Gen Sergei Sevryukov" becomes a new
   actor; side from side words or an actor next to the name, else (when titled) from the
   nearest side-bearing actor in the two sentences before; kind from the title words;
5. ORG entities not in the profile (side from their own words);
6. surnames of new people named earlier ("Sevryukov");
7. anaphors "the ministry", "the agency" -> the last named actor with that head word.

Pronouns are resolved on demand (``resolve_pronoun``): he/she -> the last person named,
it/they -> the last organisation, state or group.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...errors import ConfigError
from ...profiles import Profile, load_profile
from ...records import Claimant, Span
from ..vocabulary.gazetteer import load_gazetteer

VERSION = "1"

SIDES = frozenset({"russia", "ukraine", "belarus", "united_states", "poland", "nato", "eu", "un",
                   "other_state", "independent", "unknown"})
KINDS = frozenset({"official", "unofficial", "media", "expert", "outlet"})
PERSON_TYPES = frozenset({"person"})
GROUP_TYPES = frozenset({"organisation", "state", "collective", "media"})
_APOS = "['’]"
_POSSESSIVE = re.compile(r"\s*['’]s?$")
_LEFT_EDGE = r"(?<![\w’'-])"
_RIGHT_EDGE = r"(?![\w-])"
_HE_SHE = frozenset({"he", "she", "him", "her"})
_IT_THEY = frozenset({"it", "they", "them"})


@dataclass(frozen=True, slots=True)
class TitleSpec:
    """A job title that names an actor in context, between two ISO dates."""

    title: str
    side: str
    since: str | None = None
    until: str | None = None


@dataclass(frozen=True, slots=True)
class ActorSpec:
    """One actor of the profile."""

    id: str
    name: str
    side: str
    kind: str
    type: str
    heads: tuple[str, ...] = ()
    titles: tuple[TitleSpec, ...] = ()
    country: str | None = None

    def claimant(self, mention: str) -> Claimant:
        return Claimant(name=self.name, mention=mention, side=self.side, kind=self.kind, actor_id=self.id)


@dataclass(frozen=True, slots=True)
class ActorMention:
    """Words in the text that name (or refer to) an actor.

    ``actor_id`` is the profile key, None for actors found only in this article.
    ``type`` is person, organisation, state, collective or media.
    """

    span: Span
    claimant: Claimant
    actor_id: str | None
    type: str = "person"


def _alternation(phrases: Iterable[str]) -> str:
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


def _norm_key(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("’", "'")).strip()


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
                 side_words: Mapping[str, str], section: Mapping[str, Any]) -> None:
        self.specs: dict[str, ActorSpec] = {s.id: s for s in specs}
        self._exact = dict(exact)
        self._folded = dict(folded)
        self._side_words = {_norm_key(k): v for k, v in side_words.items()}
        self._exact_re = re.compile(_LEFT_EDGE + "(?:" + _alternation(exact) + ")" + _RIGHT_EDGE)
        self._folded_re = re.compile(_LEFT_EDGE + "(?:" + _alternation(folded) + ")" + _RIGHT_EDGE, re.IGNORECASE)
        side_alt = _alternation(side_words)
        self._side_re = re.compile(_LEFT_EDGE + "(" + side_alt + ")(?:" + _APOS + "s)?" + _RIGHT_EDGE)
        self._side_before_re = re.compile("(" + side_alt + ")(?:" + _APOS + r"s)?\s+(?:the\s+)?$")
        collectives = {str(k).lower(): str(v) for k, v in (section.get("collectives") or {}).items()}
        self._collective_kind = collectives
        self._collective_re = re.compile(
            _LEFT_EDGE + r"((?:[a-z]+-[a-z]+\s+)?(?:" + side_alt + ")(?:" + _APOS + r"s)?\s+"
            r"(?:[a-z]+\s+){0,2}?(" + _alternation(collectives) + "))" + _RIGHT_EDGE)
        self._official_titles = {t.lower() for t in _as_str_list(section.get("official_titles"), "official_titles")}
        self._expert_titles = {t.lower() for t in _as_str_list(section.get("expert_titles"), "expert_titles")}
        self._media_titles = {t.lower() for t in _as_str_list(section.get("media_titles"), "media_titles")}
        self._unofficial_titles = {t.lower() for t in _as_str_list(section.get("unofficial_titles"),
                                                                   "unofficial_titles")}
        self._stoplist = {_norm_key(t).lower() for t in _as_str_list(section.get("person_stoplist"),
                                                                    "person_stoplist")}
        self._anaphors = {str(k).lower(): tuple(str(x).lower() for x in v)
                          for k, v in (section.get("anaphors") or {}).items()}
        self._anaphor_re = re.compile(r"\b[Tt]he\s+(" + _alternation(self._anaphors) + r")\b")
        self.profile_name: str | None = None
        self._country_sides = {str(k): str(v) for k, v in (section.get("country_sides") or {}).items()}
        self._foreign_side = self._country_sides.pop("other", "other_state")
        self.local_words = frozenset(t.lower() for t in _as_str_list(section.get("local_official_words"),
                                                                      "local_official_words"))
        titles = {t.title.lower(): t for s in specs for t in s.titles}
        self._title_re = re.compile(r"\b(" + _alternation(titles) + r")\b", re.IGNORECASE)
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
        specs: list[ActorSpec] = []
        exact: dict[str, str] = {}
        folded: dict[str, str] = {}
        for entry in section.get("actors") or []:
            if not isinstance(entry, Mapping) or "id" not in entry or "name" not in entry:
                raise ConfigError(f"Profile {profile.name}: every actor needs an id and a name ({entry!r})",
                                  code="CL107")
            side, kind = str(entry.get("side", "unknown")), str(entry.get("kind", "official"))
            if side not in SIDES or kind not in KINDS:
                raise ConfigError(f"Profile {profile.name}: actor {entry['id']} has side {side!r} / kind {kind!r};"
                                  f" use one of {sorted(SIDES)} / {sorted(KINDS)}", code="CL107")
            titles = tuple(TitleSpec(title=str(t["title"]), side=str(t.get("side", side)),
                                     since=_iso(t.get("since")), until=_iso(t.get("until")))
                           for t in entry.get("titles") or [] if isinstance(t, Mapping) and "title" in t)
            spec = ActorSpec(id=str(entry["id"]), name=str(entry["name"]), side=side, kind=kind,
                             type=str(entry.get("type", "person")),
                             heads=tuple(h.lower() for h in _as_str_list(entry.get("heads"), "heads")),
                             titles=titles, country=_iso(entry.get("country")))
            specs.append(spec)
            for alias in _as_str_list(entry.get("aliases"), f"{spec.id}.aliases"):
                exact.setdefault(_norm_key(alias), spec.id)
            for epithet in _as_str_list(entry.get("epithets"), f"{spec.id}.epithets"):
                folded.setdefault(_norm_key(epithet).lower(), spec.id)
        side_words = {str(k): str(v) for k, v in (section.get("side_words") or {}).items()}
        bad = {v for v in side_words.values() if v not in SIDES}
        if bad:
            raise ConfigError(f"Profile {profile.name}: unknown sides in side_words: {sorted(bad)}", code="CL107")
        index = cls(specs, exact, folded, side_words, section)
        index.profile_name = profile.name
        return index

    # ------------------------------------------------------------------ sides
    def side_of_words(self, text: str) -> str | None:
        """The side named by the first side word in ``text`` ("Russian", "Kyiv's"), else None."""
        match = self._side_re.search(text)
        return self._side_words.get(_norm_key(match.group(1))) if match else None

    def side_just_before(self, text: str, start: int) -> str | None:
        """The side of a side word ending right before ``start`` ("Russia's [defence minister]")."""
        match = self._side_before_re.search(text[max(0, start - 40):start])
        return self._side_words.get(_norm_key(match.group(1))) if match else None

    def country_side(self, country: str | None) -> str | None:
        """The side a place's ISO country code stands for (profile ``country_sides``), else None."""
        if not country:
            return None
        return self._country_sides.get(country, self._foreign_side)

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
        spec = self.lookup(outlet) if outlet else None
        return self.country_side(spec.country) if spec is not None and spec.country else None

    def name_side(self, name: str) -> str | None:
        """The side of the country of the town or region the gazetteer reads in ``name`` ("KYIV"),
        else None (a country's own name is left out: "Russia, Ukraine swap prisoners")."""
        if self.profile_name is None:
            return None
        place = load_gazetteer(self.profile_name).lookup(name)
        return self.country_side(place.country) if place is not None and place.kind != "country" else None

    def _named_place_side(self, tokens: Sequence[Token]) -> str | None:
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
        key = _norm_key(_POSSESSIVE.sub("", text))
        actor_id = self._exact.get(key) or self._folded.get(key.lower())
        return self.specs.get(actor_id) if actor_id else None

    def title_kind(self, words: Iterable[str]) -> str | None:
        """official / expert / media / unofficial when one of ``words`` is such a title."""
        lowered = [w.lower().strip(".,") for w in words]
        joined = " ".join(lowered)
        for kind, titles in (("official", self._official_titles), ("expert", self._expert_titles),
                             ("media", self._media_titles), ("unofficial", self._unofficial_titles)):
            if any(w in titles for w in lowered) or any(" " in t and t in joined for t in titles):
                return kind
        return None

    def collective_kind(self, noun: str) -> str | None:
        return self._collective_kind.get(noun.lower())

    def is_stopword_name(self, text: str) -> bool:
        return _norm_key(_POSSESSIVE.sub("", text)).lower() in self._stoplist

    # ------------------------------------------------------------------ mentions
    def find_mentions(self, doc: Doc, sents: Sequence[SpacySpan] | None = None) -> list[ActorMention]:
        """Every actor mention in ``doc``, in text order, without overlaps. Never raises on text."""
        text = doc.text
        found: list[tuple[int, int, int, ActorMention]] = []  # (start, -length, rule, mention)

        def add(start: int, end: int, rule: int, mention: ActorMention) -> None:
            found.append((start, -(end - start), rule, mention))

        for regex, table, folded in ((self._exact_re, self._exact, False), (self._folded_re, self._folded, True)):
            for m in regex.finditer(text):
                key = _norm_key(m.group(0))
                actor_id = table.get(key.lower() if folded else key)
                spec = self.specs.get(actor_id) if actor_id else None
                if spec is not None:
                    add(m.start(), m.end(), 0, ActorMention(_span(text, m.start(), m.end()),
                                                            spec.claimant(m.group(0)), spec.id, spec.type))
        for m in self._collective_re.finditer(text):
            words = m.group(1)
            if _clause_inside(doc, m.start(1), m.start(2)):
                continue  # "Kyiv said its forces": a subject and its verb, not one group
            side = self.side_of_words(words) or "unknown"
            kind = self.collective_kind(_norm_key(m.group(2)).lower()) or "unofficial"
            name = _norm_key(words)
            add(m.start(1), m.end(1), 1, ActorMention(_span(text, m.start(1), m.end(1)),
                                                      Claimant(name=name, mention=words, side=side, kind=kind),
                                                      None, "collective"))
        chosen = _without_overlaps(found)
        chosen = self._add_titles(doc, text, chosen)
        if sents is None:
            sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
        sent_starts = [s.start for s in sents] or [0]
        chosen = self._add_entities(doc, text, sent_starts, chosen)
        chosen = self._add_anaphors(text, chosen)
        return chosen

    def _add_titles(self, doc: Doc, text: str, chosen: list[ActorMention]) -> list[ActorMention]:
        published = str(doc._.cl_published or "")[:10]
        extra: list[ActorMention] = []
        for m in self._title_re.finditer(text):
            start, end = m.start(), m.end()
            if _overlaps(chosen, start, end) or _name_follows(chosen, end, text):
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
                extra.append(ActorMention(_span(text, start, end), best.claimant(m.group(0)), best.id, best.type))
        return sorted(chosen + extra, key=lambda c: c.span.start)

    def _add_entities(self, doc: Doc, text: str, sent_starts: list[int],
                      chosen: list[ActorMention]) -> list[ActorMention]:
        places = [(p.span.start, p.span.end) for p in (doc._.cl_places or [])]
        new_people: dict[str, Claimant] = {}
        result = list(chosen)
        for ent in doc.ents:
            if ent.label_ not in ("PERSON", "ORG"):
                continue
            label = ent.label_
            tokens = list(ent)
            commas = [i for i, t in enumerate(tokens) if t.text == ","]
            if label == "ORG" and commas:  # "Kharkiv, Ihor Terekhov" tagged as one organisation
                tokens = tokens[commas[-1] + 1:]
                if not (2 <= len(tokens) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tokens)):
                    continue
                label = "PERSON"
            tokens = [t for t in tokens if not (t.is_punct and t.text not in ".-")]
            while tokens and tokens[-1].text.lower() in ("'s", "’s", "'", "’"):
                tokens.pop()
            title_words: list[str] = []
            while tokens and self.title_kind([tokens[0].text]) is not None and tokens[0].text[:1].isupper():
                title_words.append(tokens.pop(0).text)
            while tokens and tokens[0].lower_ == "the":
                tokens.pop(0)
            if not tokens:
                continue
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            name = text[start:end]
            if (_overlaps(result, start, end) or any(s < end and start < e for s, e in places)
                    or self.is_stopword_name(name) or any(ch.isdigit() for ch in name)
                    or not name[:1].isupper() or len(name) < 3):
                continue
            if self.lookup(name) is not None:
                continue
            if tokens[-1].text in new_people and len(tokens) > 1 and label == "ORG":
                tokens, start = tokens[-1:], tokens[-1].idx  # "Later Petrov" tagged ORG: the person again
                name = text[start:end]
            if label == "ORG" and not (len(tokens) == 1 and name in new_people):
                side = self.side_of_words(name) or "unknown"
                kind = "official" if self.title_kind(name.split()) == "official" else "unofficial"
                result.append(ActorMention(_span(text, start, end),
                                           Claimant(name=name, mention=name, side=side, kind=kind),
                                           None, "organisation"))
                continue
            surname = tokens[-1].text
            earlier = new_people.get(surname)
            if earlier is not None and len(tokens) == 1:
                claimant = Claimant(name=earlier.name, mention=name, side=earlier.side, kind=earlier.kind)
            else:
                claimant = self._new_person(doc, text, sent_starts, tokens[0].i, tokens[-1].i + 1, start, name,
                                            title_words, result)
                new_people[surname] = claimant
            result.append(ActorMention(_span(text, start, end), claimant, None, "person"))
        result.sort(key=lambda c: c.span.start)
        for c in result:  # profile people named in full: their surname alone later ("Fedorov added")
            words = c.span.text.split()
            if c.type == "person" and c.actor_id and len(words) >= 2 and words[-1][:1].isupper():
                new_people.setdefault(_POSSESSIVE.sub("", words[-1]), c.claimant)
        # keyed as the regex matches (any apostrophe, any white space), the first of equal keys kept, no blank keys
        new_people = {_norm_key(k): v for k, v in reversed(new_people.items()) if _norm_key(k)}
        if new_people:
            surname_re = re.compile(r"\b(" + _alternation(new_people) + r")\b")
            for m in surname_re.finditer(text):
                if not _overlaps(result, m.start(), m.end()):
                    earlier = new_people[_norm_key(m.group(1))]
                    first = next((c for c in result if c.claimant.name == earlier.name), None)
                    if first is not None and first.span.start < m.start():
                        result.append(ActorMention(_span(text, m.start(), m.end()),
                                                   Claimant(name=earlier.name, mention=m.group(0),
                                                            side=earlier.side, kind=earlier.kind,
                                                            actor_id=earlier.actor_id),
                                                   earlier.actor_id, "person"))
            result.sort(key=lambda c: c.span.start)
        return result

    def _new_person(self, doc: Doc, text: str, sent_starts: list[int], ent_start: int, ent_end: int,
                    char_start: int, name: str, title_words: list[str],
                    known: list[ActorMention]) -> Claimant:
        """An actor found only in this article: side and kind from the words around the name."""
        k = max(0, bisect_right(sent_starts, ent_start) - 1)
        sent_start = sent_starts[k]
        sent_end = sent_starts[k + 1] if k + 1 < len(sent_starts) else len(doc)
        left = [t for t in doc[max(sent_start, ent_start - 7):ent_start]]
        cut = max((i for i, t in enumerate(left) if t.text in (".", ";", "!", "?", "\n")
                   or (t.pos_ == "VERB" and t.dep_ not in ("amod", "compound"))),
                  default=-1)
        left = left[cut + 1:]
        right: list[Token] = []
        if ent_end < sent_end and doc[ent_end].text == ",":
            for tok in doc[ent_end + 1:min(sent_end, ent_end + 14)]:
                if tok.text in (",", ".", ";", "\n") or tok.pos_ == "VERB":
                    break
                right.append(tok)
        context_words = title_words + [t.text for t in left] + [t.text for t in right]
        kind = self.title_kind(context_words) or "unofficial"
        side: str | None = None
        for part in (left, right):
            if part and side is None:
                window_start, window_end = part[0].idx, part[-1].idx + len(part[-1].text)
                side = self.side_of_words(text[window_start:window_end])
                side = side or self.place_side(doc, window_start, window_end) or self._named_place_side(part)
                if side is None:
                    near = [c for c in known if window_start <= c.span.start and c.span.end <= window_end
                            and c.claimant.side not in ("unknown", "independent")]
                    side = near[-1].claimant.side if near else None
        if side is None and (title_words or kind == "official"):
            floor_char = doc[sent_starts[max(0, k - 2)]].idx if len(doc) else 0
            near = [c for c in known if floor_char <= c.span.start < char_start
                    and c.claimant.side not in ("unknown", "independent") and c.type != "media"]
            side = near[-1].claimant.side if near else None
        return Claimant(name=name, mention=name, side=side or "unknown", kind=kind)

    def _add_anaphors(self, text: str, chosen: list[ActorMention]) -> list[ActorMention]:
        extra: list[ActorMention] = []
        for m in self._anaphor_re.finditer(text):
            if _overlaps(chosen, m.start(), m.end()):
                continue
            targets = self._anaphors.get(m.group(1).lower(), ())
            for prior in reversed([c for c in chosen if c.span.end <= m.start()]):
                if prior.type == "person":
                    continue
                spec = self.specs.get(prior.actor_id) if prior.actor_id else None
                words = set(re.findall(r"[a-z]+", (prior.claimant.name or "").lower()))
                heads = set(spec.heads) if spec else set()
                if words & set(targets) or heads & set(targets):
                    extra.append(ActorMention(_span(text, m.start(), m.end()),
                                              Claimant(name=prior.claimant.name, mention=m.group(0),
                                                       side=prior.claimant.side, kind=prior.claimant.kind,
                                                       actor_id=prior.claimant.actor_id),
                                              prior.actor_id, prior.type))
                    break
        return sorted(chosen + extra, key=lambda c: c.span.start)


# ---------------------------------------------------------------------- helpers
def _span(text: str, start: int, end: int) -> Span:
    return Span(start, end, text[start:end])


def _overlaps(mentions: Sequence[ActorMention], start: int, end: int) -> bool:
    return any(c.span.start < end and start < c.span.end for c in mentions)


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
        if not _overlaps(kept, mention.span.start, mention.span.end):
            kept.append(mention)
    return sorted(kept, key=lambda c: c.span.start)


def mention_at(mentions: Sequence[ActorMention], start: int, end: int) -> ActorMention | None:
    """The first mention overlapping the character range [start, end)."""
    starts = [c.span.start for c in mentions]
    i = max(0, bisect_left(starts, start) - 1)
    for c in mentions[i:]:
        if c.span.start >= end:
            break
        if c.span.start < end and start < c.span.end:
            return c
    return None


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

    Uses the profile's ``side_words``; the compiled index is cached per profile name.
    """
    return _index_for(profile).side_of_words(text)


def find_actor_mentions(doc: Doc, index: ActorIndex) -> list[ActorMention]:
    """Every actor mention in ``doc`` (see ``ActorIndex.find_mentions``)."""
    return index.find_mentions(doc)

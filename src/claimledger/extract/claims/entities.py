"""Actors found in one article only (helpers for ``ActorIndex.find_mentions``): names spelled
out before their acronym, and the PERSON and ORG entities of the tagger (with the names it
missed next to a title, names.py) turned into new people and organisations with a side and a
kind from the words around them."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Token

from ...records import Claimant
from .mentions import POSSESSIVE, ActorMention, overlaps, span_of
from .names import titled_names
from .spellings import ACRONYM, alternation, description_after, expansion_start, match_key

if TYPE_CHECKING:
    from .actors import ActorIndex

_OFFICE_WORDS = frozenset({"office", "council", "department", "directorate", "committee", "service", "inspectorate",
                           "headquarters", "agency", "bureau", "commission"})


def add_acronyms(index: ActorIndex, text: str, chosen: list[ActorMention]) -> list[ActorMention]:
    """"Full Name (ACRONYM)" is one actor: the profile's when it knows the acronym or the
    name ("Center for Strategic and International Studies (CSIS)"), else a new organisation
    whose side and kind come from its words or from a description set off after it
    ("the centre for defence strategies (CDS), a Ukrainian think tank")."""
    extra: list[ActorMention] = []
    for m in ACRONYM.finditer(text):
        start = expansion_start(text, m.start(), m.group(1))
        if start is None:
            continue
        article = re.match(r"[Tt]he\s+", text[start:m.start()])
        start += article.end() if article else 0
        name = text[start:m.start()].strip()
        spec = index.lookup(m.group(1)) or index.lookup(name)
        if spec is not None:
            claimant = spec.claimant(text[start:m.end()])
            extra.append(ActorMention(span_of(text, start, m.end()), claimant, spec.id, spec.type))
            continue
        described = description_after(text, m.end())
        side = index.side_of_words(name) or index.side_of_words(described) or "unknown"
        kind = index.title_kind(name.split()) or index.title_kind(described.split()) or "unofficial"
        if kind != "expert" and side == "unknown" and not name[:1].isupper():
            continue  # lower-case words that happen to spell the letters
        extra.append(ActorMention(span_of(text, start, m.end()),
                                  Claimant(name=f"{name} ({m.group(1)})", mention=text[start:m.end()], side=side,
                                           kind=kind), None, "organisation"))
    if not extra:
        return chosen
    kept = [c for c in chosen if not any(e.span.start <= c.span.start and c.span.end <= e.span.end for e in extra)]
    kept += [e for e in extra if not overlaps(kept, e.span.start, e.span.end)]
    return sorted(kept, key=lambda c: c.span.start)


def add_entities(index: ActorIndex, doc: Doc, text: str, sent_starts: list[int],
                  chosen: list[ActorMention]) -> list[ActorMention]:
    places = [(p.span.start, p.span.end) for p in (doc._.cl_places or [])]
    new_people: dict[str, Claimant] = {}
    result = list(chosen)
    taken = places + [(c.span.start, c.span.end) for c in chosen]
    titled = titled_names(doc, lambda w: index.title_kind([w]) is not None, index.is_stopword_name, taken,
                          lambda end: any(c.span.end == end and c.type == "organisation"
                                          and index.title_kind(c.span.text.split()) == "official"
                                          for c in chosen), text=text)
    candidates = [("PERSON", run) for run in titled]
    for ent in doc.ents:
        if ent.label_ not in ("PERSON", "ORG"):
            continue
        if ent.label_ == "PERSON" and index.title_kind([ent[-1].text]) is not None:
            continue  # "Kramatorsk Mayor": a title, the name follows
        if any(c.type == "person" and c.actor_id and 0 <= ent.start_char - c.span.end <= 1 for c in chosen):
            continue  # "Ukrainian President Vladimir Zelensky", "Zelensky's wife Elena": the profile's person
        candidates.append((ent.label_, list(ent)))
    for label, tokens in candidates:
        commas = [i for i, t in enumerate(tokens) if t.text == ","]
        if label == "ORG" and commas:  # "Kharkiv, Ihor Terekhov" tagged as one organisation
            tokens = tokens[commas[-1] + 1:]
            if not (2 <= len(tokens) <= 3 and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in tokens)):
                continue
            label = "PERSON"
        tokens = [t for t in tokens if not (t.is_punct and t.text not in ".-")]
        while label == "PERSON" and len(tokens) > 2 and (any(s <= tokens[0].idx < e for s, e in places)
                                                         or index.named_place_side(tokens[:1]) is not None):
            tokens.pop(0)  # "governor of Sevastopol Ivan Petrov" tagged "Sevastopol Ivan Petrov"
        while tokens and tokens[-1].text.lower() in ("'s", "’s", "'", "’"):
            tokens.pop()
        if label == "ORG" and any(s < tokens[-1].idx + len(tokens[-1].text) and tokens[0].idx < e
                                  for s, e in places) and _placed_office(index, tokens, places):
            start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
            if not overlaps(result, start, end):  # "Sumy City Council", "Prosecutor's Office of Sumy Oblast"
                name = text[start:end]
                side = index.side_of_words(name) or index.place_side(doc, start, end, countries=False) or "unknown"
                result.append(ActorMention(span_of(text, start, end),
                                           Claimant(name=name, mention=name, side=side, kind="official"),
                                           None, "organisation"))
            continue
        title_words: list[str] = []
        while (tokens and index.title_kind([tokens[0].text]) is not None and tokens[0].text[:1].isupper()
               and not (len(tokens) > 1 and tokens[1].tag_ == "POS")):  # "Prosecutor's Office": a name
            title_words.append(tokens.pop(0).text)
        while tokens and tokens[0].lower_ == "the":
            tokens.pop(0)
        if not tokens:
            continue
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        name = text[start:end]
        if (overlaps(result, start, end) or any(s < end and start < e for s, e in places)
                or index.is_stopword_name(name) or any(ch.isdigit() for ch in name)
                or not name[:1].isupper() or len(name) < 3):
            continue
        if index.lookup(name) is not None:
            continue
        spec = index.transliterated(name) if label == "PERSON" else None
        if spec is not None:  # "Mikhail Razvozhaev" for the profile's "Mikhail Razvozhayev"
            result.append(ActorMention(span_of(text, start, end), spec.claimant(name), spec.id, spec.type))
            new_people.setdefault(tokens[-1].text, spec.claimant(tokens[-1].text))
            continue
        if tokens[-1].text in new_people and len(tokens) > 1 and label == "ORG":
            tokens, start = tokens[-1:], tokens[-1].idx  # "Later Petrov" tagged ORG: the person again
            name = text[start:end]
        if label == "ORG" and not (len(tokens) == 1 and name in new_people):
            words = [POSSESSIVE.sub("", w).lower() for w in name.split()]
            official = index.title_kind(words) == "official" or bool(_OFFICE_WORDS & set(words))
            kind = "official" if official else "unofficial"
            side = (index.side_of_words(name) or index.side_just_before(text, start)  # "Ukraine's X"
                    # "Prosecutor's Office of Sumy Oblast": the place's country
                    or (index.named_place_side(tokens) if kind == "official" else None) or "unknown")
            result.append(ActorMention(span_of(text, start, end),
                                       Claimant(name=name, mention=name, side=side, kind=kind),
                                       None, "organisation"))
            continue
        surname = tokens[-1].text
        earlier = new_people.get(surname)
        if earlier is not None and len(tokens) == 1:
            claimant = Claimant(name=earlier.name, mention=name, side=earlier.side, kind=earlier.kind)
        else:
            claimant = _new_person(index, doc, text, sent_starts, tokens[0].i, tokens[-1].i + 1, start, name,
                                        title_words, result)
            new_people[surname] = claimant
        result.append(ActorMention(span_of(text, start, end), claimant, None, "person"))
    result.sort(key=lambda c: c.span.start)
    for c in result:  # profile people named in full: their surname alone later ("Fedorov added")
        words = c.span.text.split()
        if c.type == "person" and c.actor_id and len(words) >= 2 and words[-1][:1].isupper():
            new_people.setdefault(POSSESSIVE.sub("", words[-1]), c.claimant)
    # keyed as the regex matches (any apostrophe, any white space), the first of equal keys kept, no blank keys
    new_people = {match_key(k): v for k, v in reversed(new_people.items()) if match_key(k)}
    if new_people:
        surname_re = re.compile(r"\b(" + alternation(new_people) + r")\b")
        for m in surname_re.finditer(text):
            if not overlaps(result, m.start(), m.end()):
                earlier = new_people[match_key(m.group(1))]
                first = next((c for c in result if c.claimant.name == earlier.name), None)
                if first is not None and first.span.start < m.start():
                    result.append(ActorMention(span_of(text, m.start(), m.end()),
                                               Claimant(name=earlier.name, mention=m.group(0),
                                                        side=earlier.side, kind=earlier.kind,
                                                        actor_id=earlier.actor_id),
                                               earlier.actor_id, "person"))
        result.sort(key=lambda c: c.span.start)
    return result

def _placed_office(index: ActorIndex, tokens: Sequence[Token], places: Sequence[tuple[int, int]]) -> bool:
    """An organisation named after a place: words outside the place that make it an office
    ("City Council", "Prosecutor's Office", "Regional Military Administration")."""
    outside = [POSSESSIVE.sub("", t.text).lower() for t in tokens
               if t.text[:1].isupper() and not any(s <= t.idx < e for s, e in places)]
    return bool(outside) and (any(w in index.local_words for w in outside) or index.title_kind(outside) == "official"
                              or any(w in _OFFICE_WORDS for w in outside))

def _new_person(index: ActorIndex, doc: Doc, text: str, sent_starts: list[int], ent_start: int, ent_end: int,
                char_start: int, name: str, title_words: list[str],
                known: list[ActorMention]) -> Claimant:
    """An actor found only in this article: side and kind from the words around the name."""
    k = max(0, bisect_right(sent_starts, ent_start) - 1)
    sent_start = sent_starts[k]
    sent_end = sent_starts[k + 1] if k + 1 < len(sent_starts) else len(doc)
    left = [t for t in doc[max(sent_start, ent_start - 7):ent_start]]
    cut = max((i for i, t in enumerate(left) if t.text in (".", ";", "!", "?", "\n", ",")
               or (t.pos_ == "VERB" and t.dep_ not in ("amod", "compound") and index.title_kind([t.text]) is None)),
              default=-1)  # "..., Mayor X said": not the words of the clause before the comma
    if cut >= 0 and cut == len(left) - 1 and left[cut].text == ",":  # "Mayor of Rivne, Ivan Sirko,"
        cut = max((i for i, t in enumerate(left[:-1]) if t.text in (".", ";", "!", "?", "\n", ",")
                   or (t.pos_ == "VERB" and index.title_kind([t.text]) is None)), default=-1)
        chunk = left[cut + 1:-1]
        left = chunk if index.title_kind([t.text for t in chunk]) is not None else []
    else:
        left = left[cut + 1:]
    right: list[Token] = []
    if ent_end < sent_end and doc[ent_end].text == ",":
        for tok in doc[ent_end + 1:min(sent_end, ent_end + 18)]:
            if tok.text in (",", ".", ";", "\n") or tok.pos_ == "VERB":
                break
            right.append(tok)
    context_words = title_words + [t.text for t in left] + [t.text for t in right]
    before = title_words + [t.text for t in left]  # "Military historian X": the head word, historian
    kind = next((k for w in reversed(before) for k in [index.title_kind([w])] if k is not None), None)
    kind = kind or index.title_kind(context_words) or "unofficial"
    side: str | None = None
    for part in (left, right):
        if part and side is None:
            window_start, window_end = part[0].idx, part[-1].idx + len(part[-1].text)
            side = index.side_of_words(text[window_start:window_end])
            side = side or index.place_side(doc, window_start, window_end) or index.named_place_side(part)
            if side is None:
                near = [c for c in known if window_start <= c.span.start and c.span.end <= window_end
                        and c.claimant.side not in ("unknown", "independent")]
                side = near[-1].claimant.side if near else None
    if side is None and kind == "official" and {w.lower() for w in context_words} & index.local_words:
        sent_chars = doc[sent_start:sent_end]  # "a spokesman for the regional prosecutor's office"
        side = index.place_side(doc, sent_chars.start_char, sent_chars.end_char, countries=False)
    if side is None and (title_words or kind == "official"):
        floor_char = doc[sent_starts[max(0, k - 2)]].idx if len(doc) else 0
        near = [c for c in known if floor_char <= c.span.start < char_start
                and c.claimant.side not in ("unknown", "independent") and c.type not in ("media", "collective")]
        side = near[-1].claimant.side if near else None
    return Claimant(name=name, mention=name, side=side or "unknown", kind=kind)

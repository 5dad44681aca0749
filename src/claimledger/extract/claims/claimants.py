"""Claimants: who a cue's subject, or the noun phrase after "according to", stands for.

``Claimants.for_subject`` resolves a reporting verb's subject, in this order: first-person
pronouns are nobody; he/she/it/they -> the last compatible claimant (``Run.resolve_pronoun``);
a source noun that is the object of another verb -> that verb's subject ("X released a report
that said"); the person or outlet named with an office or description (set off by apposition,
or closing a titled phrase: "the head of the X Administration Ivan Petrov"); the parts of the
subject (head and compounds, appositions, possessors, "from/of" objects) that name an actor,
a proper-named office owned by an actor taking the owner's side ("the General Staff of the
Russian armed forces"), an office serving a person being the office, not the person ("a
spokesman for President X"); a capital or country as speaker, or "X, whose ministry said"
(context.state_speaker); a source noun ("the statement said") -> the previous claim's source;
a claimant noun ("officials", "a spokesman") -> a collective claimant named by its words
("independent media" are independent). ``Claimants.in_phrase`` does the same for the words
after "according to" ("Ukraine's Coordination Headquarters": the headquarters, Ukraine's side).
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from ...records import Claimant
from .actors import ActorIndex
from .context import state_speaker
from .cues import CueLexicon, VerbCue
from .mentions import ActorMention, mention_at
from .run import Draft, Run
from .spans import trim as _trim
from .syntax import preferred_tokens as _preferred_tokens
from .syntax import subject as _subject

_FIRST_PERSON = frozenset({"i", "we", "you", "me", "us"})
_PRONOUNS = frozenset({"he", "she", "it", "they"})
Found = tuple[Claimant, str, tuple[int, int]]


class Claimants:
    """Resolves subjects and phrases to claimants (one instance per component)."""

    def __init__(self, actors: ActorIndex, cues: CueLexicon) -> None:
        self.actors = actors
        self.cues = cues

    def for_subject(self, run: Run, subject: Token, verb: Token,
                  cue: VerbCue) -> Found | None:
        if subject.lower_ in _FIRST_PERSON:
            return None
        span = (subject.idx, subject.idx + len(subject.text))
        if subject.lower_ in _PRONOUNS:
            ref = run.resolve_pronoun(subject)
            if ref is None:
                return None
            claimant = replace(ref.claimant, mention=subject.text)
            return claimant, ref.claimant_type if isinstance(ref, Draft) else ref.type, span
        joined = {t.i for c in subject.children if c.dep_ in ("conj", "cc") for t in c.subtree}  # "A and B said"
        sub = [t for t in subject.subtree if (t.i < verb.i or verb.i < subject.i) and t.i not in joined]
        head_word = subject.lower_
        if cue.source_only and head_word not in self.cues.source_nouns:
            return None
        if head_word in self.cues.source_nouns and subject.dep_ == "dobj" and subject.head.i != verb.i:
            owner = _subject(subject.head)  # "X released a report that said ...": X
            if owner is not None and owner.i != subject.i:
                found = self.for_subject(run, owner, subject.head, replace(cue, source_only=False))
                if found is not None:
                    return found
        noun_kind = self.cues.claimant_nouns.get(head_word) or self.cues.claimant_nouns.get(subject.lemma_.lower())
        office = noun_kind is not None and subject.pos_ == "NOUN"  # "a senior US official": not the state
        # "a source close to the ministry": the source, with the ministry's side, not the ministry
        sourced = noun_kind == "unofficial" and subject.pos_ == "NOUN"
        ordered = _preferred_tokens(subject)[:3] if sourced else _preferred_tokens(subject)
        holder = self._office_holder(run, subject, sub, ordered)
        if holder is not None:
            return holder
        for group in ordered:
            if group is ordered[1]:
                named = self._named_office(run, ordered)
                if named is not None:  # "the General Staff of the Russian armed forces"
                    return named
            for t in group:
                mention = mention_at(run.mentions, t.idx, t.idx + len(t.text))
                if mention is not None and office and mention.type == "person" and group in ordered[2:]:
                    return self._office_of(run, sub, mention, noun_kind or "official")
                if mention is not None and ((mention.type != "state" or group is ordered[0]
                                             or head_word in self.cues.source_nouns)
                                            and not (office and mention.type == "state")):
                    return mention.claimant, mention.type, (mention.span.start, mention.span.end)
        sub_start = min(t.idx for t in sub) if sub else subject.idx
        sub_end = max(t.idx + len(t.text) for t in sub) if sub else span[1]
        mention = None if sourced else mention_at(run.mentions, sub_start, sub_end)
        if mention is not None and mention.type == "state" and office:
            mention = None  # "Ukraine's human rights commissioner", "a senior US official": the office
        elif mention is not None and office and mention.type == "person":
            return self._office_of(run, sub, mention, noun_kind or "official")
        elif mention is not None:
            return mention.claimant, mention.type, (mention.span.start, mention.span.end)
        state = state_speaker(run.doc, self.actors, run.mentions, subject, verb, self.cues.claimant_nouns)
        if state is not None:
            return state
        if head_word in self.cues.source_nouns:
            previous = run.last_claim_before(run.sent_index(verb.i), within=2)
            if previous is not None:
                return previous.claimant, previous.claimant_type, span
            return None
        kind = self.cues.claimant_nouns.get(head_word) or self.cues.claimant_nouns.get(subject.lemma_.lower())
        if kind is None or cue.strict:
            return None
        phrase = _trim(run.text, (sub_start, sub_end))
        words = run.text[phrase[0]:phrase[1]]
        side = self.actors.side_of_words(words) or _independent(words)
        cut = re.search(r",", words)  # the noun phrase, not its apposed clause
        if cut is not None:
            words, phrase = words[:cut.start()], (phrase[0], phrase[0] + cut.start())
        return Claimant(name=re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", words), mention=words, side=side,
                        kind=kind), "collective", phrase

    def _office_holder(self, run: Run, subject: Token, sub: list[Token],
                       ordered: list[list[Token]]) -> Found | None:
        """A person or outlet named in the subject with his office or a description: set off by
        apposition ("the head of the DPR, Denis Pushilin", "independent outlet Mediazona"), or
        closing a titled phrase ("the head of the Poltava Regional Military Administration
        Philip Pronin", "Under Secretary of Defense for Policy Colin Kahl")."""
        appos = [m for t in ordered[1] if t.dep_ == "appos" and t.head.i == subject.i
                 for m in [mention_at(run.mentions, t.idx, t.idx + 1)] if m is not None]
        wanted = ("person", "media", "organisation") if subject.pos_ == "NOUN" else ("person",)
        named = [m for m in appos if m.type in wanted]
        if named:
            return named[0].claimant, named[0].type, (named[0].span.start, named[0].span.end)
        words = [t for t in sub if not t.is_punct]
        if not words or not self._titled(subject):
            return None
        last = words[-1]
        person = mention_at(run.mentions, last.idx, last.idx + len(last.text))
        if person is None or person.type != "person" or person.span.end != last.idx + len(last.text) \
                or person.span.start <= subject.idx < person.span.end:
            return None
        before = run.token_at(person.span.start - 1) or run.token_at(person.span.start - 2)
        if before is None or before.i < words[0].i:
            return None
        owner = mention_at(run.mentions, before.idx, before.idx + len(before.text))
        if before.text == "," or (owner is not None and owner.type != "person") or (
                before.pos_ == "PROPN" and before.text[:1].isupper() and self.actors.title_kind([before.text]) is None):
            return person.claimant, person.type, (person.span.start, person.span.end)
        return None

    def _office_of(self, run: Run, sub: list[Token], holder: ActorMention, kind: str) -> Found:
        """"A spokesman for President Zelensky", "Putin's envoy": the office, not the person it
        serves, with that person's side."""
        start = min(t.idx for t in sub)
        end = max(t.idx + len(t.text) for t in sub)
        start, end = _trim(run.text, (start, end))
        words = run.text[start:end]
        return (Claimant(name=re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", words), mention=words, side=holder.claimant.side,
                         kind=kind), "collective", (start, end))

    def _titled(self, head: Token) -> bool:
        """A head that names an office or a description, not a relation ("wife", "mother")."""
        if head.pos_ == "PROPN":
            return True
        kind = self.actors.title_kind([head.text]) or self.cues.claimant_nouns.get(head.lower_)
        return kind in ("official", "expert", "media")

    def _named_office(self, run: Run, ordered: list[list[Token]]) -> Found | None:
        """A proper-named office or outlet owned by an actor named in a possessive or an "of"
        phrase: "the General Staff of the Russian armed forces", "Ukraine's Public TV channel".
        The claimant is the phrase, with the owner's side."""
        head = _compound_chain(ordered[0][0])
        if any(mention_at(run.mentions, t.idx, t.idx + len(t.text)) is not None for t in head):
            return None
        if not any(t.pos_ == "PROPN" and t.text[:1].isupper() for t in head):
            return None
        owners = [m for group in ordered[2:] for t in group
                  for m in [mention_at(run.mentions, t.idx, t.idx + len(t.text))]
                  if m is not None and m.claimant.side != "unknown" and m.type != "person"]
        if not owners:
            return None
        tokens = sorted({t.i: t for group in (head, *ordered[2:]) for t in group}.values(), key=lambda t: t.i)
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        start, end = _trim(run.text, (start, end))
        words = run.text[start:end]
        owner = owners[0]
        kind = self.actors.title_kind(words.split()) or owner.claimant.kind
        name = re.sub(r"^(?:[Tt]he)\s+", "", words)
        return Claimant(name=name, mention=words, side=owner.claimant.side, kind=kind), "organisation", (start, end)

    def _owned_name(self, run: Run, owner: ActorMention, tokens: list[Token]) -> Found | None:
        """"Ukraine's Coordination Headquarters for ...": a capitalised name after a state's
        possessive is the claimant, with the state's side."""
        rest = [t for t in tokens if t.idx >= owner.span.end]
        if rest and rest[0].tag_ == "POS":
            rest = rest[1:]
        if not rest or not (rest[0].pos_ == "PROPN" and rest[0].text[:1].isupper()):
            return None
        inner = mention_at(run.mentions, rest[0].idx, rest[-1].idx + len(rest[-1].text))
        if inner is not None:
            return inner.claimant, inner.type, (inner.span.start, inner.span.end)
        start, end = rest[0].idx, rest[-1].idx + len(rest[-1].text)
        words = run.text[start:end]
        kind = self.actors.title_kind(words.split()) or owner.claimant.kind
        return Claimant(name=words, mention=run.text[owner.span.start:end], side=owner.claimant.side,
                        kind=kind), "organisation", (owner.span.start, end)

    def in_phrase(self, run: Run, tokens: list[Token],
                  sent_i: int) -> Found | None:
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        mention = mention_at(run.mentions, start, end)
        if mention is not None and mention.type == "state" and mention.span.end < end:
            named = self._owned_name(run, mention, tokens)
            if named is not None:  # "according to Ukraine's Coordination Headquarters for ..."
                return named
        if mention is not None:
            return mention.claimant, mention.type, (mention.span.start, mention.span.end)
        lowered = {t.lower_ for t in tokens}
        if lowered & self.cues.source_nouns and any(t.dep_ in ("amod", "compound") and t.pos_ in ("ADJ", "PROPN")
                                                    for t in tokens):  # "Western estimates": not the last source
            words = run.text[start:end]
            return (Claimant(name=re.sub(r"^(?:[Tt]he)\s+", "", words), mention=words,
                             side=self.actors.side_of_words(words) or "unknown", kind="unofficial"), "collective",
                    (start, end))
        if lowered & self.cues.source_nouns:
            previous = run.last_claim_before(sent_i, within=2)
            if previous is not None:
                return previous.claimant, previous.claimant_type, (start, end)
        kind = next((self.cues.claimant_nouns[w] for w in (t.lower_ for t in reversed(tokens))
                     if w in self.cues.claimant_nouns), None)
        if kind is None:
            return None
        words = run.text[start:end]
        return (Claimant(name=re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", words), mention=words,
                         side=self.actors.side_of_words(words) or _independent(words), kind=kind), "collective",
                (start, end))



def _compound_chain(head: Token) -> list[Token]:
    """A noun and the compounds before it, nested ones too ("Public TV channel")."""
    chain = [head]
    stack = [c for c in head.children if c.dep_ in ("compound", "flat")]
    while stack:
        t = stack.pop()
        chain.append(t)
        stack.extend(c for c in t.children if c.dep_ in ("compound", "flat"))
    return sorted(chain, key=lambda t: t.i)


def _independent(words: str) -> str:
    """"independent media", "independent experts": the independent side, else unknown."""
    return "independent" if re.search(r"\bindependent\b", words, re.IGNORECASE) else "unknown"

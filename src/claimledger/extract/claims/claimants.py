"""Claimants: who a cue's subject, or the noun phrase after "according to", stands for.

``Claimants.for_subject`` resolves a reporting verb's subject, in this order: first-person
pronouns are nobody; he/she/it/they -> the last compatible claimant (``Run.resolve_pronoun``);
the parts of the subject (head and compounds, appositions, possessors, "from/of" objects)
that name an actor, a person set off by apposition winning over his office; a capital or
country as speaker, or "X, whose ministry said" (context.state_speaker); a source noun
("the statement said") -> the previous claim's source; a claimant noun ("officials", "a
spokesman") -> a collective claimant named by its words. ``Claimants.in_phrase`` does the
same for the words after "according to".
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.tokens import Token

from ...records import Claimant
from .actors import ActorIndex, mention_at
from .context import state_speaker
from .cues import CueLexicon, VerbCue
from .run import Draft, Run
from .spans import trim as _trim
from .syntax import preferred_tokens as _preferred_tokens

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
        sub = [t for t in subject.subtree if t.i < verb.i or verb.i < subject.i]
        head_word = subject.lower_
        if cue.source_only and head_word not in self.cues.source_nouns:
            return None
        noun_kind = self.cues.claimant_nouns.get(head_word) or self.cues.claimant_nouns.get(subject.lemma_.lower())
        office = noun_kind is not None and subject.pos_ == "NOUN"  # "a senior US official": not the state
        # "a source close to the ministry": the source, with the ministry's side, not the ministry
        sourced = noun_kind == "unofficial" and subject.pos_ == "NOUN"
        ordered = _preferred_tokens(subject)[:3] if sourced else _preferred_tokens(subject)
        for group in ordered:
            named = [m for m in (mention_at(run.mentions, t.idx, t.idx + 1) for t in group if t.dep_ == "appos")
                     if m is not None and m.type == "person"]
            if named:  # "the head of the DPR, Denis Pushilin": the person, not his office
                return named[0].claimant, named[0].type, (named[0].span.start, named[0].span.end)
            for t in group:
                mention = mention_at(run.mentions, t.idx, t.idx + len(t.text))
                if mention is not None and ((mention.type != "state" or group is ordered[0]
                                             or head_word in self.cues.source_nouns)
                                            and not (office and mention.type == "state")):
                    return mention.claimant, mention.type, (mention.span.start, mention.span.end)
        sub_start = min(t.idx for t in sub) if sub else subject.idx
        sub_end = max(t.idx + len(t.text) for t in sub) if sub else span[1]
        mention = None if sourced else mention_at(run.mentions, sub_start, sub_end)
        if mention is not None and mention.type == "state" and office:
            mention = None  # "Ukraine's human rights commissioner", "a senior US official": the office
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
        side = self.actors.side_of_words(words) or "unknown"
        cut = re.search(r",", words)  # the noun phrase, not its apposed clause
        if cut is not None:
            words, phrase = words[:cut.start()], (phrase[0], phrase[0] + cut.start())
        return Claimant(name=re.sub(r"^(?:[Tt]he|[Aa]n?)\s+", "", words), mention=words, side=side,
                        kind=kind), "collective", phrase

    def in_phrase(self, run: Run, tokens: list[Token],
                            sent_i: int) -> Found | None:
        start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
        mention = mention_at(run.mentions, start, end)
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
                         side=self.actors.side_of_words(words) or "unknown", kind=kind), "collective", (start, end))


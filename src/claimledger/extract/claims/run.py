"""Working state of one ``find_claims`` call: the claim drafts, the sentences and quotes of the
doc, and the lookups the cascade shares (``Run``); the reported clause after a cue."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...records import Claimant
from ..words import words_of
from .actors import GROUP_TYPES, PERSON_TYPES, ActorIndex, resolve_pronoun
from .mentions import ActorMention
from .quotes import Quote
from .spans import TRIM as _TRIM
from .spans import trim as _trim
from .spans import trim_quote as _trim_quote

_CONTENT_PREPS = frozenset({"of", "about", "for", "against", "to", "with", "that"})
_CONTENT_SKIP = frozenset({"that", ":", ",", "-", "—", "–"})


@dataclass(slots=True)
class Draft:
    """A claim being built (mutable, local to one call)."""

    claimant: Claimant
    claimant_type: str
    cue: str | None
    mode: str
    stance: str
    hedged: bool
    content: tuple[int, int]
    claimant_span: tuple[int, int] | None
    cue_span: tuple[int, int] | None
    sent: int
    anchor: int  # where the claim's words begin (claimant, cue or quote)
    evidence_note: str | None = None
    quote_chain: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)



class Run:
    """Per-doc working state for one ``find_claims`` call (never shared between docs)."""

    def __init__(self, doc: Doc, text: str, sents: list[SpacySpan], quotes: list[Quote],
                 mentions: list[ActorMention]) -> None:
        self.doc, self.text, self.sents, self.quotes, self.mentions = doc, text, sents, quotes, mentions
        self.drafts: list[Draft] = []
        self.used: set[int] = set()
        self.by_token: dict[int, Draft] = {}
        self.sents_with_claims: set[int] = set()
        self.words = words_of(doc)
        self._lemma_hits: dict[int, tuple[Collection[str], list[int]]] = {}  # id(lemmas) -> (lemmas, tokens)
        self._sent_of = [0] * len(doc)
        for i, sent in enumerate(sents):
            self._sent_of[sent.start:sent.end] = [i] * (sent.end - sent.start)

    def tokens_with_lemma(self, sent_i: int, lemmas: Collection[str]) -> Iterator[Token]:
        """The tokens of sentence ``sent_i`` whose lower-case lemma is one of ``lemmas``, in order
        (read from the shared table: no Token object for the others)."""
        sent, found = self.sents[sent_i], self._with_lemma(lemmas)
        for k in range(bisect_left(found, sent.start), bisect_left(found, sent.end)):
            yield self.doc[found[k]]

    def _with_lemma(self, lemmas: Collection[str]) -> list[int]:
        """The tokens of the doc whose lower-case lemma is one of ``lemmas``, found once per rule's lemmas."""
        known = self._lemma_hits.get(id(lemmas))
        if known is None or known[0] is not lemmas:
            known = self._lemma_hits[id(lemmas)] = (lemmas, [i for i, w in enumerate(self.words.lemma) if w in lemmas])
        return known[1]

    def sent_lower(self, sent_i: int) -> set[str]:
        """The lower-case words of sentence ``sent_i``."""
        sent = self.sents[sent_i]
        return set(self.words.lower[sent.start:sent.end])

    def add(self, draft: Draft) -> None:
        if draft.content[1] <= draft.content[0]:
            return
        self.drafts.append(draft)
        self.sents_with_claims.add(draft.sent)

    def token_at(self, char: int) -> Token | None:
        """The token covering character ``char``, else None (white space, outside the text)."""
        i = bisect_right(self.words.idx, char) - 1
        if i >= 0 and char < self.words.end(i):
            return self.doc[i]
        return None

    def sent_index(self, token_i: int) -> int:
        return self._sent_of[token_i] if 0 <= token_i < len(self._sent_of) else 0

    def sent_bounds(self, sent: SpacySpan) -> tuple[int, int]:
        return _trim(self.text, (sent.start_char, sent.end_char))

    def in_quote(self, char: int) -> bool:
        return any(q.start <= char < q.end for q in self.quotes)

    def quote_after(self, cue_end: int, sent: SpacySpan) -> Quote | None:
        para_end = self.text.find("\n", cue_end)
        para_end = len(self.text) if para_end < 0 else para_end
        for q in self.quotes:
            if q.open_at < cue_end:
                continue
            gap = self.text[cue_end:q.open_at]
            if len(gap) > 60 or "\n" in gap or "." in gap:
                return None
            if not (gap.strip(" ,") == "" or gap.rstrip().endswith(":") or gap.strip() == "that"):
                return None
            last = max((c for c in self.quotes if c.chain == q.chain), key=lambda c: c.end)
            after = self.text[(last.close_at or last.end) + 1:para_end if last is q else None]
            tail = after.split("\n", 1)[0]
            inner = self.text[q.start:q.end].rstrip()
            if (last is q and not gap.rstrip().endswith(":") and not inner.endswith((",", ".", "!", "?", "…"))
                    and re.search(r"[A-Za-z]", tail[:tail.find(".") if "." in tail else None] or "")):
                return None  # words go on after the quote: a quoted phrase inside indirect speech
            return q
        return None

    def quote_before(self, anchor: int, sent: SpacySpan) -> Quote | None:
        for q in reversed(self.quotes):
            close = q.close_at if q.close_at is not None else q.end
            if close >= anchor:
                continue
            gap = self.text[close + 1:anchor]
            return q if ("\n" not in gap and re.fullmatch(r"[\s,.—–-]*", gap)) else None
        return None

    def chain_span(self, quote: Quote) -> tuple[int, int]:
        chain = [q for q in self.quotes if q.chain == quote.chain]
        return _trim_quote(self.text, (min(q.start for q in chain), max(q.end for q in chain)))

    def last_claim_before(self, sent_i: int, *, within: int, before_char: int | None = None) -> Draft | None:
        best: Draft | None = None
        for d in self.drafts:
            if sent_i - within <= d.sent <= sent_i and (before_char is None or d.anchor < before_char):
                if d.sent < sent_i or before_char is not None:
                    if best is None or d.anchor > best.anchor:
                        best = d
        return best

    def resolve_pronoun(self, token: Token) -> Draft | ActorMention | None:
        types = PERSON_TYPES if token.lower_ in ("he", "she") else GROUP_TYPES
        sent_i = self.sent_index(token.i)
        floor = self.sents[max(0, sent_i - 3)].start_char
        prior: list[tuple[int, Draft | ActorMention]] = [
            (d.anchor, d) for d in self.drafts
            if floor <= d.anchor < token.idx and d.claimant_type in types and d.mode != "outlet"]
        for m in self.mentions:  # actors that were the subject of a clause
            if floor <= m.span.start < token.idx and m.type in types and not self.in_quote(m.span.start):
                head = self.token_at(m.span.end - 1)
                if head is not None and head.dep_ in ("nsubj", "nsubjpass"):
                    prior.append((m.span.start, m))
        if prior:
            return max(prior, key=lambda p: p[0])[1]
        outside = [m for m in self.mentions if not self.in_quote(m.span.start)]
        return resolve_pronoun(token, outside)

    def outlet(self, actors: ActorIndex) -> Claimant:
        name = self.doc._.cl_outlet
        spec = actors.outlet_spec(str(name)) if name else None
        side = spec.side if spec is not None else "independent"
        return Claimant(name=str(name) if name else None, mention=None, side=side, kind="outlet",
                        actor_id=spec.id if spec is not None else None)




def has_complement(verb: Token) -> bool:
    """Whether what the verb reports follows it ("said that ...", "denied involvement"); not
    "said on Sunday, adding ..." nor "told Reuters" (the audience)."""
    audience = ("dobj", "dative") if verb.lemma_ == "tell" else ()
    return any((c.dep_ in ("ccomp", "xcomp", "dobj", "dative", "oprd", "attr", "acomp") and c.dep_ not in audience
                or (c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS)) and c.i > verb.i
               for c in verb.children)


def what_this_is(run: Run, sent_i: int) -> tuple[int, int]:
    """What "this" in "X stated this" / "This was reported by X" stands for: the paragraph
    before when the sentence opens a paragraph, else the sentence before."""
    sent = run.sents[sent_i]
    line_start = run.text.rfind("\n", 0, sent.start_char) + 1
    if sent_i == 0 or line_start == 0 or run.text[line_start:sent.start_char].strip():
        return run.sent_bounds(run.sents[max(0, sent_i - 1)])
    para_end = len(run.text[:line_start].rstrip())
    para_start = run.text.rfind("\n", 0, para_end) + 1
    return _trim(run.text, (para_start, para_end))


def reported_clause(run: Run, sent: SpacySpan, verb: Token, cue_end: int,
                     claimant_span: tuple[int, int]) -> tuple[int, int]:
    """The reported material: the clause after the cue, or the words before an inverted cue."""
    s_start, s_end = run.sent_bounds(sent)
    words = run.words
    right = range(bisect_left(words.idx, cue_end, sent.start, sent.end), sent.end)  # the tokens after the cue
    left_start = min(verb.idx, claimant_span[0])
    left_text = run.text[s_start:left_start].strip(_TRIM)
    inverted = (not has_complement(verb) or any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)) \
        and len(left_text.split()) >= 3
    if inverted:  # "..., the Kremlin said": drop the claimant's article left at the end
        left = re.sub(r"(?:,?\s+(?:the|The|an?|An?))+\s*$", "", run.text[s_start:left_start])
        return _trim(run.text, (s_start, s_start + len(left)))
    k = 0
    told = verb.lemma_ == "tell"
    while k < len(right) and (words.lower[right[k]] in _CONTENT_SKIP or words.texts[right[k]].isspace()
                              or (told and words.dep[right[k]] in ("dative", "dobj")
                                  and words.pos[right[k]] in ("PRON", "PROPN"))):
        k += 1
    start = words.idx[right[k]] if k < len(right) else cue_end
    ccomp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if ccomp is not None and ccomp.left_edge.idx >= cue_end:
        first = ccomp.left_edge
        start = first.nbor(1).idx if first.lower_ == "that" and first.i + 1 < len(run.doc) else first.idx
    end = s_end
    newline = run.text.find("\n", start, end)
    if newline >= 0:
        end = newline
    return _trim(run.text, (start, max(start, end)))


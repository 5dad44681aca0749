"""The ``claimledger.claims`` component: who claims what, with the words for each part.

Writes ``doc._.cl_actor_mentions`` (actors.py) and ``doc._.cl_claims`` (records.Claim).
Cascade, in this order; a later rule never re-reports a cue an earlier one used:

1. reporting verbs (cues.yaml ``verbs``) whose subject resolves to a claimant: a profile
   actor, a new named person or organisation, a pronoun (he/she -> the last person who
   made a claim, else the last person named; it/they -> the same for groups), a claimant
   noun ("officials", "a spokesman"), or a source noun owned by an actor ("figures from X
   show"); an ownerless source noun continues the previous claim's source. Content: the
   quotation right after the cue ('X said: "..."') or right before it ('"...," X said'),
   else the reported clause after the cue, else (inverted cue) the sentence before it;
2. "according to X" (cues.yaml ``according_to``): the rest of the sentence;
3. participles ("..., with Zelensky calling it a ruse", "..., saying ...");
4. impersonal passives ("it's claimed that ...": unknown claimant, hedged) and raising
   hedges ("X is understood to ...": the previous sentence's source, else the outlet);
5. outlet hedges ("reportedly") in sentences without any other claim: the outlet's voice;
6. quotation paragraphs with no cue of their own continue the claim just before them;
7. layout (context.py): "Source: X on Telegram" attributes the paragraph before it and
   the "Quote: ..." line after it; a line "X: ..." opened by an actor is X's claim.

A passive cue with an agent ("This was reported by the General Staff") is a rule-1 claim whose
content is what "this" stands for (the sentence before). A capital as speaker ("Bogota said") is
its state. An official whose words name no side gets one from context (context.context_side).

Then contents in one sentence are cut so that they do not overlap ("Ukraine said 400 died
while pundits said hundreds were killed" gives two claims), evidence notes attach to the
claim they qualify (same sentence, else the previous sentence's last claim), hedge words
set ``hedged``, and ids are numbered in text order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...profiles import Profile, load_profile
from ...records import Claim, Claimant
from .. import extensions  # noqa: F401  (registers the Doc extensions)
from .actors import GROUP_TYPES, PERSON_TYPES, ActorIndex, ActorMention, mention_at, resolve_pronoun
from .context import agent as _agent
from .context import context_side, headline_speakers, label_lines, name_words, passive_content, state_speaker
from .context import with_apposed_name as _with_apposed_name
from .cues import CueLexicon, VerbCue
from .quotes import Quote, find_quotes
from .spans import TRIM as _TRIM
from .spans import after_dateline, text_between
from .spans import cut_before as _cut_before
from .spans import norm_space as _norm_space
from .spans import span as _span
from .spans import trim as _trim
from .spans import trim_quote as _trim_quote
from .syntax import preferred_tokens as _preferred_tokens
from .syntax import subject as _subject

VERSION = "1"
EXTRACTOR = "claimledger.claims/" + VERSION
# spaCy 3.8 forbids "." in factory names, so the component registers as "claimledger_claims"
FACTORY = "claimledger_claims"
_FIRST_PERSON = frozenset({"i", "we", "you", "me", "us"})
_PRONOUNS = frozenset({"he", "she", "it", "they"})
_CONTENT_PREPS = frozenset({"of", "about", "for", "against", "to", "with", "that"})
_CONTENT_SKIP = frozenset({"that", ":", ",", "-", "—", "–"})


@dataclass(slots=True)
class _Draft:
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


class ClaimFinder:
    """Finds actor mentions and claims in a parsed Doc (one instance per pipeline)."""

    def __init__(self, profile: Profile) -> None:
        self.actors = ActorIndex.from_profile(profile)
        self.cues = CueLexicon.from_profile(profile)
        alt = "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in self.cues.evidence_notes) or r"(?!x)x"
        self._notes_re = re.compile(r"\b(?:" + alt + r")\b", re.IGNORECASE)
        acc = "|".join(re.escape(a).replace(r"\ ", r"\s+") for a in self.cues.according_to) or r"(?!x)x"
        self._according_re = re.compile(r"\b(?:" + acc + r")\b", re.IGNORECASE)

    def __call__(self, doc: Doc) -> Doc:
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
        mentions = self.actors.find_mentions(doc, sents)
        doc._.cl_actor_mentions = mentions
        doc._.cl_claims = self.find_claims(doc, mentions, sents) if sents else []
        return doc

    # ------------------------------------------------------------------ the cascade
    def find_claims(self, doc: Doc, mentions: list[ActorMention],
                    sents: list[SpacySpan] | None = None) -> list[Claim]:
        if len(doc) == 0 or not doc.has_annotation("DEP"):
            return []
        text = doc.text
        run = _Run(doc, text, sents if sents is not None else list(doc.sents), find_quotes(text), mentions)
        self._verb_claims(run)
        self._according_claims(run)
        self._participle_claims(run)
        self._passive_claims(run)
        self._outlet_hedges(run)
        self._bare_quotes(run)
        self._layout_claims(run)
        return self._finish(run)

    def _verb_claims(self, run: _Run) -> None:
        for sent_i, sent in enumerate(run.sents):
            for tok in run.sent_tokens[sent_i]:
                cue = self.cues.verbs.get(tok.lemma_.lower())
                if (cue is None or tok.pos_ not in ("VERB", "AUX") or tok.tag_ == "VBG"
                        or run.in_quote(tok.idx) or tok.i in run.used):
                    continue
                if any(c.dep_ == "neg" for c in tok.children):
                    continue
                passive = any(c.dep_ == "auxpass" for c in tok.children)
                subject = _agent(tok) if passive else _subject(tok)
                if subject is None:
                    continue
                found = self._claimant(run, subject, tok, cue)
                if found is None:
                    continue
                claimant, ctype, cspan = found
                if (ctype == "collective" and claimant.kind == "official"
                        and self.cues.anonymity_words & {t.lower_ for t in run.sent_tokens[sent_i]}):
                    claimant = replace(claimant, kind="unofficial")  # "anonymous US officials"
                if cue.kinds and claimant.kind not in cue.kinds:
                    continue
                cue_end = tok.idx + len(tok.text)
                cue_text = tok.text
                nxt = tok.nbor(1) if tok.i + 1 < len(run.doc) else None
                if nxt is not None and nxt.lower_ in cue.particles:
                    cue_end = nxt.idx + len(nxt.text)
                    cue_text = text_between(run.text, tok.idx, cue_end)
                anchor = min(tok.idx, cspan[0], subject.left_edge.idx)
                quote = run.quote_after(cue_end, sent) or run.quote_before(anchor, sent)
                if passive:  # "This was reported by the General Staff": what "this" stands for
                    content = _trim(run.text, passive_content(run.text, run.sents, sent_i, tok, run.sent_bounds(sent)))
                    mode, chain = "indirect", None
                elif quote is not None:
                    content, mode, chain = run.chain_span(quote), "direct_quote", quote.chain
                    anchor = min(anchor, quote.open_at)
                else:
                    left = (min(cspan[0], subject.left_edge.idx), cspan[1])  # "..., Governor X said"
                    content, mode, chain = _reported_clause(run, sent, tok, cue_end, left), "indirect", None
                run.used.add(tok.i)
                draft = _Draft(claimant, ctype, cue_text, mode, cue.stance, cue.hedged, content, cspan,
                               (tok.idx, cue_end), sent_i, anchor, quote_chain=chain)
                run.add(draft)
                run.by_token[tok.i] = draft

    def _according_claims(self, run: _Run) -> None:
        for m in self._according_re.finditer(run.text):
            tok = run.token_at(m.end() - 1)
            if tok is None or run.in_quote(m.start()):
                continue
            sent_i = run.sent_index(tok.i)
            sent = run.sents[sent_i]
            np_tokens = [t for t in sent if t.i > tok.i]
            np_end = next((k for k, t in enumerate(np_tokens) if t.text in (",", ";", ".", "\n") or t.is_space),
                          len(np_tokens))
            np_tokens = _with_apposed_name(np_tokens[:np_end], np_tokens[np_end:])
            if not np_tokens:
                continue
            np_start, np_stop = np_tokens[0].idx, np_tokens[-1].idx + len(np_tokens[-1].text)
            found = self._claimant_in_phrase(run, np_tokens, sent_i)
            if found is None:
                continue
            claimant, ctype, cspan = found
            s_start, s_end = run.sent_bounds(sent)
            if m.start() - s_start > (s_end - s_start) / 2:
                content = (s_start, m.start())
            elif np_stop < s_end and run.text[s_start:m.start()].strip(_TRIM) == "":
                content = (np_stop, s_end)
            else:
                content = (s_start, s_end)
            run.add(_Draft(claimant, ctype, m.group(0), "according_to", "asserts", False,
                           _trim(run.text, content), cspan, (m.start(), m.end()), sent_i, min(m.start(), np_start)))

    def _participle_claims(self, run: _Run) -> None:
        for sent_i in range(len(run.sents)):
            for tok in run.sent_tokens[sent_i]:
                if tok.tag_ != "VBG" or tok.lemma_.lower() not in self.cues.participles or run.in_quote(tok.idx):
                    continue
                subject = _subject(tok)
                if subject is None and tok.dep_ == "acl" and tok.head.pos_ in ("PROPN", "NOUN"):
                    subject = tok.head
                if subject is None:  # "X said S, calling it ...": the participle belongs to X
                    owner = next((run.by_token[a.i] for a in tok.ancestors if a.i in run.by_token), None)
                    if owner is not None:
                        cue = self.cues.verbs.get(tok.lemma_.lower(), VerbCue())
                        end = max(t.idx + len(t.text) for t in tok.subtree)
                        start = tok.idx + len(tok.text)
                        run.used.add(tok.i)
                        run.add(_Draft(owner.claimant, owner.claimant_type, tok.text, "indirect", cue.stance,
                                       cue.hedged, _trim(run.text, (start, max(start, end))), owner.claimant_span,
                                       (tok.idx, start), owner.sent, max(owner.anchor, tok.idx)))
                        continue
                head = tok
                for _ in range(3):
                    if subject is not None or head.dep_ not in ("advcl", "conj", "xcomp", "pcomp", "prep"):
                        break
                    head = head.head
                    subject = _subject(head) if head.pos_ in ("VERB", "AUX") else None
                if subject is None:
                    continue
                cue = self.cues.verbs.get(tok.lemma_.lower(), VerbCue())
                found = self._claimant(run, subject, tok, replace(cue, strict=False))
                if found is None:
                    continue
                claimant, ctype, cspan = found
                end = max(t.idx + len(t.text) for t in tok.subtree)
                start = tok.idx + len(tok.text)
                content = _trim(run.text, (start, max(start, end)))
                run.used.add(tok.i)
                run.add(_Draft(claimant, ctype, tok.text, "indirect", cue.stance, cue.hedged, content, cspan,
                               (tok.idx, tok.idx + len(tok.text)), sent_i, min(tok.idx, cspan[0])))

    def _passive_claims(self, run: _Run) -> None:
        for sent_i, sent in enumerate(run.sents):
            for tok in run.sent_tokens[sent_i]:
                lemma = tok.lemma_.lower()
                if (lemma not in self.cues.impersonal and lemma not in self.cues.raising) or run.in_quote(tok.idx):
                    continue
                if not any(c.dep_ == "auxpass" for c in tok.children):
                    continue
                subj = next((c for c in tok.children if c.dep_ in ("nsubjpass", "expl")), None)
                s_start, s_end = run.sent_bounds(sent)
                cue_span = (tok.idx, tok.idx + len(tok.text))
                if subj is not None and subj.lower_ == "it" and lemma in self.cues.impersonal:
                    claimant = Claimant(name=None, mention=None, side="unknown", kind="unofficial")
                    content = _trim(run.text, (tok.idx + len(tok.text), s_end))
                    run.add(_Draft(claimant, "collective", tok.text, "indirect", "asserts", True, content, None,
                                   cue_span, sent_i, tok.idx))
                elif subj is not None and lemma in self.cues.raising and any(c.dep_ == "xcomp" for c in tok.children):
                    previous = run.last_claim_before(sent_i, within=1)
                    if previous is not None and previous.sent < sent_i:
                        claimant, ctype, mode, cue = previous.claimant, previous.claimant_type, "indirect", tok.text
                    else:
                        claimant, ctype, mode, cue = run.outlet(self.actors), "outlet", "outlet", tok.text
                    run.add(_Draft(claimant, ctype, cue, mode, "asserts", True, _trim(run.text, (s_start, s_end)),
                                   None, cue_span, sent_i, s_start))

    def _outlet_hedges(self, run: _Run) -> None:
        for sent_i, sent in enumerate(run.sents):
            if sent_i in run.sents_with_claims:
                continue
            hedge = next((t for t in sent if t.lower_ in self.cues.outlet_hedges and not run.in_quote(t.idx)), None)
            if hedge is not None:
                s_start, s_end = run.sent_bounds(sent)
                run.add(_Draft(run.outlet(self.actors), "outlet", hedge.text, "outlet", "asserts", True,
                               _trim(run.text, (s_start, s_end)), None, (hedge.idx, hedge.idx + len(hedge.text)),
                               sent_i, s_start))

    def _bare_quotes(self, run: _Run) -> None:
        used_chains = {d.quote_chain for d in run.drafts if d.quote_chain is not None}
        for quote in run.quotes:
            if quote.chain in used_chains or len(run.text[quote.start:quote.end].split()) < 6:
                continue
            line_start = run.text.rfind("\n", 0, quote.open_at) + 1
            if run.text[line_start:quote.open_at].strip():
                continue
            tok = run.token_at(quote.start)
            if tok is None:
                continue
            sent_i = run.sent_index(tok.i)
            previous = run.last_claim_before(sent_i, within=3, before_char=quote.open_at)
            if previous is None or run.text.count("\n", previous.anchor, quote.open_at) > 2:
                continue
            used_chains.add(quote.chain)
            run.add(_Draft(previous.claimant, previous.claimant_type, previous.cue, "direct_quote",
                           previous.stance, previous.hedged, run.chain_span(quote), None, None, sent_i,
                           quote.open_at, quote_chain=quote.chain))

    def _layout_claims(self, run: _Run) -> None:
        """"Source: X on Telegram" attributes the paragraph before it (when nothing else does)
        and the "Quote: ..." / "Details: ..." lines after it (until "Background:" or the next
        "Source:"); "X: ..." lines are X's claims."""
        source: _Draft | None = None
        last_at = 0  # where the last labelled line of the current source began
        for label, line_start, value_start, line_end in label_lines(run.text):
            tok = run.token_at(value_start)
            if tok is None:
                continue
            sent_i = run.sent_index(tok.i)
            if label == "source":
                mention = mention_at(run.mentions, value_start, line_end)
                source = None
                if mention is None:
                    continue
                para_end = run.text.rfind("\n", 0, line_start)
                para_start = run.text.rfind("\n", 0, max(0, para_end)) + 1
                para = _trim(run.text, (para_start, max(para_start, para_end)))
                source = _Draft(mention.claimant, mention.type, "source", "according_to", "asserts", False, para,
                                (mention.span.start, mention.span.end), (line_start, value_start), sent_i, line_start)
                last_at = line_start
                if para_start > 0 and not any(d.content[0] < para[1] and para[0] < d.content[1] for d in run.drafts):
                    run.add(source)
            elif label in ("background", "context"):
                source = None  # the outlet's own background: no longer the source's words
            elif source is not None and run.text.count("\n", last_at, line_start) <= 2:
                quote = next((q for q in run.quotes if value_start <= q.open_at < line_end), None)
                content = run.chain_span(quote) if quote is not None else _trim(run.text, (value_start, line_end))
                if not any(d.content == content for d in run.drafts):
                    mode = "direct_quote" if label == "quote" or quote is not None else "according_to"
                    run.add(_Draft(source.claimant, source.claimant_type, "source", mode, "asserts", False,
                                   content, None, (line_start, value_start), sent_i, line_start,
                                   quote_chain=quote.chain if quote is not None else None))
                last_at = line_start
        for mention, start, end in headline_speakers(run.text, run.mentions, self.actors):
            tok = run.token_at(start)
            if tok is not None and not any(d.anchor <= start < d.content[1] for d in run.drafts):
                run.add(_Draft(mention.claimant, mention.type, ":", "indirect", "asserts", False,
                               _trim(run.text, (start, end)), (mention.span.start, mention.span.end),
                               (mention.span.end, start), run.sent_index(tok.i), mention.span.start))

    # ------------------------------------------------------------------ claimants
    def _claimant(self, run: _Run, subject: Token, verb: Token,
                  cue: VerbCue) -> tuple[Claimant, str, tuple[int, int]] | None:
        if subject.lower_ in _FIRST_PERSON:
            return None
        span = (subject.idx, subject.idx + len(subject.text))
        if subject.lower_ in _PRONOUNS:
            ref = run.resolve_pronoun(subject)
            if ref is None:
                return None
            claimant = replace(ref.claimant, mention=subject.text)
            return claimant, ref.claimant_type if isinstance(ref, _Draft) else ref.type, span
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

    def _claimant_in_phrase(self, run: _Run, tokens: list[Token],
                            sent_i: int) -> tuple[Claimant, str, tuple[int, int]] | None:
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

    # ------------------------------------------------------------------ finishing
    def _finish(self, run: _Run) -> list[Claim]:
        for d in sorted(run.drafts, key=lambda d: d.anchor):
            d.content = after_dateline(run.text, d.content)
            words = name_words(d.claimant.name)
            earlier = [e for e in run.drafts if e.anchor < d.anchor and e.claimant.side != "unknown"
                       and words and words <= name_words(e.claimant.name)] if d.claimant.side == "unknown" else []
            if earlier:  # "According to the source" after "a source close to the ministry told ..."
                d.claimant = replace(max(earlier, key=lambda e: e.anchor).claimant, mention=d.claimant.mention)
            d.claimant = context_side(run.doc, self.actors, run.mentions, d.claimant, d.claimant_span,
                                      run.sent_bounds(run.sents[d.sent]))
        drafts = sorted(run.drafts, key=lambda d: (d.anchor, d.content[0]))
        by_sent: dict[int, list[_Draft]] = {}
        for d in drafts:
            by_sent.setdefault(d.sent, []).append(d)
        for group in by_sent.values():  # disjoint contents within one sentence
            for a, b in zip(group, group[1:], strict=False):
                if a.mode == "indirect" and a.content[0] < b.anchor < a.content[1]:
                    a.content = _trim(run.text, (a.content[0], _cut_before(run.text, b.anchor)))
        for m in self._notes_re.finditer(run.text):
            tok = run.token_at(m.start())
            if tok is None:
                continue
            sent_i = run.sent_index(tok.i)
            here = [d for d in by_sent.get(sent_i, []) if d.anchor < m.start()]
            target = here[-1] if here else None
            if target is None and not by_sent.get(sent_i):
                target = run.last_claim_before(sent_i, within=1)
            if target is not None and target.evidence_note is None:
                target.evidence_note = _norm_space(m.group(0).lower())
                target.hedged = target.hedged or target.evidence_note in self.cues.unverified_notes
        claims = []
        article_id = str(run.doc._.cl_article_id or "")
        for n, d in enumerate(drafts, start=1):
            content_words = {w.lower() for w in re.findall(r"[A-Za-z]+", run.text[d.content[0]:d.content[1]])}
            hedged = d.hedged or bool(content_words & self.cues.hedge_words and d.mode != "direct_quote")
            claims.append(Claim(
                id=f"{article_id}:c{n}", article_id=article_id, claimant=d.claimant, cue=d.cue, mode=d.mode,
                stance=d.stance, hedged=hedged, evidence_note=d.evidence_note,
                content=_span(run.text, d.content),
                claimant_span=_span(run.text, d.claimant_span) if d.claimant_span else None,
                cue_span=_span(run.text, d.cue_span) if d.cue_span else None, extractor=EXTRACTOR))
        return claims


class _Run:
    """Per-doc working state for one ``find_claims`` call (never shared between docs)."""

    def __init__(self, doc: Doc, text: str, sents: list[SpacySpan], quotes: list[Quote],
                 mentions: list[ActorMention]) -> None:
        self.doc, self.text, self.sents, self.quotes, self.mentions = doc, text, sents, quotes, mentions
        self.drafts: list[_Draft] = []
        self.used: set[int] = set()
        self.by_token: dict[int, _Draft] = {}
        self.sents_with_claims: set[int] = set()
        self.sent_tokens = [list(s) for s in sents]
        self._sent_of = [0] * len(doc)
        self._char_token = [-1] * (len(text) + 1)
        for i, toks in enumerate(self.sent_tokens):
            for t in toks:
                self._sent_of[t.i] = i
                self._char_token[t.idx:t.idx + len(t.text)] = [t.i] * len(t.text)

    def add(self, draft: _Draft) -> None:
        if draft.content[1] <= draft.content[0]:
            return
        self.drafts.append(draft)
        self.sents_with_claims.add(draft.sent)

    def token_at(self, char: int) -> Token | None:
        if 0 <= char < len(self._char_token) and self._char_token[char] >= 0:
            return self.doc[self._char_token[char]]
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

    def last_claim_before(self, sent_i: int, *, within: int, before_char: int | None = None) -> _Draft | None:
        best: _Draft | None = None
        for d in self.drafts:
            if sent_i - within <= d.sent <= sent_i and (before_char is None or d.anchor < before_char):
                if d.sent < sent_i or before_char is not None:
                    if best is None or d.anchor > best.anchor:
                        best = d
        return best

    def resolve_pronoun(self, token: Token) -> _Draft | ActorMention | None:
        types = PERSON_TYPES if token.lower_ in ("he", "she") else GROUP_TYPES
        sent_i = self.sent_index(token.i)
        floor = self.sents[max(0, sent_i - 3)].start_char
        prior: list[tuple[int, _Draft | ActorMention]] = [
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
        spec = actors.lookup(str(name)) if name else None
        side = spec.side if spec is not None else "independent"
        return Claimant(name=str(name) if name else None, mention=None, side=side, kind="outlet",
                        actor_id=spec.id if spec is not None else None)


# ---------------------------------------------------------------------- helpers
def _reported_clause(run: _Run, sent: SpacySpan, verb: Token, cue_end: int,
                     claimant_span: tuple[int, int]) -> tuple[int, int]:
    """The reported material: the clause after the cue, or the words before an inverted cue."""
    s_start, s_end = run.sent_bounds(sent)
    right = [t for t in sent if t.idx >= cue_end]
    left_start = min(verb.idx, claimant_span[0])
    has_complement = any((c.dep_ in ("ccomp", "xcomp", "dobj", "dative", "oprd", "attr", "acomp")
                          or (c.dep_ == "prep" and c.lower_ in _CONTENT_PREPS)) and c.i > verb.i
                         for c in verb.children)  # "said on Sunday, adding ...": no complement
    left_text = run.text[s_start:left_start].strip(_TRIM)
    inverted = (not has_complement or any(c.dep_ == "ccomp" and c.i < verb.i for c in verb.children)) \
        and len(left_text.split()) >= 3
    if inverted:  # "..., the Kremlin said": drop the claimant's article left at the end
        left = re.sub(r"(?:,?\s+(?:the|The|an?|An?))+\s*$", "", run.text[s_start:left_start])
        return _trim(run.text, (s_start, s_start + len(left)))
    k = 0
    while k < len(right) and (right[k].lower_ in _CONTENT_SKIP or right[k].is_space
                              or (right[k].dep_ in ("dative", "dobj") and right[k].pos_ in ("PRON", "PROPN")
                                  and verb.lemma_ == "tell")):
        k += 1
    start = right[k].idx if k < len(right) else cue_end
    ccomp = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if ccomp is not None and ccomp.left_edge.idx >= cue_end:
        first = ccomp.left_edge
        start = first.nbor(1).idx if first.lower_ == "that" and first.i + 1 < len(run.doc) else first.idx
    end = s_end
    newline = run.text.find("\n", start, end)
    if newline >= 0:
        end = newline
    return _trim(run.text, (start, max(start, end)))


@Language.factory(FACTORY, default_config={"profile": "russia-ukraine"},
                  requires=["token.dep", "token.lemma", "doc.ents", "doc.sents"],
                  assigns=["doc._.cl_actor_mentions", "doc._.cl_claims"])
def make_claim_finder(nlp: Language, name: str, profile: str) -> ClaimFinder:
    """spaCy factory: ``nlp.add_pipe("claimledger_claims", after="ner")``."""
    return ClaimFinder(load_profile(profile))

"""The ``claimledger.claims`` component: who claims what, with the words for each part.

Writes ``doc._.cl_actor_mentions`` (actors.py) and ``doc._.cl_claims`` (records.Claim; none made in
page furniture, ``doc._.cl_furniture``: a claim whose cue, else content, starts in a caption, related
headline or link line; a quotation running past a "Read more" line stays).
Cascade, in this order; a later rule never re-reports a cue an earlier one used:

1. reporting verbs (cues.yaml ``verbs``) whose subject (syntax.subject: through coordinated
   verbs, relative pronouns and governing verbs of an infinitive) resolves to a claimant
   (claimants.py): a profile actor, a new named person or organisation, the person named with
   his office, a proper-named office with its owner's side, a pronoun (he/she -> the last
   person who made a claim, else the last person named; it/they -> the same for groups), a
   claimant noun ("officials", "a spokesman"), or a source noun owned by an actor ("figures
   from X show"); an ownerless source noun continues the previous claim's source. A cue the
   parser left without a subject takes the actor named right before it ("..., Title Name
   reported"). A verb with ``objects`` reports only with such an object ("put the death toll
   at 53"). Content: the quotation right after the cue ('X said: "..."') or right before it
   ('"...," X said', unless the cue has its own complement), what "this" stands for ("X
   stated this": the paragraph or sentence before), the main clause ("As X reported, S"),
   else the reported clause after the cue, else (inverted cue) the sentence before it.
   Coordinated speakers ("A and B said") each get the claim; "X was quoted by Y as saying S"
   gives claims by X and Y (``carrier``); "X told Reuters" gives Reuters the claim too
   (``audience``);
2. "according to X" (cues.yaml ``according_to``): the rest of the sentence, or the clause
   before it ("S, according to X");
3. participles ("..., with Zelensky calling it a ruse", "..., saying ...");
4. impersonal passives ("it's claimed that ...": unknown claimant, hedged; not inside another
   claim's content) and raising hedges ("X is understood to ...": the previous sentence's
   source, else the outlet);
5. outlet hedges ("reportedly") in sentences without any other claim: the outlet's voice;
6. quotation paragraphs with no cue of their own continue the claim just before them;
7. layout (context.py): "Source: X on Telegram" attributes the paragraph before it and
   the "Quote: ..." line after it; a line "X: ..." opened by an actor is X's claim; a headline
   closed by its source ("..., says X", "..., X says", "... - X"; X wholly one actor, not an
   outlet) is X's claim, replacing what the verb rule read into it.

A passive cue with an agent ("This was reported by the General Staff") is a rule-1 claim whose
content is what "this" stands for. A capital as speaker ("Bogota said") is its state. "The
spokesman" or "the source" is the one introduced before (context.introduced_earlier); an
official whose words name no side gets one from context (context.context_side), and becomes the
profile's actor of that side when the words name one ("the Defense Ministry" in a Russian
outlet); a named expert without a side is independent.

Then contents in one sentence are cut so that they do not overlap ("Ukraine said 400 died
while pundits said hundreds were killed" gives two claims), evidence notes attach to the
claim they qualify (same sentence, else the previous sentence's last claim), hedge words
set ``hedged``, and ids are numbered in text order.
"""

from __future__ import annotations

import re
from dataclasses import replace

from spacy.language import Language
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from ...profiles import Profile, load_profile
from ...records import Claim, Claimant
from .. import extensions
from ..words import words_of
from .actors import ActorIndex
from .claimants import Claimants
from .context import agent as _agent
from .context import (
    context_side,
    headline_sources,
    headline_speakers,
    introduced_earlier,
    label_lines,
    name_words,
    passive_content,
)
from .context import with_apposed_name as _with_apposed_name
from .cues import CueLexicon, VerbCue
from .mentions import ActorMention, mention_at
from .quotes import find_quotes
from .run import Draft, Run, has_complement, reported_clause, what_this_is
from .spans import TRIM as _TRIM
from .spans import after_dateline, text_between
from .spans import cut_before as _cut_before
from .spans import norm_space as _norm_space
from .spans import span as _span
from .spans import trim as _trim
from .spellings import alternation, first_chars
from .syntax import conjuncts as _conjuncts
from .syntax import subject as _subject

VERSION = "1"
EXTRACTOR = "claimledger.claims/" + VERSION
# spaCy 3.8 forbids "." in factory names, so the component registers as "claimledger_claims"
FACTORY = "claimledger_claims"
_LETTERS = re.compile(r"[A-Za-z]+")


class ClaimFinder:
    """Finds actor mentions and claims in a parsed Doc (one instance per pipeline)."""

    def __init__(self, profile: Profile) -> None:
        self.actors = ActorIndex.from_profile(profile)
        self.cues = CueLexicon.from_profile(profile)
        self._passive_lemmas = self.cues.impersonal | self.cues.raising
        self.claimants = Claimants(self.actors, self.cues)
        self._notes_re = _phrases_re(self.cues.evidence_notes)
        self._according_re = _phrases_re(self.cues.according_to)

    def __call__(self, doc: Doc) -> Doc:
        sents = list(doc.sents) if doc.has_annotation("SENT_START") else []
        text = words_of(doc).text
        mentions = self.actors.find_mentions(doc, sents, text)
        doc._.cl_actor_mentions = mentions
        claims = self.find_claims(doc, mentions, sents, text) if sents else []
        doc._.cl_claims = [c for c in claims if not _in_furniture(doc, c)]
        return doc

    # ------------------------------------------------------------------ the cascade
    def find_claims(self, doc: Doc, mentions: list[ActorMention],
                    sents: list[SpacySpan] | None = None, text: str | None = None) -> list[Claim]:
        if len(doc) == 0 or not doc.has_annotation("DEP"):
            return []
        text = words_of(doc).text if text is None else text
        run = Run(doc, text, sents if sents is not None else list(doc.sents), find_quotes(text), mentions)
        self._verb_claims(run)
        self._according_claims(run)
        self._participle_claims(run)
        self._passive_claims(run)
        self._outlet_hedges(run)
        self._bare_quotes(run)
        self._layout_claims(run)
        return self._finish(run)

    def _verb_claims(self, run: Run) -> None:
        for sent_i in range(len(run.sents)):
            for tok in run.tokens_with_lemma(sent_i, self.cues.verbs):
                cue = self.cues.verbs.get(tok.lemma_.lower())
                if (cue is None or tok.pos_ not in ("VERB", "AUX") or tok.tag_ == "VBG"
                        or run.in_quote(tok.idx) or tok.i in run.used):
                    continue
                children = list(tok.children)  # spaCy makes new Tokens on every pass over them
                if any(c.dep_ == "neg" for c in children):
                    continue
                if cue.objects and not any(c.dep_ == "dobj" and c.lemma_.lower() in cue.objects for c in children):
                    continue  # "put the death toll at 53", not "put the troops on alert"
                passive = any(c.dep_ == "auxpass" for c in children)
                if passive and cue.carrier:  # "X was quoted by Interfax as saying ..."
                    self._carried_claims(run, sent_i, tok, cue)
                    continue
                subject = _agent(tok) if passive else _subject(tok)
                found = None
                if subject is not None and not passive and _borrows_subject(tok):
                    found = self._adjacent_speaker(run, tok, with_states=True)  # "..., Ukraine said Monday"
                    subject = None if found is not None else subject
                if found is None and subject is not None:
                    found = self.claimants.for_subject(run, subject, tok, cue)
                elif found is None and not passive:  # a parse without a subject: "..., Name said"
                    found = self._adjacent_speaker(run, tok, with_states=_named_after_comma(tok))
                if found is None:
                    continue
                draft = self._verb_draft(run, sent_i, tok, cue, subject, found, passive)
                if draft is None:
                    continue
                run.used.add(tok.i)
                run.add(draft)
                run.by_token[tok.i] = draft
                others = self._coordinated(run, subject, tok, cue, draft) if subject is not None and not passive else []
                for more in others:
                    run.add(replace(draft, claimant=more[0], claimant_type=more[1], claimant_span=more[2],
                                    anchor=min(draft.anchor, more[2][0])))
                if cue.audience:
                    self._audience_claim(run, tok, draft)

    def _verb_draft(self, run: Run, sent_i: int, tok: Token, cue: VerbCue, subject: Token | None,
                    found: tuple[Claimant, str, tuple[int, int]], passive: bool) -> Draft | None:
        """The claim a reporting verb makes for the claimant found (rule 1 of the cascade)."""
        sent = run.sents[sent_i]
        claimant, ctype, cspan = found
        if (ctype == "collective" and claimant.kind == "official"
                and self.cues.anonymity_words & run.sent_lower(sent_i)):
            claimant = replace(claimant, kind="unofficial")  # "anonymous US officials"
        if cue.kinds and claimant.kind not in cue.kinds:
            return None
        cue_end = tok.idx + len(tok.text)
        cue_text = tok.text
        nxt = tok.nbor(1) if tok.i + 1 < len(run.doc) else None
        if nxt is not None and nxt.lower_ in cue.particles:
            cue_end = nxt.idx + len(nxt.text)
            cue_text = text_between(run.text, tok.idx, cue_end)
        left_edge = subject.left_edge.idx if subject is not None else cspan[0]
        anchor = min(tok.idx, cspan[0], left_edge)
        quote = run.quote_after(cue_end, sent) or (run.quote_before(anchor, sent) if not has_complement(tok) else None)
        chain = None
        if passive:  # "This was reported by the General Staff": what "this" stands for
            this = what_this_is(run, sent_i) if sent_i > 0 else None
            content = _trim(run.text, passive_content(tok, run.sent_bounds(sent), this))
            mode = "indirect"
        elif quote is not None:
            content, mode, chain = run.chain_span(quote), "direct_quote", quote.chain
            anchor = min(anchor, quote.open_at)
        elif _demonstrative_object(tok) and sent_i > 0:  # "Kyrylenko stated this on Telegram"
            content, mode = what_this_is(run, sent_i), "indirect"
        else:
            mode = "indirect"
            content = _as_clause(run, sent, tok) or reported_clause(  # "As X reported, ..."; "..., Governor X said"
                run, sent, tok, cue_end, (min(cspan[0], left_edge), cspan[1]))
        return Draft(claimant, ctype, cue_text, mode, cue.stance, cue.hedged, content, cspan,
                     (tok.idx, cue_end), sent_i, anchor, quote_chain=chain)

    def _coordinated(self, run: Run, subject: Token, verb: Token, cue: VerbCue,
                     draft: Draft) -> list[tuple[Claimant, str, tuple[int, int]]]:
        """The other speakers of "A and B said": B's coordinated with the subject, and people named
        before an "and" inside the subject phrase (the parser often makes one name of "Advisor A
        and Head B")."""
        found = [f for other in _conjuncts(subject)
                 for f in [self.claimants.for_subject(run, other, verb, cue)] if f is not None]
        for t in subject.subtree:
            if t.i < verb.i and t.lower_ == "and" and t.i > 0:
                before = mention_at(run.mentions, run.doc[t.i - 1].idx, run.doc[t.i - 1].idx + 1)
                if before is not None and before.type == "person":
                    found.append((before.claimant, before.type, (before.span.start, before.span.end)))
        names = {draft.claimant.name}
        unique = []
        for f in found:
            if f[0].name not in names:
                names.add(f[0].name)
                unique.append(f)
        return unique

    def _adjacent_speaker(self, run: Run, verb: Token,
                          with_states: bool = False) -> tuple[Claimant, str, tuple[int, int]] | None:
        """The person or organisation named right before a cue the parser left without a subject
        ("..., Title Name reported"); past an apposed description that ends in another actor
        ("..., Name, press secretary of the Belarusian president, told"). ``with_states``: a state
        too ("..., Ukraine said Monday", a cue the parser joined to the sentence's first verb)."""
        before = run.text[:verb.idx].rstrip()
        before = before[:-1].rstrip() if before.endswith(",") else before
        mention = mention_at(run.mentions, len(before) - 1, len(before))
        if mention is None or mention.span.end != len(before):
            return None
        chunk_start = before.rfind(",", 0, mention.span.start)
        chunk = before[chunk_start + 1:mention.span.start]
        if chunk_start > 0 and re.search(r"\b(?:of|for|to|at)\s+(?:the\s+)?$", chunk) \
                and self.actors.title_kind(chunk.split()) is not None:
            named = before[:chunk_start].rstrip()
            speaker = mention_at(run.mentions, len(named) - 1, len(named))
            if speaker is None or speaker.type != "person" or speaker.span.end != len(named):
                return None
            mention = speaker
        if mention.type not in ("person", "organisation", "media", *(("state",) if with_states else ())):
            return None
        return mention.claimant, mention.type, (mention.span.start, mention.span.end)

    def _carried_claims(self, run: Run, sent_i: int, verb: Token, cue: VerbCue) -> None:
        """"X was quoted by Interfax as saying S": a claim by X, and one by Interfax, on S."""
        speaker = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
        carrier = _agent(verb)
        said = next((t for t in verb.subtree if t.tag_ == "VBG" and t.i > verb.i), None)
        s_start, s_end = run.sent_bounds(run.sents[sent_i])
        if said is not None:
            run.used.add(said.i)
            start = said.idx + len(said.text)
            content = _trim(run.text, (start, max(t.idx + len(t.text) for t in said.subtree)))
        else:
            content = _trim(run.text, (verb.idx + len(verb.text), s_end))
        run.used.add(verb.i)
        for who in (speaker, carrier):
            found = self.claimants.for_subject(run, who, verb, replace(cue, strict=False)) if who is not None else None
            if found is not None:
                claimant, ctype, cspan = found
                run.add(Draft(claimant, ctype, text_between(run.text, verb.idx, verb.idx + len(verb.text)),
                              "indirect", cue.stance, cue.hedged, content, cspan, (verb.idx, verb.idx + len(verb.text)),
                              sent_i, min(cspan[0], verb.idx)))

    def _audience_claim(self, run: Run, verb: Token, draft: Draft) -> None:
        """"X told Reuters": the outlet told reports X's words too (after X's claim)."""
        for child in verb.children:
            if child.dep_ not in ("dative", "dobj"):
                continue
            told = [t for t in child.subtree if t.i > verb.i]
            mention = next((m for t in told for m in [mention_at(run.mentions, t.idx, t.idx + len(t.text))]
                            if m is not None and m.type == "media"), None)
            if mention is not None and mention.claimant.name != draft.claimant.name:
                run.add(replace(draft, claimant=mention.claimant, claimant_type="media",
                                claimant_span=(mention.span.start, mention.span.end), mode="indirect",
                                anchor=max(draft.anchor, mention.span.start), quote_chain=None))
                return

    def _according_claims(self, run: Run) -> None:
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
            found = self.claimants.in_phrase(run, np_tokens, sent_i)
            if found is None:
                continue
            claimant, ctype, cspan = found
            s_start, s_end = run.sent_bounds(sent)
            before = run.text[s_start:m.start()].rstrip()
            if m.start() - s_start > (s_end - s_start) / 2 or (before.endswith(",") and len(before.split()) >= 3):
                content = (s_start, m.start())  # "S, according to X, a think tank"
            elif np_stop < s_end and run.text[s_start:m.start()].strip(_TRIM) == "":
                content = (np_stop, s_end)
            else:
                content = (s_start, s_end)
            run.add(Draft(claimant, ctype, m.group(0), "according_to", "asserts", False,
                           _trim(run.text, content), cspan, (m.start(), m.end()), sent_i, min(m.start(), np_start)))

    def _participle_claims(self, run: Run) -> None:
        for sent_i in range(len(run.sents)):
            for tok in run.tokens_with_lemma(sent_i, self.cues.participles):
                if tok.tag_ != "VBG" or run.in_quote(tok.idx):
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
                        run.add(Draft(owner.claimant, owner.claimant_type, tok.text, "indirect", cue.stance,
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
                found = self.claimants.for_subject(run, subject, tok, replace(cue, strict=False))
                if found is None:
                    continue
                claimant, ctype, cspan = found
                end = max(t.idx + len(t.text) for t in tok.subtree)
                start = tok.idx + len(tok.text)
                content = _trim(run.text, (start, max(start, end)))
                run.used.add(tok.i)
                run.add(Draft(claimant, ctype, tok.text, "indirect", cue.stance, cue.hedged, content, cspan,
                               (tok.idx, tok.idx + len(tok.text)), sent_i, min(tok.idx, cspan[0])))

    def _passive_claims(self, run: Run) -> None:
        for sent_i, sent in enumerate(run.sents):
            for tok in run.tokens_with_lemma(sent_i, self._passive_lemmas):
                lemma = tok.lemma_.lower()
                if run.in_quote(tok.idx):
                    continue
                if not any(c.dep_ == "auxpass" for c in tok.children):
                    continue
                if any(d.sent == sent_i and d.content[0] <= tok.idx < d.content[1] for d in run.drafts):
                    continue  # "As X reported, it was initially reported that ...": X's words
                subj = next((c for c in tok.children if c.dep_ in ("nsubjpass", "expl")), None)
                s_start, s_end = run.sent_bounds(sent)
                cue_span = (tok.idx, tok.idx + len(tok.text))
                if subj is not None and subj.lower_ == "it" and lemma in self.cues.impersonal:
                    claimant = Claimant(name=None, mention=None, side="unknown", kind="unofficial")
                    content = _trim(run.text, (tok.idx + len(tok.text), s_end))
                    run.add(Draft(claimant, "collective", tok.text, "indirect", "asserts", True, content, None,
                                   cue_span, sent_i, tok.idx))
                elif subj is not None and lemma in self.cues.raising and any(c.dep_ == "xcomp" for c in tok.children):
                    previous = run.last_claim_before(sent_i, within=1)
                    if previous is not None and previous.sent < sent_i:
                        claimant, ctype, mode, cue = previous.claimant, previous.claimant_type, "indirect", tok.text
                    else:
                        claimant, ctype, mode, cue = run.outlet(self.actors), "outlet", "outlet", tok.text
                    run.add(Draft(claimant, ctype, cue, mode, "asserts", True, _trim(run.text, (s_start, s_end)),
                                   None, cue_span, sent_i, s_start))

    def _outlet_hedges(self, run: Run) -> None:
        for sent_i, sent in enumerate(run.sents):
            if sent_i in run.sents_with_claims:
                continue
            lower, idx = run.words.lower, run.words.idx
            hedge = next((run.doc[i] for i in range(sent.start, sent.end)
                          if lower[i] in self.cues.outlet_hedges and not run.in_quote(idx[i])), None)
            if hedge is not None:
                s_start, s_end = run.sent_bounds(sent)
                run.add(Draft(run.outlet(self.actors), "outlet", hedge.text, "outlet", "asserts", True,
                               _trim(run.text, (s_start, s_end)), None, (hedge.idx, hedge.idx + len(hedge.text)),
                               sent_i, s_start))

    def _bare_quotes(self, run: Run) -> None:
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
            run.add(Draft(previous.claimant, previous.claimant_type, previous.cue, "direct_quote",
                           previous.stance, previous.hedged, run.chain_span(quote), None, None, sent_i,
                           quote.open_at, quote_chain=quote.chain))

    def _layout_claims(self, run: Run) -> None:
        """"Source: X on Telegram" attributes the paragraph before it (when nothing else does)
        and the "Quote: ..." / "Details: ..." lines after it (until "Background:" or the next
        "Source:"); "X: ..." lines are X's claims."""
        source: Draft | None = None
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
                source = Draft(mention.claimant, mention.type, "source", "according_to", "asserts", False, para,
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
                    run.add(Draft(source.claimant, source.claimant_type, "source", mode, "asserts", False,
                                   content, None, (line_start, value_start), sent_i, line_start,
                                   quote_chain=quote.chain if quote is not None else None))
                last_at = line_start
        for mention, start, end in headline_sources(run.text, run.mentions, self.actors):
            run.drafts = [d for d in run.drafts if not start <= d.anchor < end + len(mention.span.text) + 8]
            tok = run.token_at(start)
            if tok is not None:
                run.add(Draft(mention.claimant, mention.type, "headline", "indirect", "asserts", False,
                               _trim(run.text, (start, end)), (mention.span.start, mention.span.end),
                               None, run.sent_index(tok.i), start))
        for mention, start, end in headline_speakers(run.text, run.mentions, self.actors):
            tok = run.token_at(start)
            if tok is not None and not any(d.anchor <= start < d.content[1] for d in run.drafts):
                run.add(Draft(mention.claimant, mention.type, ":", "indirect", "asserts", False,
                               _trim(run.text, (start, end)), (mention.span.start, mention.span.end),
                               (mention.span.end, start), run.sent_index(tok.i), mention.span.start))

    # ------------------------------------------------------------------ claimants
    def _finish(self, run: Run) -> list[Claim]:
        for d in sorted(run.drafts, key=lambda d: d.anchor):
            d.content = after_dateline(run.text, d.content)
            words = name_words(d.claimant.name)
            earlier = [e for e in run.drafts if e.anchor < d.anchor and e.claimant.side != "unknown"
                       and words and words <= name_words(e.claimant.name)] if d.claimant.side == "unknown" else []
            if earlier:  # "According to the source" after "a source close to the ministry told ..."
                d.claimant = replace(max(earlier, key=lambda e: e.anchor).claimant, mention=d.claimant.mention)
            elif d.claimant_type == "collective":  # "the spokesman": the person introduced with that title
                d.claimant = introduced_earlier(run.doc, self.actors, run.mentions, d.claimant,
                                                d.claimant_span) or d.claimant
            d.claimant = context_side(run.doc, self.actors, run.mentions, d.claimant, d.claimant_span,
                                      run.sent_bounds(run.sents[d.sent]))
            if d.claimant.side == "unknown" and d.claimant.kind == "expert" and d.claimant_type != "collective":
                d.claimant = replace(d.claimant, side="independent")  # a named analyst or think tank
        drafts = sorted(run.drafts, key=lambda d: (d.anchor, d.content[0]))
        by_sent: dict[int, list[Draft]] = {}
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
            hedged = d.hedged or (d.mode != "direct_quote" and self._hedge_word_in(run.text, d.content))
            claims.append(Claim(
                id=f"{article_id}:c{n}", article_id=article_id, claimant=d.claimant, cue=d.cue, mode=d.mode,
                stance=d.stance, hedged=hedged, evidence_note=d.evidence_note,
                content=_span(run.text, d.content),
                claimant_span=_span(run.text, d.claimant_span) if d.claimant_span else None,
                cue_span=_span(run.text, d.cue_span) if d.cue_span else None, extractor=EXTRACTOR))
        return claims

    def _hedge_word_in(self, text: str, span: tuple[int, int]) -> bool:
        """Whether a hedge word ("allegedly") stands in ``text[span[0]:span[1]]``."""
        return not self.cues.hedge_words.isdisjoint(w.lower() for w in _LETTERS.findall(text, *span))


def _phrases_re(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """Any of ``phrases`` as whole words, in any case (the lookahead: spellings.first_chars)."""
    return re.compile(r"\b(?=" + first_chars(phrases) + ")(?:" + alternation(phrases) + r")\b", re.IGNORECASE)


def _borrows_subject(verb: Token) -> bool:
    """A cue the parser coordinated with the sentence's main verb, with no subject of its own and a
    name right before it after a comma ("... killed 34 officers, including ..., Ukraine said
    Monday"): the name is the speaker, not the main verb's subject."""
    return (verb.dep_ == "conj" and verb.head.i < verb.i and _named_after_comma(verb)
            and not any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in verb.children))


def _named_after_comma(verb: Token) -> bool:
    """A proper name right before the cue, a comma shortly before the name ("..., Ukraine said")."""
    doc = verb.doc
    return verb.i >= 2 and doc[verb.i - 1].pos_ == "PROPN" \
        and any(t.text == "," for t in doc[max(0, verb.i - 4):verb.i - 1])


def _demonstrative_object(verb: Token) -> bool:
    """"stated this", "writes about this": the object stands for what was said before."""
    return any((c.dep_ == "dobj" and c.lower_ in ("this", "that"))
               or (c.dep_ == "prep" and c.lower_ == "about" and [g.lower_ for g in c.children] == ["this"])
               for c in verb.children)  # "RIA Novosti writes about this"


def _as_clause(run: Run, sent: SpacySpan, verb: Token) -> tuple[int, int] | None:
    """"As X reported, S" / "S, as X reported": the claim is S, not the words after the cue."""
    if verb.dep_ != "advcl" or not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return None
    s_start, s_end = run.sent_bounds(sent)
    left, right = verb.left_edge, verb.right_edge
    if left.idx - s_start < 3:
        start = right.idx + len(right.text)
        return _trim(run.text, (start, s_end)) if start < s_end else None
    return _trim(run.text, (s_start, left.idx))


@Language.factory(FACTORY, default_config={"profile": "russia-ukraine"},
                  requires=["token.dep", "token.lemma", "doc.ents", "doc.sents"],
                  assigns=["doc._.cl_actor_mentions", "doc._.cl_claims"])
def make_claim_finder(nlp: Language, name: str, profile: str) -> ClaimFinder:
    """spaCy factory: ``nlp.add_pipe("claimledger_claims", after="ner")``."""
    return ClaimFinder(load_profile(profile))


def _in_furniture(doc: Doc, claim: Claim) -> bool:
    """The claim is made in page furniture: a caption's or related headline's words are no claim of this
    story (its cue, else its content, starts in a furniture line; a quotation running past a "Read more"
    line stays)."""
    start = (claim.cue_span or claim.content).start
    return extensions.in_furniture(doc, start, start + 1)

"""The ``claimledger_events`` component: typed event mentions, one per real event.

Runs last (spaCy forbids "." in factory names, so the factory is
``claimledger_events``; records say ``extractor="claimledger.events/1"``).
Reads ``doc._.cl_places``, ``cl_times``, ``cl_actor_mentions``, ``cl_claims``,
``cl_figures`` (each may be None: treated as empty) and the profile's
``events.yaml``. The cascade, in order:

1. Triggers: the profile's phrases, each word matching a token's lower-case
   form or lemma, and its verbs with an object they need ("fired two
   missiles", "launched dozens of drones", ``triggers.verb_object_at``);
   a negated trigger, an intention ("plans to strike"), a possibility under
   a modal ("could launch"), a trigger cancelled by an ``exclude`` phrase
   and one in page furniture (``doc._.cl_furniture``: a related headline, a
   caption) are skipped; ``needs_any`` / ``needs_place`` (a known place, or
   a place name the gazetteer lacks that the model tags GPE or LOC) /
   ``needs_actor`` check the sentence.
2. Typing: a ceasefire mention becomes ``ceasefire_rejected`` /
   ``ceasefire_violation`` / ``ceasefire_declared`` from the cue words of its
   sentence (rejection first), else it refers back to the article's last
   ceasefire event; a ``statement`` trigger is dropped when a more specific
   trigger of its sentence governs it or hangs on it ("Putin ordered strikes
   on Kyiv"), not when the two are apart ("implied guilt for the strike while
   speaking at the Security Council"); a toll over the whole war (``arguments.war_toll``:
   "have died since the invasion began") is a ``losses_tally``, or a
   ``casualty_report`` when a speaker of its sentence reports its own
   side's dead, dated by its report (else the publication day) and joining
   no strike; another casualty mention joins a strike in its sentence, else
   a losses tally or strike in the two sentences before, else stands alone,
   as a strike when it names its town ("eleven were killed in Kryvyi Rih":
   dead in another town are another strike's).
3. Local arguments (``arguments.py``): the date tied to the trigger in its
   sentence (a possessive "Saturday's strike", else day values nearest the
   trigger; an interval for a ceasefire; never a dateline's date, a vague
   "earlier this month" or a period's bound "since ..."), the place nearest
   after the trigger (else a located one before; never a place that is the
   subject of a reporting verb, "Bogota said"), the announcer (the subject
   of a reporting verb before the trigger, else after it, else the nearest
   actor before, else after; a pronoun resolved to the
   last announcer), the side words before
   (initiator) and after (target).
4. Merging (``merging.py``, one event per real event): a mention joins the most recently
   active event of its type family when their day, city and announcer do not
   conflict and it is anaphoric ("the strike"), carries no date or place of
   its own within three sentences, or agrees on them (an anaphoric mention
   dated only by another clause of its sentence, "30 wounded since the
   attack", agrees on any day); otherwise it opens a new event. A mention marked as another event by the profile's
   ``distinct`` words ("another strike", "a second attack", "an earlier
   raid") always opens a new event. An event is active again when a
   sentence names its city. An event with no date, place or actor in any
   mention (side words and announcers do not count for a strike; a report's
   day is no date)
   and not marked distinct folds into the first event of its family.
5. Event fields: date from its mentions of the event's own type (the earliest
   day for strikes, captures and tallies: later days date reports of it; an
   interval wins for a ceasefire; an event opened as another one, "another
   strike", or set days apart from one, takes no day from the sentence
   before or the lede); for a strike, capture or casualties only
   the days of mentions tied to the event (an anaphoric one, or one in or
   next to the sentence of the opening or a placed mention) count first,
   then the first day of the headline or lede when it is no later than the
   earliest day of a report that introduces a mention ("said on Wednesday
   that 12 sailors died": the latest it can have happened), then that day,
   then the days of mentions joined by
   nearness alone; else the date of an event of the same
   family in the sentence before (a reaction), else the first day of the
   headline or lede (for statements, tallies and placed past events), else
   the publication day for statements, demands, negotiations, rejections and
   tallies, else null; a day outside a week, month or year tied to a
   strike's trigger ("had struck the base last week") is dropped; every
   date is valid ISO 8601 (``arguments.iso_value``);
   place preferring city > region > area > country (a statement, demand or
   negotiation with no place of its own: the seat of a body it was made at,
   events.yaml ``venues``); a title from the type label and place or actor;
   for linking across articles, how the date was found (``date_basis``:
   stated, loose, inferred, report), the sentences of its first mentions
   (``evidence``) and the proper names in them (``names``).
   An event that the text places some days after or before another ("the
   day after the Poltava attack, drones hit Lviv", ``relative.py``) and has
   no day of its own takes the other's day moved by the gap; the two are
   never merged.
6. Links (``links.py``): each figure joins the event mentioned in its sentence (by measure:
   equipment to a tally; people to strikes, tallies, deployments), else the
   last event of the two sentences before; each claim joins the event of its
   content's sentence. ``event_id`` is set on claims and figures with
   ``dataclasses.replace`` and the ids are listed on the events.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import Any, Protocol

from spacy.language import Language
from spacy.tokens import Doc

from ...errors import ConfigError
from ...profiles import load_profile
from ...profiles.policy import event_policy
from ...records import Claimant, EventActor, EventMention, EventPolicy, Place, PlaceMention, Span, TimeExpression
from .. import extensions
from ..lines.furniture import in_spans
from ..vocabulary.sides import FIXED_SIDES, Sides
from ..words import words_of
from .arguments import (
    LOOSE,
    PLACE_RANK,
    Venues,
    dateline_place,
    dateline_spans,
    day_of,
    is_day,
    iso_value,
    lede_day,
    metonymic_places,
    nearby_interval,
    nearest_place,
    nearest_time,
    report_time,
    running_toll,
    speaks,
    tied_period,
    time_tie,
    war_toll,
)
from .links import link
from .merging import DraftEvent, Mention, cumulative, fold_weak, merge_mentions, refers_back
from .parse import Parse
from .relative import Relation, gap_phrases, relations, shift_dates
from .triggers import (
    TypeRule,
    blocked,
    is_anaphoric,
    marked_distinct,
    negated_or_intended,
    phrase_at,
    phrase_positions,
    type_rule,
    unlike,
    verb_object_at,
    word_keys,
    words,
)

VERSION = "2"
FACTORY = "claimledger_events"
EXTRACTOR = "claimledger.events/" + VERSION
PRONOUNS = frozenset({"he", "she", "they", "it"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART"})
EVIDENCE_SENTENCES = 3  # the sentences of an event kept for linking (EventMention.evidence) ...
EVIDENCE_CHARS = 400  # ... each cut at this length
NEWLINE_RE = re.compile("\n")


class ActorMentionLike(Protocol):
    """What events read from ``doc._.cl_actor_mentions`` (extract/claims/actors.py ActorMention)."""

    @property
    def span(self) -> Span: ...

    @property
    def claimant(self) -> Claimant: ...


@Language.factory(
    FACTORY,
    default_config={"profile": "russia-ukraine"},
    requires=["doc._.cl_places", "doc._.cl_times", "doc._.cl_actor_mentions", "doc._.cl_claims",
              "doc._.cl_figures"],
    assigns=["doc._.cl_events", "doc._.cl_claims", "doc._.cl_figures"],
)
def make_event_tagger(nlp: Language, name: str, profile: str) -> EventTagger:
    return EventTagger(profile)


class EventTagger:
    """Typed event mentions from triggers and arguments (see the module docstring)."""

    def __init__(self, profile: str) -> None:
        extensions.register()
        loaded = load_profile(profile)
        section = loaded.section("events")
        self.sides = Sides.from_profile(loaded)
        self.policy = event_policy(loaded)
        if not isinstance(section, Mapping):
            raise ConfigError(f"events.yaml of profile {profile!r} must be a mapping", code="CL107")
        self.rules = tuple(type_rule(n, spec) for n, spec in (section.get("types") or {}).items())
        self.by_first: dict[str, list[tuple[tuple[str, ...], TypeRule]]] = {}
        for rule in self.rules:
            for phrase in rule.triggers:
                self.by_first.setdefault(phrase[0], []).append((phrase, rule))
        self.by_verb: dict[str, list[TypeRule]] = {}  # lemma -> rules it is a verb of with objects or subjects
        for rule in self.rules:
            for lemma in {*rule.verb_objects, *rule.verb_subjects}:
                self.by_verb.setdefault(lemma, []).append(rule)
        for entries in self.by_first.values():
            entries.sort(key=lambda e: -len(e[0]))
        cues = section.get("ceasefire") or {}
        self.ceasefire_cues = {kind: tuple(words(p) for p in cues.get(kind) or ())
                               for kind in ("rejected", "violated", "declared")}
        self.anaphora = frozenset(str(w).lower() for w in section.get("anaphora") or ())
        distinct = section.get("distinct") or {}
        self.distinct = (frozenset(str(w).lower() for w in distinct.get("always") or ()),
                         frozenset(str(w).lower() for w in distinct.get("indefinite") or ()))
        self.capitals = frozenset(str(w) for w in section.get("capitals") or ())
        self.party_nouns = frozenset(str(w).lower() for w in section.get("party_nouns") or ())
        self.venues = Venues.from_section(section.get("venues"))

    # ------------------------------------------------------------ pipeline
    def __call__(self, doc: Doc) -> Doc:
        places: list[PlaceMention] = list(doc._.cl_places or [])
        times: list[TimeExpression] = list(doc._.cl_times or [])
        parse = Parse(doc)
        text = parse.words.text
        metonyms = metonymic_places(parse, places, self.capitals, self.party_nouns, text=text)
        filed_at = dateline_place(text, places)
        places = [p for p in places if p.span.start not in metonyms]
        datelines = dateline_spans(text, times)
        phrases = gap_phrases(text)
        gaps = {m.start() for m in phrases}  # "the day after the attack" names no day itself
        times = [t for t in times if t.span.start not in datelines and t.span.start not in gaps]
        actors: list[ActorMentionLike] = list(doc._.cl_actor_mentions or [])
        sentences = split_sentences(doc)
        sent_starts = [s.start_char for s in sentences]
        mentions = self.find_mentions(parse, sentences, sent_starts, places, times, actors, text=text,
                                      gaps=[m.start() for m in phrases])
        gaps_between = relations(text, [(m.sent, m.trigger) for m in mentions], phrases)
        apart: dict[int, set[int]] = {}
        for rel in gaps_between:
            apart.setdefault(rel.earlier, set()).add(rel.later)
            apart.setdefault(rel.later, set()).add(rel.earlier)
        mentions = [dataclasses.replace(m, apart_from=frozenset(apart[m.trigger.start]))
                    if m.trigger.start in apart else m for m in mentions]
        events = fold_weak(merge_mentions(mentions, places, sent_starts, self.policy), self.policy)
        records = self.to_records(doc, events, sent_starts, times, filed_at, gaps_between, text=text)
        entities = _named_entities(doc)
        records = [dataclasses.replace(r, evidence=ev, names=self._names(doc, ev, entities))
                   for r, ev in zip(records, (_evidence(e, sentences, text) for e in events), strict=True)]
        figures = list(doc._.cl_figures or [])
        claims = list(doc._.cl_claims or [])
        records, figures, claims = link(records, events, figures, claims, sent_starts, self.policy)
        doc._.cl_events = records
        if doc._.cl_figures is not None:
            doc._.cl_figures = figures
        if doc._.cl_claims is not None:
            doc._.cl_claims = claims
        return doc

    # ------------------------------------------------------------ 1-3 mentions
    def find_mentions(self, parse: Parse, sentences: Sequence[Any], sent_starts: list[int],
                      places: Sequence[PlaceMention],
                      times: Sequence[TimeExpression], actors: Sequence[ActorMentionLike],
                      *, text: str, gaps: Sequence[int]) -> list[Mention]:
        """``gaps``: where "a day after ..." phrases start, in text order (each starts another event)."""
        doc, words = parse.doc, parse.words
        found: list[tuple[int, int, TypeRule]] = []  # first and last token, rule
        furniture = doc._.cl_furniture or ()
        keys = word_keys(doc)  # each token's words once: spaCy builds a Token object per access
        texts = [k[3] for k in keys]
        first_words, verbs = self.by_first, self.by_verb
        may_start = [k[0] in first_words or k[1] in first_words or k[2] in first_words or k[1] in verbs
                     for k in keys]  # where a trigger phrase or a verb rule can start
        for sent in sentences:
            in_sentence: list[tuple[int, int, TypeRule]] = []
            i = sent.start
            while i < sent.end:
                hit = self._match_at(parse, i, sent.end, keys) if may_start[i] else None
                if hit is None:
                    i += 1
                    continue
                length, rule = hit
                in_sentence.append((i, i + length - 1, rule))
                i += length
            specific = [f for f, _e, r in in_sentence
                        if self.policy.merge_families.get(r.name) != "statement" and r.name != "casualty_report"]
            for first, last, rule in in_sentence:
                if rule.name == "statement" and any(_related(parse, first, other) for other in specific):
                    continue  # "Putin ordered strikes on Kyiv": the strike is the event
                if in_spans(furniture, words.idx[first], words.end(last)):
                    continue  # a related headline or caption reports another story
                if self._context_ok(parse, rule, sent, places, actors):
                    found.append((first, last, rule))
        mentions: list[Mention] = []
        full = text  # the Doc's text (Doc.text is rebuilt on every access)
        last_announcer: EventActor | None = None
        published = day_of(doc._.cl_published)
        parties: dict[str, str | None] = {}  # each word's party, looked up once
        speaking: dict[tuple[int, int], bool] = {}  # each actor mention's ``speaks``, looked up once
        whole_war_sents: dict[int, bool] = {}
        for first, last, rule in found:
            start, end = words.idx[first], words.end(last)
            sent_no = bisect.bisect_right(sent_starts, start) - 1
            sent = sentences[sent_no]
            type_ = self._type_of(parse, rule, sent, first, mentions, keys)
            if type_ is None:
                continue
            announcer = self._announcer(parse, sent.start_char, start, end, sent.end_char, actors, places,
                                        last_announcer, speaking)
            if announcer is not None:
                last_announcer = announcer
            initiator, target = self._sides(sent, first, last, texts, parties)
            if type_ == "casualty_report" and sent_no not in whole_war_sents:
                whole_war_sents[sent_no] = war_toll(full, sent.start_char, sent.end_char)
            whole_war = type_ == "casualty_report" and whole_war_sents[sent_no]
            if whole_war:  # a war's toll: a tally, or a side's report of its own losses (by whoever speaks)
                speaker = next((a for a in actors if sent.start_char <= a.span.start < sent.end_char
                                and self._speaks(parse, a, speaking)), None)
                own = speaker is not None and initiator is not None and speaker.claimant.side == initiator.side
                type_ = "casualty_report" if own else "losses_tally"
            physical = type_ in self.policy.physical and not whole_war
            speech = type_ in self.policy.speech and type_ != "losses_tally"
            place = nearest_place(places, sent.start_char, sent.end_char, start, end, full, speech=speech, parse=parse,
                                  barriers=gaps)
            if place is None and speech:  # "speaking at a UN Security Council meeting"
                place = self.venues.at(full, sent.start_char, sent.end_char)
            date = nearest_time(times, sent.start_char, sent.end_char, start, type_ if physical else "report",
                                published, full, parse, policy=self.policy)
            mentions.append(Mention(
                type=type_, sent=sent_no, trigger=Span(start, end, full[start:end]),
                anaphoric=is_anaphoric(parse, first, self.anaphora),
                distinct=marked_distinct(parse, first, last, *self.distinct), cumulative=whole_war, date=date,
                loose_date=date is not None and time_tie(parse, start, date, physical=physical) == LOOSE,
                reported=report_time(times, sent.start_char, sent.end_char, start, published, parse)
                if physical else None,
                place=place,
                announcer=announcer, initiator=initiator, target=target,
                period=tied_period(times, sent.start_char, sent.end_char, start, parse, full) if physical else None))
        return mentions

    def _match_at(self, parse: Parse, i: int, end: int,
                  keys: Sequence[tuple[str, str, str, str]]) -> tuple[int, TypeRule] | None:
        for key in set(keys[i][:3]):
            for phrase, rule in self.by_first.get(key, ()):
                if i + len(phrase) > end or not phrase_at(keys, i, phrase):
                    continue
                if any(i + len(ex) <= end and phrase_at(keys, i, ex) for ex in rule.exclude):
                    return None
                if negated_or_intended(parse, i) or blocked(parse, i, rule) or \
                        unlike(parse, i + len(phrase) - 1, rule):
                    return None
                if len(phrase) == 1 and phrase[0] in rule.verbs_only and parse.words.pos[i] not in ("VERB", "AUX"):
                    continue  # "its own ceasefire promise" is no new statement
                return len(phrase), rule
        for rule in self.by_verb.get(keys[i][1], ()):
            if verb_object_at(parse, i, rule) and not negated_or_intended(parse, i):
                return 1, rule
        return None

    def _context_ok(self, parse: Parse, rule: TypeRule, sent: Any, places: Sequence[PlaceMention],
                    actors: Sequence[ActorMentionLike]) -> bool:
        lower, dep = parse.words.lower, parse.words.dep
        if rule.needs_any and not any(lower[i] in rule.needs_any for i in range(sent.start, sent.end)):
            return False
        if rule.needs_number and not any(t.like_num and not t.is_space and t.ent_type_ != "ORDINAL" for t in sent):
            return False  # "a rare admission of losses" is no tally
        if rule.needs_place and not any(sent.start_char <= p.span.start < sent.end_char and
                                        p.place.kind in ("city", "admin1", "area") for p in places) \
                and not _unknown_place(sent, places):
            return False
        if rule.needs_actor:
            has_actor = any(sent.start_char <= a.span.start < sent.end_char for a in actors)
            has_pronoun = any(lower[i] in PRONOUNS and dep[i] in ("nsubj", "nsubjpass")
                              for i in range(sent.start, sent.end))
            has_place = any(sent.start_char <= p.span.start < sent.end_char and
                            self.sides.party_of_country(p.place.country) is not None for p in places)
            return has_actor or has_pronoun or has_place
        return True

    def _type_of(self, parse: Parse, rule: TypeRule, sent: Any, at: int, earlier: Sequence[Mention],
                 keys: Sequence[tuple[str, str, str, str]]) -> str | None:
        """A ceasefire's type from the nearest cue word of its sentence, else the last ceasefire's."""
        if rule.name != "ceasefire":
            return rule.name
        cue_types = (("rejected", "ceasefire_rejected"), ("violated", "ceasefire_violation"),
                     ("declared", "ceasefire_declared"))
        head = parse.words.head[at]
        governors = {parse.words.lemma[t] for t in (head, parse.words.head[head]) if sent.start <= t < sent.end}
        for kind, type_ in cue_types:  # the verb that governs the mention decides first
            if any(len(cue) == 1 and cue[0] in governors for cue in self.ceasefire_cues[kind]):
                return type_
        best: tuple[int, str] | None = None
        for kind, type_ in (("rejected", "ceasefire_rejected"), ("violated", "ceasefire_violation"),
                            ("declared", "ceasefire_declared")):
            for cue in self.ceasefire_cues[kind]:
                for k in phrase_positions(sent, cue, keys):
                    if best is None or abs(k - at) < best[0]:
                        best = (abs(k - at), type_)
        if best is not None:
            return best[1]
        last = [m.type for m in earlier if self.policy.merge_families.get(m.type) == "ceasefire"]
        return last[-1] if last else None

    def _announcer(self, parse: Parse, sent_start: int, start: int, end: int, sent_end: int,
                   actors: Sequence[ActorMentionLike], places: Sequence[PlaceMention],
                   previous: EventActor | None, speaking: dict[tuple[int, int], bool]) -> EventActor | None:
        before = [a for a in actors if sent_start <= a.span.start < start]
        after = [a for a in actors if end <= a.span.start < sent_end]
        speakers = [a for a in before if self._speaks(parse, a, speaking)]
        later = [a for a in after if self._speaks(parse, a, speaking)]  # "..., Shoigu said"
        pick = speakers[-1] if speakers else later[0] if later else before[-1] if before else \
            (after[0] if after else None)
        if pick is not None and pick.claimant.name:
            return EventActor(name=pick.claimant.name, side=pick.claimant.side, role="announcer")
        words = parse.words
        before_trigger = range(*parse.span(sent_start, start)) if start > sent_start else range(0)
        subject = [i for i in before_trigger if words.lower[i] in PRONOUNS and words.dep[i] in ("nsubj", "nsubjpass")]
        if subject and previous is not None:
            return previous
        for p in places:
            side = self.sides.party_of_country(p.place.country) if sent_start <= p.span.start < start else None
            if side is not None:
                country = p.place.name if p.place.kind == "country" else self.sides.label(side)
                return EventActor(name=country, side=side, role="announcer")
        return None

    @staticmethod
    def _speaks(parse: Parse, actor: ActorMentionLike, speaking: dict[tuple[int, int], bool]) -> bool:
        """``arguments.speaks`` for the actor mention, kept in ``speaking`` for the Doc."""
        key = (actor.span.start, actor.span.end)
        if key not in speaking:
            speaking[key] = speaks(parse, *key)
        return speaking[key]

    def _sides(self, sent: Any, first: int, last: int, texts: Sequence[str],
               parties: dict[str, str | None]) -> tuple[EventActor | None, EventActor | None]:
        """The side words before the trigger (initiator) and after it (target); ``parties`` keeps each
        word's ``_party_word`` for the Doc."""
        initiator = target = None
        words = texts[sent.start:sent.end]
        for word in reversed(words[: max(0, first - sent.start)]):
            side = parties[word] if word in parties else parties.setdefault(word, self._party_word(word))
            if side is not None:
                initiator = EventActor(self.sides.label(side), side, "initiator")
                break
        for word in words[last + 1 - sent.start:]:
            side = parties[word] if word in parties else parties.setdefault(word, self._party_word(word))
            if side is not None and (initiator is None or side != initiator.side):
                target = EventActor(self.sides.label(side), side, "target")
                break
        return initiator, target

    def _party_word(self, word: str) -> str | None:
        """The party (a side of ``sides.yaml``, not ``other_state``) a single word names, else None."""
        side = self.sides.side_of_word(word)
        return side if side is not None and side not in FIXED_SIDES else None

    # ------------------------------------------------------------ 5 records
    def to_records(self, doc: Doc, events: Sequence[DraftEvent], sent_starts: list[int],
                   times: Sequence[TimeExpression], filed_at: Place | None = None,
                   gaps_between: Sequence[Relation] = (), *, text: str) -> list[EventMention]:
        article_id = str(doc._.cl_article_id or "")
        published = day_of(doc._.cl_published)
        out: list[EventMention] = []
        by_sent_family: dict[tuple[int, str], tuple[str | None, str | None]] = {}
        lede = lede_day(times, text, published, doc._.cl_furniture or ())
        own: list[tuple[str | None, str | None]] = []
        bases: list[str | None] = []
        for event in events:
            date_start, date_end, basis = _event_dates(event, self.policy, lede)
            stated = nearby_interval(times, sent_starts, [m.sent for m in event.mentions]) \
                if event.type == "ceasefire_declared" and date_end is None else None
            own.append((stated.value, stated.end) if stated else (date_start, date_end))
            bases.append("stated" if stated else basis)
        event_of = {m.trigger.start: k for k, event in enumerate(events) for m in event.mentions}
        shifted = shift_dates([d for d, _ in own], event_of, gaps_between)
        for n, event in enumerate(events, 1):
            date_start, date_end = own[n - 1]
            basis = bases[n - 1]
            if shifted[n - 1] != date_start:
                date_start, date_end, basis = shifted[n - 1], None, "inferred"
            first = event.mentions[0]
            other = first.distinct or bool(first.apart_from)  # "another strike": not the one before, nor the lede's
            if date_start is None and cumulative(event):
                date_start, basis = published, "stated"  # a war's toll is as of its report
            if date_start is None and not other:
                prior = by_sent_family.get((first.sent - 1, self.policy.merge_family(event.type)))
                if prior is not None:
                    (date_start, date_end), basis = prior, "inferred"
            speech, past = event.type in self.policy.speech, event.type in self.policy.past
            if date_start is None and not other and (speech or past and
                                                     any(m.place is not None for m in event.mentions)):
                date_start, basis = lede, "inferred"
            if date_start is None and (speech or event.type == "casualty_report" and
                                       running_toll(text, sent_starts, first.sent)):
                date_start, basis = published, "report"
            date_start, date_end = iso_value(date_start), iso_value(date_end)
            periods = [m.period for m in event.mentions if m.period is not None]
            if periods and is_day(date_start) and not any(
                    a.isoformat() <= str(date_start)[:10] <= b.isoformat() for a, b in periods):
                date_start, date_end = None, None  # "said on Monday it had struck the base last week"
            if date_start is None:
                basis = None
            for m in event.mentions:
                by_sent_family[(m.sent, self.policy.merge_family(event.type))] = (date_start, date_end)
            place = _event_place(event)
            if place is None and speech and event.type != "losses_tally":
                place = filed_at  # a statement is made where the dateline says
            actors = _event_actors(event, self.policy)
            rule = next((r for r in self.rules if event.type.startswith(r.name)), None)
            out.append(EventMention(
                id=f"{article_id}:e{n}", article_id=article_id, type=event.type,
                title=_title(event.type, rule, place, actors, self.policy), trigger=first.trigger,
                date_start=date_start, date_end=date_end, place=place, actors=actors, extractor=EXTRACTOR,
                date_basis=basis))
        return out

    def _names(self, doc: Doc, evidence: Sequence[Span], entities: Sequence[tuple[int, str]]) -> tuple[str, ...]:
        """The proper names in the event's sentences (``entities``: the Doc's entities of ``NAME_LABELS``, as
        first character and text), without a leading "the" or a possessive; a name that is a single side or
        country word ("Russia", "Ukrainian") says nothing."""
        found: dict[str, None] = {}
        words = words_of(doc)
        for start, name in entities:
            if any(s.start <= start < s.end for s in evidence):
                self._add_name(found, name)
        for span in evidence:  # a proper noun the model tagged no entity ("the Moskva")
            for i in range(bisect.bisect_left(words.idx, span.start), bisect.bisect_left(words.idx, span.end)):
                if words.pos[i] == "PROPN" and not words.ent_type[i]:
                    self._add_name(found, words.texts[i])
        return tuple(found)

    def _add_name(self, found: dict[str, None], text: str) -> None:
        name = text.removeprefix("the ").removeprefix("The ").removesuffix("'s").removesuffix("\u2019s")
        name = " ".join(name.split())
        if len(name) >= 3 and name[0].isupper() and (" " in name or self.sides.side_of_word(name) is None):
            found[name] = None


def _named_entities(doc: Doc) -> list[tuple[int, str]]:
    """The first character and text of each entity of ``NAME_LABELS``, as ``doc.ents`` gives them (from
    the token table's ``ents``: ``doc.ents`` builds a Span object per entity)."""
    words = words_of(doc)
    return [(words.idx[start], words.text[words.idx[start]:words.end(end - 1)])
            for start, end, label in words.ents if label in NAME_LABELS]


def _related(parse: Parse, a: int, b: int) -> bool:
    """One token governs the other (directly or through the parse tree)."""
    return a == b or a in parse.ancestors(b) or b in parse.ancestors(a)


def _unknown_place(sent: Any, places: Sequence[PlaceMention]) -> bool:
    """The sentence names a place the gazetteer does not know (a village the model tags GPE or LOC)."""
    known = {p.span.start for p in places}
    return any(ent.label_ in ("GPE", "LOC") and ent.start_char not in known for ent in sent.ents)


# ---------------------------------------------------------------- helpers
def split_sentences(doc: Doc) -> list[Any]:
    """The parser's sentences, also split at line breaks (a headline is a sentence)."""
    if not doc.has_annotation("SENT_START"):
        return []
    words = words_of(doc)
    texts, idx, text = words.texts, words.idx, words.text
    # the tokens holding a line break, or followed by white space that holds one
    breaks = sorted({bisect.bisect_right(idx, m.start()) - 1 for m in NEWLINE_RE.finditer(text)} - {-1})
    out: list[Any] = []
    for a, b in words.sents:
        start = a
        for i in breaks[bisect.bisect_left(breaks, a):bisect.bisect_left(breaks, b)]:
            end = i + (0 if texts[i].isspace() else 1)
            if end > start:
                out.append(doc[start:end])
            start = i + 1
        if b > start:
            out.append(doc[start:b])
    return out


def _event_dates(event: DraftEvent, policy: EventPolicy,
                 lede: str | None = None) -> tuple[str | None, str | None, str | None]:
    """The event's date from its mentions (rule 5 of the module docstring) and how it was found
    (``EventMention.date_basis``: ``stated``, ``loose`` when every mention giving that date ties it loosely,
    ``inferred`` from the report that introduces it or the lede)."""
    dated = [m.date for m in event.mentions if m.date is not None]
    loose = {id(m.date) for m in event.mentions if m.date is not None and m.loose_date}
    if event.type.startswith("ceasefire") and dated:
        intervals = [t for t in dated if t.end is not None]
        if intervals:
            return intervals[0].value, intervals[0].end, "stated"
        ceasefire_days = sorted((t for t in dated if is_day(t.value)), key=lambda t: str(t.value)[:10])
        if ceasefire_days:
            return ceasefire_days[0].value, ceasefire_days[0].end, "stated"
    own = [m for m in event.mentions if m.date is not None and is_day(m.date.value) and m.type == event.type]
    by_day = own or [m for m in event.mentions if m.date is not None and is_day(m.date.value)]
    if event.type in policy.physical:  # a day counts first when its mention is tied to the event
        opener = event.mentions[0]
        placed = {m.sent for m in event.mentions if m.place is not None or m is opener}
        anchored = [m for m in by_day if not refers_back(m, policy) and
                    (m.anaphoric or any(abs(m.sent - k) <= 1 for k in placed))]
        reported = [m.reported for m in event.mentions if m.reported is not None]
        if not anchored and reported:
            first_report = str(min(reported, key=lambda t: str(t.value)[:10]).value)[:10]
            return (lede if lede is not None and lede <= first_report else first_report), None, "inferred"
        by_day = anchored or by_day
    days = [m.date for m in by_day if m.date is not None]
    if days and event.type in policy.past:  # it happened on the earliest day; later ones date reports of it
        days = sorted(days, key=lambda t: str(t.value)[:10])
    pool = days or dated
    if not pool:
        return None, None, None
    return pool[0].value, pool[0].end, "loose" if id(pool[0]) in loose else "stated"


def _evidence(event: DraftEvent, sentences: Sequence[Any], text: str) -> tuple[Span, ...]:
    """The sentences that report the event: those of its first ``EVIDENCE_SENTENCES`` mentions, in text
    order, each cut at ``EVIDENCE_CHARS``."""
    numbers = sorted({m.sent for m in event.mentions})[:EVIDENCE_SENTENCES]
    spans = []
    for k in numbers:
        start = sentences[k].start_char
        end = min(sentences[k].end_char, start + EVIDENCE_CHARS)
        spans.append(Span(start, end, text[start:end]))
    return tuple(spans)


def _event_place(event: DraftEvent) -> Place | None:
    placed = [m.place for m in event.mentions if m.place is not None]
    if not placed:
        return None
    return max(placed, key=lambda p: PLACE_RANK.get(p.kind, 0))


def _event_actors(event: DraftEvent, policy: EventPolicy) -> tuple[EventActor, ...]:
    out: list[EventActor] = []
    for m in event.mentions:
        for actor in (m.announcer if event.type in policy.speech or event.type.startswith("ceasefire") else None,
                      m.initiator, m.target):
            if actor is None:
                continue
            if event.type.startswith("ceasefire_declared") and actor.role == "announcer":
                actor = dataclasses.replace(actor, role="initiator")
            if not any(a.side == actor.side and a.role == actor.role for a in out):
                out.append(actor)
    return tuple(out)


def _title(type_: str, rule: TypeRule | None, place: Place | None, actors: Sequence[EventActor],
           policy: EventPolicy) -> str:
    label = rule.label if rule is not None else type_.replace("_", " ").capitalize()
    if type_.startswith("ceasefire_"):
        label = f"Ceasefire {type_.split('_', 1)[1]}"
    lead = next((a for a in actors if a.role in ("announcer", "initiator")), None)
    if type_ in policy.speech or type_.startswith("ceasefire"):
        if lead is not None:
            return f"{label} by {lead.name}"
    if place is not None and rule is not None:
        return f"{label} {rule.preposition} {place.name}"
    return label

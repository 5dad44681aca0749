"""Who claims a figure and whose losses it counts: the claimant and subject-side
cascades of the figures component.

``component.py`` finds each number and what it counts (a :class:`CountedNumber`),
then, in text order, asks ``claim_for`` and ``carried_claimant`` for its claimant
and ``subject_side`` and ``civilian_carry`` for its side. They are plain functions
over the per-Doc :class:`SentenceIndex` (which carries the measure vocabulary),
the tally lists and the figures resolved so far.

Claimant (``claim_for``, then ``carried_claimant``; the back-reference and
"named in full before" look-ups live in ``lists.py``):
1. a claim whose content span holds the number (the innermost), unless its cue
   is non-assertive ("vowed", "ordered") or it denies (a denial puts no number forward:
   "Moscow denies targeting civilians, although thousands have been killed"),
2. a claim in the same sentence (for a list item: on the list's head or the line after);
   a claimant of unknown side named in full earlier ("the General Staff") takes that side,
   and "This was reported by <side's body>" in the next sentence names the claimant,
3. for a tally continued from earlier sentences ("The ministry also claims",
   "On top of that ..."), or when no claim (or one naming no side) was found: the
   claimant of the previous military loss figure within three sentences and one
   paragraph break, a tally source phrase there ("figures from Ukraine's Ministry
   of Defence"), or a claim on an earlier loss sentence there,
4. the claim found in 1-2 even with an unknown side,
5. the outlet itself (side ``independent``, kind ``outlet``).

Subject side, whose people or equipment (``subject_side``). First, for people of no stated
kind ("9 people", "41 dead", a bare toll), ``read_victims`` decides civilians or soldiers: a
strike frame of the passage by its target's class (``frames.py``), else civilians named or a
civilian place near, else the article's victims (the one party its explicit counts name),
else the article's main strike, else civilians for "people". Then, in order:
1. side words in the noun phrase ("Russian soldiers", "Kyiv's forces", "50 Russians", "180
   occupiers", "of the Ukrainian army", "Iskander missiles"), civilian nouns -> ``civilians``
   (but "people, including senior commanders" are military); "25 of them" -> the side of the
   figure before; a list's head ("losses of the enemy"); ``missing`` reported by a belligerent ->
   its own side; "enemy" -> opposite of the claimant; "his own", "its", "our" -> the possessor's
   side (the claimant's when the sentence names no side),
2. equipment or strikes whose subject launched, fired or used them -> the subject's side,
3. the loser named before the number ("Russia has lost", "Putin ... lost"),
4. "in retaliation for shelling that killed N" -> the retaliator's own side,
5. the subject of the verb before the number ("Russia ... killed 600 troops") -> the opposite
   side (for troops, "Russia has 150,000 troops" -> the same side); not when the subject is the
   attack itself ("a strike on the fleet's HQ killed 34 officers": the frame decides),
6. (not troops) an admitting cue ("admitted") or an admission in this or the previous sentence
   ("Moscow's first admission of the losses") -> the claimant's own side,
7. (not troops, people) a loss count earlier in the same sentence with a party's side ("killing
   40 Ukrainian POWs and leaving 75 wounded"),
8. (not troops) the strike frame of this passage: its target (counted missiles and drones: its
   attacker); else the article's victims (people); else the article's main strike (not weapons),
9. (not troops) the target of a strike named in this or the previous sentence by side words
   ("on a Russian regiment" -> russia, "a Ukrainian missile" -> russia),
10. the side of the previous loss figure of the same class (people or equipment; any class in the
   same sentence) within two sentences and one paragraph break,
11. (not troops) a belligerent claimant's opposite side,
12. ``unknown``.
Last, a civilian count and its measure agree (``civilians`` <-> ``civilians_killed``).
``explosions`` and ``strikes`` stop after step 2.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...records import Claim, Claimant, Figure
from . import cues
from .frames import StrikeFrame
from .index import SentenceIndex, claim_cue, governing_verb, side_of_subject
from .lists import TallyLists, is_object_of
from .numbers import Quantity

LOSS_PEOPLE = frozenset({"killed", "wounded", "killed_or_wounded", "captured", "missing",
                         "civilians_killed", "civilians_wounded"})
WEAPONS = frozenset({"missiles", "drones"})  # counted against the side that fired them
EVENT_MEASURES = frozenset({"explosions", "strikes"})
CIVILIAN_MEASURES = {"killed": "civilians_killed", "wounded": "civilians_wounded"}
VICTIM_MEASURES = frozenset({"killed", "wounded", "killed_or_wounded", "missing"})


@dataclass(frozen=True, slots=True)
class CountedNumber:
    """A number whose counted thing is known; side and claimant still to resolve."""

    quantity: Quantity
    measure: str
    kind: str  # equipment, people, other
    sent: int
    first: int  # token index of the number's first token
    np_side: str | None
    np_marker: str | None  # "enemy" or "own" when the noun phrase says so
    verb_before: int | None  # token index of an outcome/agent verb right before the number
    last: int = -1  # token index of the number's last token
    group: str | None = None  # people group of the noun (military, civilians, people, generic), "bare" for none
    civilian_hint: bool = False  # civilians named or a civilian place near, with no soldiers there
    weak_civilian_hint: bool = False  # a bare death toll with no military words in its sentence


def article_victims(found: list[CountedNumber]) -> str | None:
    """The one party whose people the article's explicit loss counts name ("40 Ukrainian POWs were
    killed"), else None (no such count, or counts of both sides)."""
    sides = {f.np_side for f in found if f.kind == "people" and f.measure in VICTIM_MEASURES
             and f.np_side is not None and f.np_side not in ("civilians", "unknown", "other_state")}
    return sides.pop() if len(sides) == 1 else None


def read_victims(f: CountedNumber, frame: StrikeFrame | None, local: bool, victims: str | None,
                 before: Figure | None = None) -> CountedNumber:
    """People of no stated kind ("9 people were killed", "41 dead"): civilians or soldiers. In order:
    a loss count earlier in the same sentence (``before``) lends its reading; a strike frame of this
    passage decides by its target (a military target: soldiers; a civilian place: civilians); else
    civilians named, a civilian place in this sentence or the one before, or an aside naming children
    make them civilians; else the article's victims, when its explicit counts name one party, make
    them soldiers; else the article's main strike decides; else "people", and a bare death toll with
    no military words, are civilians. "Others" take the reading of the count before them unless
    civilians are named near them (``civilian_carry``)."""
    if f.group not in ("people", "bare", "generic") or f.np_side is not None or f.np_marker == "same" \
            or f.measure not in VICTIM_MEASURES:
        return f
    target_class = frame.target_class if frame is not None else None
    civilian = replace(f, measure=CIVILIAN_MEASURES.get(f.measure, f.measure), np_side="civilians")
    if before is not None and before.measure in LOSS_PEOPLE:  # "one crew member died and 27 were missing"
        return civilian if before.subject_side == "civilians" else f
    if local and target_class is not None:
        return f if target_class == "military" else civilian
    if f.civilian_hint:
        return civilian
    if f.group == "generic" or victims is not None or target_class == "military":
        return f  # "others" follow the count before them (civilian_carry)
    if target_class == "civilian" or f.group == "people" or f.weak_civilian_hint:
        return civilian
    return f


def claim_for(index: SentenceIndex, claims: list[Claim], f: CountedNumber,
              lists: TallyLists) -> tuple[Claim | None, bool]:
    """The claim that puts the figure forward, and whether its content holds the number."""
    q = f.quantity
    usable = [c for c in claims if claim_cue(c) not in index.vocab.non_assertive_cues and c.stance != "denies"]
    inside = [c for c in usable if c.content.start <= q.start and q.end <= c.content.end]
    if inside:
        return min(inside, key=lambda c: c.content.end - c.content.start), True
    s_start, s_end = index.sent_chars(f.sent)
    near = [c for c in usable if c.content.start < s_end and c.content.end > s_start
            and not (c.content.start >= q.end and c.mode == "direct_quote")]
    if near:
        return min(near, key=lambda c: abs(c.content.start - q.start)), False
    for sent in lists.context_sentences(f.sent):  # a list item: the claim on its head or the line after
        a, b = index.sent_chars(sent)
        there = [c for c in usable if c.content.start < b and c.content.end > a]
        if there:
            return there[0], False
    return None, False


def carried_claimant(index: SentenceIndex, done: list[Figure], previous: list[CountedNumber],
                     f: CountedNumber, claims: list[Claim],
                     inside: bool = False) -> tuple[Claimant, str | None] | None:
    """The claimant of a tally this figure continues (previous loss figure or tally source); for a civilian
    toll, the claimant of a civilian count in the sentence before, in the same paragraph (a report goes on:
    "50 people died, the governor said. 98 people were hospitalised.")."""
    if cues.background(index, f.sent):
        return None  # "Background: ..." opens another story, not the report before it
    if f.np_side == "civilians" or f.measure.startswith("civilians_"):
        return _continued_civilian_report(index, done, previous, f)
    if not (f.kind == "equipment" or f.measure in LOSS_PEOPLE):
        return None
    para = index.paragraph_of(f.sent)
    for fig, prev in zip(reversed(done), reversed(previous), strict=True):
        if f.sent - prev.sent > 3 or para - index.paragraph_of(prev.sent) > 1:
            break
        if prev.sent == f.sent and not index.continues(f.sent):
            continue
        if fig.claimant.kind != "outlet" and fig.claimant.side != "unknown" and fig.subject_side != "civilians":
            return fig.claimant, fig.claim_id
    for s in range(f.sent, max(-1, f.sent - 3), -1):
        if para - index.paragraph_of(s) > 1:
            break
        source = index.tally_source(s)
        if source is not None:
            return source, None
        if s < f.sent and index.loss_context(s) and not inside:  # a claim holding the number wins
            a, b = index.sent_chars(s)
            for c in claims:
                if c.content.start < b and c.content.end > a and c.claimant.side not in ("unknown",) \
                        and c.claimant.kind != "outlet" and claim_cue(c) not in index.vocab.non_assertive_cues:
                    return c.claimant, c.id
    return None


def _continued_civilian_report(index: SentenceIndex, done: list[Figure], previous: list[CountedNumber],
                               f: CountedNumber) -> tuple[Claimant, str | None] | None:
    for fig, prev in zip(reversed(done), reversed(previous), strict=True):
        if f.sent - prev.sent > 1 or index.paragraph_of(f.sent) != index.paragraph_of(prev.sent):
            return None
        if prev.sent < f.sent and fig.subject_side == "civilians" and fig.claimant.kind != "outlet" \
                and fig.claimant.side != "unknown":
            return fig.claimant, fig.claim_id
    return None


def subject_side(index: SentenceIndex, done: list[Figure], f: CountedNumber, claimant: Claimant,
                 claim: Claim | None, lists: TallyLists, frame: StrikeFrame | None = None, local: bool = False,
                 victims: str | None = None) -> tuple[str, bool]:
    """Whose people or equipment the figure counts (the subject-side cascade above), and whether only the
    last two steps (the previous figure's side, the claimant's opposite) decided it."""
    side = _subject(index, done, f, claimant, claim, lists, frame, local, victims)
    if side is not None:
        return side, False
    return _subject_by_default(index, done, f, claimant), True


def _subject(index: SentenceIndex, done: list[Figure], f: CountedNumber, claimant: Claimant,
             claim: Claim | None, lists: TallyLists, frame: StrikeFrame | None, local: bool,
             victims: str | None) -> str | None:
    opposite = index.vocab.opposites
    if f.np_side is not None:
        return f.np_side
    if f.np_marker == "same" and done:  # "25 of them": the side of the things counted before
        return done[-1].subject_side
    if lists.of(f.sent) is not None:
        listed = lists.head_side(f.sent, claimant.side)
        if listed is not None:
            return listed
    if f.measure == "missing" and claimant.side in opposite:
        return claimant.side  # a side reports its own missing ("one serviceman went missing")
    if f.measure == "captured":
        home, to_side = cues.homecoming(index, f.sent, f.last + 1)
        if home and to_side is not None:
            return to_side  # "270 soldiers had returned to Russia"
        if home and claimant.side in opposite:
            return claimant.side  # a party reports its own people freed ("697 people have been brought home")
    if f.np_marker == "enemy":
        return opposite.get(claimant.side, "unknown")
    if f.np_marker == "present" and f.kind == "equipment":  # "Moscow moved 40 helicopters": the mover's
        verb = governing_verb(index, f.last)
        owner = side_of_subject(index, verb, claimant.side) if verb is not None else None
        return owner if owner is not None else "unknown"
    if f.np_marker == "present" and frame is not None and frame.target is not None:
        return frame.target  # the crew on board, the soldiers on the parade ground: the side that was hit
    if f.np_marker == "own":
        own = index.possessor_side(f.first, claimant.side)
        if own is not None and local and frame is not None and frame.attacker == own and \
                frame.target_basis == "attacker" and frame.target is not None:
            return frame.target  # "its servicemen were killed when Ukrainian rockets hit": not Ukraine's own
        if own is not None:
            return own
    if f.kind in ("other", "equipment"):  # "Russian troops launched 23 strikes", "Russia fired 81 missiles"
        verb = f.verb_before if f.verb_before is not None else governing_verb(index, f.last)
        if verb is not None and index.vocab.launch_verbs.match_at(index.words, verb) is not None:
            owner = side_of_subject(index, verb, claimant.side)
            if owner is not None and owner in opposite:
                return owner
    if f.kind == "other":  # strikes carried out: the attacker of this passage, else the side a party accuses
        if f.measure == "ceasefire_violations":
            accused = cues.accused_side(index, f.sent, f.first) or cues.by_side(index, f.sent, f.last + 1)
            if accused is not None:
                return accused
        if f.measure != "explosions":
            attacker = frame.attacker if frame is not None and local else None
            if attacker is not None:
                return attacker
            if claimant.side in opposite:
                return opposite[claimant.side]
            for fig in reversed(done):  # a list of attacks goes on: "19 shellings, 49 drone strikes ..."
                near = f.sent - index.sent_of_char(fig.evidence.start) <= 3
                if (near and fig.measure in EVENT_MEASURES or fig.measure == "ceasefire_violations") \
                        and fig.subject_side in opposite:
                    return fig.subject_side  # (or the side the article accuses of violating a truce)
        return "unknown"
    loser = index.loser_side(f.sent, f.first)
    if loser is not None:
        return loser
    if index.retaliation_before(f.sent, f.first):
        if claimant.side in opposite:
            return claimant.side
        first_side = index.first_side(f.sent)
        if first_side is not None:
            return first_side
    verb = f.verb_before
    if verb is None and f.measure == "troops":
        verb = governing_verb(index, f.last)
    elif verb is None and f.kind == "equipment":  # "air defence shot down 12 drones and six rockets"
        governing = governing_verb(index, f.last)
        if governing is not None and index.vocab.agent_verbs.match_at(index.words, governing) is not None \
                and is_object_of(index, f.last, governing):
            verb = governing
    if verb is None and f.kind == "people":  # "Russia would hit the mark of 1 million casualties"
        tok = index.doc[f.last]
        for _ in range(5):  # the number, its noun, "of", the milestone, the verb
            if tok.head is tok:
                break
            tok = tok.head
            if tok.pos_ in ("VERB", "AUX"):
                if _milestone_object(index, tok.i):
                    verb = tok.i
                break
    if verb is None and f.kind == "equipment":  # "five of which were intercepted by Russian forces"
        governing = governing_verb(index, f.last)
        if governing is not None and index.vocab.agent_verbs.match_at(index.words, governing) is not None and \
                any(c.dep_ == "auxpass" for c in index.doc[governing].children):
            by = cues.by_side(index, f.sent, governing + 1)
            if by is not None and by in opposite:
                return opposite[by]
    if verb is not None and not _attack_subject(index, verb):  # "a strike on X killed 34": the frame decides
        agent = side_of_subject(index, verb, claimant.side)
        if agent is not None and f.measure == "troops" and agent not in ("unknown", "independent"):
            return agent  # "Poland moved 2,000 troops": any state's troops
        if agent is not None and agent in opposite:
            if f.measure == "troops" or _milestone_object(index, verb):
                return agent  # "Russia has 150,000 troops", "Russia would hit the mark of 1 million casualties"
            return opposite[agent]
    if f.measure != "troops":
        if claimant.side in opposite and (
                (claim is not None and claim_cue(claim) in index.vocab.own_loss_cues)
                or (f.kind == "people" and cues.admits(index, f.sent))):
            return claimant.side  # "Moscow admitted ...", "the first admission of losses"
        if f.kind == "people" and done and index.sent_of_char(done[-1].evidence.start) == f.sent and \
                done[-1].measure in LOSS_PEOPLE and done[-1].subject_side in opposite:
            return done[-1].subject_side  # "killing 40 Ukrainian POWs and leaving 75 wounded"
        weapons = f.measure in WEAPONS
        framed = _frame_side(frame, weapons) if local else None
        if framed is None and victims is not None and f.kind == "people":
            framed = victims
        if framed is None and frame is not None and not local and f.kind == "people":
            framed = _frame_side(frame, weapons)
        if framed is not None:
            return framed
        target = index.target_side(f.sent, f.first, weapons=weapons)
        if target is not None:
            return target
    return None


def _subject_by_default(index: SentenceIndex, done: list[Figure], f: CountedNumber, claimant: Claimant) -> str:
    """The last steps of the cascade: the previous loss figure's side, the claimant's opposite, unknown."""
    opposite = index.vocab.opposites
    for fig in reversed(done):
        prev_sent = index.sent_of_char(fig.evidence.start)
        if f.sent - prev_sent > 2 or index.paragraph_of(f.sent) - index.paragraph_of(prev_sent) > 1:
            break
        same_class = prev_sent == f.sent or (fig.measure in index.vocab.equipment_measures) == (f.kind == "equipment")
        if fig.subject_side in opposite and fig.measure not in EVENT_MEASURES and same_class and \
                (fig.measure == "troops") == (f.measure == "troops"):
            return fig.subject_side
    if claimant.side in opposite and f.measure != "troops":
        return opposite[claimant.side]
    return "unknown"


MILESTONES = frozenset({"mark", "milestone", "threshold", "level", "barrier", "landmark"})


def _milestone_object(index: SentenceIndex, verb: int) -> bool:
    """The verb's object is a milestone ("hit the mark of", "passed the milestone of"): its subject is the loser."""
    return any(c.dep_ in ("dobj", "obj") and c.lemma_.lower() in MILESTONES for c in index.doc[verb].children)


def _attack_subject(index: SentenceIndex, verb: int) -> bool:
    """The verb's subject is an attack ("a missile attack on the headquarters killed 34 officers")."""
    subjects = [c for c in index.doc[verb].children if c.dep_ in ("nsubj", "nsubjpass")]
    return bool(subjects) and index.vocab.attack_nouns.match_at(index.words, subjects[0].i) is not None


def _frame_side(frame: StrikeFrame | None, weapons: bool) -> str | None:
    """Whose losses a strike caused (its target's side), or for counted weapons whose they are (the attacker's)."""
    if frame is None:
        return None
    return frame.attacker if weapons else frame.target


def civilian_carry(index: SentenceIndex, done: list[Figure], f: CountedNumber,
                   side: str) -> tuple[CountedNumber, str]:
    """"killed 23 civilians and wounded 73 others": an unsided count after a civilian one."""
    if f.np_side is not None or f.measure not in ("killed", "wounded") or not done:
        return f, side
    prev = done[-1]
    prev_sent = index.sent_of_char(prev.evidence.start)
    if prev.subject_side == "civilians" and prev_sent == f.sent:
        return replace(f, measure="civilians_" + f.measure), "civilians"
    # "At least 61 others were injured", "two of the dead were staff": the civilians counted just before
    loose = f.group == "generic" or f.np_marker == "subset"
    if loose and any(p.subject_side == "civilians" and f.sent - index.sent_of_char(p.evidence.start) <= 2
                     for p in done[-3:]):
        return replace(f, measure="civilians_" + f.measure), "civilians"
    if f.group == "generic" and index.civilian_context(f.sent):
        return replace(f, measure="civilians_" + f.measure), "civilians"
    return f, side


__all__ = ["CountedNumber", "article_victims", "carried_claimant", "civilian_carry", "claim_for", "read_victims",
           "subject_side"]

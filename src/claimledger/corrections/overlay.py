"""The corrections in force, applied to records as the ledger reads them.

``Overlay.load(store)`` reads the audit log and gives each entry its state: ``undone`` when a later
undo names it, ``orphaned`` when what it holds to is no longer stored (a figure or claim id gone,
a moved mention gone, or every mention of the event it moves to gone), else ``active``. Active
corrections apply in the order they were made, a later one winning field by field:

- ``figure(f)``: the figure with the values of its ``correct_figure`` and ``confirm_figure``
  corrections (a confirmation pins every value as the analyst saw it);
- ``debunks(claims)``: a ``debunk`` contradiction for each debunked claim of a linked event, citing
  the claim (so the event reads ``contested``, ``assess/status.py``);
- ``regroup(groups)`` (``links.py``): the linker's events with the split and merge corrections;
- ``version``: a digest of the active link corrections, appended to the stored links' version,
  so a new or undone split or merge relinks the ledger, and reads relink in memory until then.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace

from ..link import LinkedGroup
from ..records import Claim, Contradiction, Correction, CorrectionKind, Figure, FigureValues
from ..store import Store
from .links import regroup

FIGURE_KINDS = frozenset({CorrectionKind.CONFIRM_FIGURE, CorrectionKind.CORRECT_FIGURE})
LINK_KINDS = frozenset({CorrectionKind.SPLIT_MENTION, CorrectionKind.MERGE_EVENTS})
STATES = ("active", "undone", "orphaned")


@dataclass(frozen=True, slots=True)
class Overlay:
    """Every correction with its state (``entries``, audit order) and the stored ids they hold to."""

    entries: tuple[Correction, ...] = ()
    stored: frozenset[str] = frozenset()  # of the ids the corrections name, those stored
    _by_target: Mapping[str, tuple[Correction, ...]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: Store) -> Overlay:
        """The audit log of ``store`` with each entry's state (call inside the snapshot that reads with it)."""
        logged = store.corrections()
        if not logged:
            return cls()
        named = [i for c in logged for i in (c.target, *c.mentions, *c.with_mentions, *c.apart_from)]
        stored = frozenset(store.existing_records(named))
        entries = tuple(replace(c, state=_state(c, stored)) for c in logged)
        by_target: dict[str, list[Correction]] = {}
        for c in entries:
            if c.state == "active" and c.kind is not CorrectionKind.UNDO:
                by_target.setdefault(c.target, []).append(c)
        return cls(entries, stored, {k: tuple(v) for k, v in by_target.items()})

    # ------------------------------------------------------------ the log
    @property
    def active(self) -> list[Correction]:
        """The corrections in force (undos excluded), in the order they were made."""
        return [c for c in self.entries if c.state == "active" and c.kind is not CorrectionKind.UNDO]

    def of(self, record_id: str) -> tuple[Correction, ...]:
        """The active corrections whose target is ``record_id`` (a figure, a claim, a mention)."""
        return self._by_target.get(record_id, ())

    def of_mentions(self, mention_ids: Collection[str]) -> list[Correction]:
        """The active link corrections that shaped an event of these mentions: one moved here, or
        one split away from here."""
        wanted = set(mention_ids)
        return [c for c in self.active if c.kind in LINK_KINDS and wanted.intersection((*c.mentions, *c.apart_from))]

    # ------------------------------------------------------------ figures and claims
    def figure(self, figure: Figure) -> Figure:
        """``figure`` with its corrections' values."""
        for c in self._by_target.get(figure.id, ()):
            if c.kind in FIGURE_KINDS and c.values is not None:
                figure = with_values(figure, c.values)
        return figure

    def figures(self, figures: Iterable[Figure]) -> Iterator[Figure]:
        return (self.figure(f) for f in figures)

    @property
    def changes_figures(self) -> bool:
        """Some active correction changes a figure's measure, subject or claimant (listings filtered by
        them then filter the corrected figures)."""
        return any(c.values is not None and (c.values.measure or c.values.subject_side or c.values.claimant)
                   for c in self.active if c.kind in FIGURE_KINDS)

    def debunk(self, claim_id: str) -> Correction | None:
        """The latest active correction debunking ``claim_id``."""
        found = [c for c in self._by_target.get(claim_id, ()) if c.kind is CorrectionKind.DEBUNK_CLAIM]
        return found[-1] if found else None

    def debunks(self, claims: Iterable[Claim]) -> list[Contradiction]:
        """A ``debunk`` contradiction per debunked claim of a linked event (``claims`` carry the
        linked event's id as their ``event_id``)."""
        found = []
        for claim in claims:
            c = self.debunk(claim.id)
            if c is None or not claim.event_id:
                continue
            who = claim.claimant.name or claim.claimant.mention or claim.claimant.side
            key = "\n".join((claim.event_id, "debunk", claim.id, str(c.id)))
            found.append(Contradiction(
                id="ct:" + hashlib.sha1(key.encode()).hexdigest()[:16], event_id=claim.event_id, measure="",
                subject_side="", figure_ids=(), sides=(claim.claimant.side,),
                explanation=f"{who} ({claim.claimant.side}): {claim.content.text[:80]!r}, debunked by {c.by} "
                            f"(correction #{c.id}): {c.source}",
                kind="debunk", claim_ids=(claim.id,)))
        return found

    # ------------------------------------------------------------ links
    @property
    def version(self) -> str:
        """What the stored links' version carries for the link corrections in force ('' with none)."""
        links = [c for c in self.active if c.kind in LINK_KINDS]
        if not links:
            return ""
        digest = hashlib.sha1(",".join(str(c.id) for c in links).encode()).hexdigest()[:12]
        return f"+corrections/{digest}"

    def regroup(self, groups: Sequence[LinkedGroup], *, whole: bool) -> list[LinkedGroup] | None:
        """The linker's ``groups`` with the split and merge corrections (``links.regroup``); None when
        that would move a mention already stored in an event: the caller then relinks everything.
        ``whole``: ``groups`` hold every mention (a relink), so none is stored elsewhere and never None."""
        links = [c for c in self.active if c.kind in LINK_KINDS]
        if not links:
            return list(groups)
        return regroup(groups, links, frozenset() if whole else self.stored, whole=whole)


def with_values(figure: Figure, values: FigureValues) -> Figure:
    """``figure`` with every value ``values`` sets (see ``FigureValues``)."""
    if values.qualifier is not None:
        figure = replace(figure, low=values.low, best=values.best, high=values.high, qualifier=values.qualifier)
    return replace(figure, measure=values.measure or figure.measure,
                   subject_side=values.subject_side or figure.subject_side,
                   claimant=values.claimant or figure.claimant)


def _state(c: Correction, stored: Collection[str]) -> str:
    if c.undone_by is not None:
        return "undone"
    if c.kind is CorrectionKind.UNDO:
        return "active"
    if c.kind in LINK_KINDS:
        moved = any(m in stored for m in c.mentions)
        joined = not c.with_mentions or any(m in stored for m in c.with_mentions)
        return "active" if moved and joined else "orphaned"
    return "active" if c.target in stored else "orphaned"

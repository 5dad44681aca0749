"""The Ledger's methods for analysts' corrections: each checks one (``actions.py``), stores it in the
audit log and relinks what it changes. ``Ledger`` inherits them; reads apply the corrections through
``Ledger.overlay`` (``overlay.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from ..profiles import load_profile
from ..records import ArticleFilter, Correction, CorrectionKind
from ..settings import Settings
from ..store import Store
from . import actions
from .overlay import STATES, Overlay
from .vocabulary import Vocabulary, choice, iso_day

if TYPE_CHECKING:
    from ..linking import LinkReport, Links


class CorrectionMethods:
    """Confirm and correct figures, debunk claims, split and merge events, undo; the audit log."""

    store: Store
    settings: Settings

    # ------------------------------------------------------------ what the Ledger provides
    def snapshot(self) -> AbstractContextManager[None]:
        raise NotImplementedError

    def overlay(self) -> Overlay:
        raise NotImplementedError

    def _links(self, where: ArticleFilter | None = None, overlay: Overlay | None = None) -> Links:
        raise NotImplementedError

    def link(self, *, everything: bool = False) -> LinkReport:
        raise NotImplementedError

    # ------------------------------------------------------------ corrections
    def confirm_figure(self, figure_id: str, *, by: str, why: str) -> Correction:
        """Record that figure ``figure_id`` is right as the ledger gives it: its values are pinned,
        whatever a later extractor makes of its words."""
        with self.snapshot():
            correction = actions.confirm_figure(self.store, self.overlay(), figure_id, by=by, why=why)
        return self._keep(correction, (figure_id,))

    def correct_figure(self, figure_id: str, *, by: str, why: str, value: float | None = None,
                       low: float | None = None, best: float | None = None, high: float | None = None,
                       qualifier: str | None = None, measure: str | None = None, subject: str | None = None,
                       claimant: str | None = None, claimant_side: str | None = None,
                       claimant_kind: str | None = None) -> Correction:
        """Correct figure ``figure_id``: ``value`` (an exact count) or ``low``/``best``/``high``
        (and ``qualifier``), ``measure``, ``subject`` (side), ``claimant`` (a profile actor's name or
        alias, or any name with ``claimant_side``), ``claimant_side``, ``claimant_kind``; what is not
        given stays as extracted. Values outside the profile's vocabulary raise ``CorrectionError``."""
        vocabulary = Vocabulary.from_profile(load_profile(self.settings.profile))
        with self.snapshot():
            correction = actions.correct_figure(
                self.store, self.overlay(), vocabulary, figure_id, by=by, why=why, value=value, low=low, best=best,
                high=high, qualifier=qualifier, measure=measure, subject=subject, claimant=claimant,
                claimant_side=claimant_side, claimant_kind=claimant_kind)
        return self._keep(correction, (figure_id,))

    def debunk_claim(self, claim_id: str, source: str, *, by: str, why: str) -> Correction:
        """Mark claim ``claim_id`` debunked by ``source`` (a URL or a text): its event gets a ``debunk``
        contradiction citing it (and reads ``contested``)."""
        with self.snapshot():
            correction = actions.debunk_claim(self.store, claim_id, source, by=by, why=why)
        return self._keep(correction, (claim_id,))

    def split_mention(self, mention_id: str, *, by: str, why: str, into: str | None = None) -> Correction:
        """Move event mention ``mention_id`` out of its linked event: to an event of its own, or into
        event ``into`` (an id or a unique prefix). Relinking keeps it there."""
        with self.snapshot():
            correction = actions.split_mention(self._links().events, mention_id, into=into, by=by, why=why)
        return self._keep(correction)

    def merge_events(self, event_id: str, other_id: str, *, by: str, why: str) -> Correction:
        """Merge linked event ``other_id`` into ``event_id`` (ids or unique prefixes). Relinking keeps them one."""
        with self.snapshot():
            correction = actions.merge_events(self._links().events, event_id, other_id, by=by, why=why)
        return self._keep(correction)

    def undo(self, correction_id: int | str, *, by: str, why: str) -> Correction:
        """Undo correction ``correction_id`` (12 or "#12"); the undo is an entry of the audit log itself."""
        entry, dirty = actions.undo(self.overlay(), correction_id, by=by, why=why)
        return self._keep(entry, dirty)

    def _keep(self, correction: Correction, dirty: Sequence[str] = ()) -> Correction:
        """Store ``correction`` and relink what it changes (a split or merge relinks the ledger)."""
        stored = self.store.add_correction(correction, dirty)
        self.link()
        return next((c for c in self.overlay().entries if c.id == stored.id), stored)

    def corrections(self, *, target: str | None = None, kind: str | CorrectionKind | None = None,
                    by: str | None = None, state: str | None = None, since: str | None = None,
                    until: str | None = None) -> list[Correction]:
        """The audit log, oldest first: every correction and undo, each with its state (active, undone,
        orphaned). Filters: ``target`` (a record, mention or event id the entry names), ``kind``,
        ``by`` (the analyst, any case), ``state``, ``since``/``until`` (ISO dates, inclusive)."""
        if kind is not None:
            kind = CorrectionKind(choice(str(kind), [k.value for k in CorrectionKind], "correction kind"))
        if state is not None:
            choice(state, STATES, "correction state")
        for day in (since, until):
            iso_day(day)
        found = []
        for c in self.overlay().entries:
            named = {c.target, c.event_id, c.into, *c.mentions}
            if (target is None or target in named) and (kind is None or c.kind is kind) and (
                    by is None or c.by.casefold() == by.casefold()) and (state is None or c.state == state) and (
                    since is None or c.at[:10] >= since[:10]) and (until is None or c.at[:10] <= until[:10]):
                found.append(c)
        return found

    def orphaned_corrections(self) -> list[Correction]:
        """Corrections in force whose target is gone (after an extractor change); kept, not applied."""
        return self.corrections(state="orphaned")

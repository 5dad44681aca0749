"""Human corrections: an analyst's overrides on stable ids, kept in an audit log, applied on read.

An analyst can confirm a figure, correct it (its estimate, measure, subject side, claimant), debunk
a claim with a source, move an event mention out of its event (alone, or into another) and merge two
events; and undo any of these. Every correction names who made it, when and why.

    store     ``Store.add_correction`` appends to the ``corrections`` table (migration 0005);
              nothing in the extracted records or the stored links is overwritten
    actions   ``actions.py`` checks a correction against the ledger and the profile's vocabulary
              (``vocabulary.py``) and builds it; the ``Ledger`` stores it and relinks
    reads     ``overlay.py``: ``Overlay.load(store)`` gives each entry its state (active, undone,
              orphaned) and applies the active ones: figures read with the analyst's values
              (listings, event reports, tally checks, status, contradictions, the export), debunked
              claims cited by ``debunk`` contradictions
    links     ``links.py``: the post-step of linking (``linking.py``) that applies splits and
              merges to the linker's events; the link corrections in force are part of the stored
              links' version, so making or undoing one relinks the ledger

Corrections hold to content-derived ids (``identity.py``), which re-extraction keeps while the
words stand, so they survive ``extract --all`` and relinking. One whose target is gone after an
extractor change is kept and listed as orphaned; it holds again if the target comes back.
"""

from __future__ import annotations

from .overlay import Overlay

__all__ = ["Overlay"]

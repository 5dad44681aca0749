"""The ``Doc._`` attributes claimledger's components read and write.

Inputs, set by ``extract()`` before the pipeline runs:
    cl_article_id   str          the article's ledger id (for record ids)
    cl_published    str | None   ISO publication date or date-time (anchor for dates)
    cl_outlet       str | None   the outlet, for the outlet's own voice

Outputs, each written by one component (in pipeline order):
    cl_furniture       list[Span]            claimledger_lines (page furniture lines: bylines, captions,
                                     "Read more" links, stamps, prompts, related headlines; sorted;
                                     ``in_furniture(doc, start, end)`` asks whether words lie in one)
    cl_places          list[PlaceMention]    claimledger_places
    cl_times           list[TimeExpression]  claimledger_times
    cl_actor_mentions  list[actors.ActorMention]  claimledger_claims (span, claimant, actor_id,
                                     type: person|organisation|state|collective|media)
    cl_claims          list[Claim]           claimledger_claims
    cl_figures         list[Figure]          claimledger_figures
    cl_events          list[EventMention]    claimledger_events (may re-link claims/figures to events)
"""

from __future__ import annotations

from spacy.tokens import Doc

from .lines.furniture import in_spans

INPUTS = ("cl_article_id", "cl_published", "cl_outlet")
OUTPUTS = ("cl_furniture", "cl_places", "cl_times", "cl_actor_mentions", "cl_claims", "cl_figures", "cl_events")


def register() -> None:
    """Register the extensions (idempotent). Defaults are None: lists are created per doc."""
    for name in INPUTS + OUTPUTS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


def in_furniture(doc: Doc, start: int, end: int) -> bool:
    """Whether the characters ``start:end`` of ``doc`` overlap a page-furniture line (``doc._.cl_furniture``;
    none when the lines component did not run). A component skips what it would take from furniture."""
    return in_spans(doc._.cl_furniture or (), start, end)


register()

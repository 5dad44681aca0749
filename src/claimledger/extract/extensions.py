"""The ``Doc._`` attributes claimledger's components read and write.

Inputs, set by ``extract()`` before the pipeline runs:
    cl_article_id   str          the article's ledger id (for record ids)
    cl_published    str | None   ISO publication date or date-time (anchor for dates)
    cl_outlet       str | None   the outlet, for the outlet's own voice

Outputs, each written by one component (in pipeline order):
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

INPUTS = ("cl_article_id", "cl_published", "cl_outlet")
OUTPUTS = ("cl_places", "cl_times", "cl_actor_mentions", "cl_claims", "cl_figures", "cl_events")


def register() -> None:
    """Register the extensions (idempotent). Defaults are None: lists are created per doc."""
    for name in INPUTS + OUTPUTS:
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)


register()

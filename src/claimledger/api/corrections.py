"""The analysts' corrections over HTTP: confirm or correct a figure, debunk a claim, split a mention out
of its event or merge two events, undo any of these; and the audit log.

Each write takes the analyst's name from the request's token (``writes.analyst``), never from the
body, and answers 201 with the correction as the export shows it (``export.correction_record``).
The rules are the Ledger's (``corrections/``): an unknown id answers 404 ``not_found``; a value
outside the profile's vocabulary, or a correction that changes nothing, 422 with the library's
``CL50x`` code in ``details``. Reading the log needs no token.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel, Field

from ..errors import CorrectionError
from ..export import correction_record
from ..records import Correction
from .errors import WRITE_RESPONSES, ApiError, ErrorDetail
from .writes import Analyst, State

router = APIRouter(prefix="/api", responses=WRITE_RESPONSES, tags=["corrections"])
UNKNOWN_ID = "CL501"


class Reason(BaseModel):
    why: str = Field(description="Why: what the analyst checked, and against what")


class FigureChange(Reason):
    """What to set; what is left out stays as extracted. ``value`` is an exact count, else give
    ``low``/``best``/``high`` (and ``qualifier``)."""

    value: float | None = None
    low: float | None = None
    best: float | None = None
    high: float | None = None
    qualifier: str | None = None
    measure: str | None = None
    subject: str | None = Field(None, description="Whose dead, wounded, tanks: a side of the profile")
    claimant: str | None = None
    claimant_side: str | None = None
    claimant_kind: str | None = None


class Debunk(Reason):
    source: str = Field(description="Where the debunk is shown: a URL or a citation")


class Split(Reason):
    into: str | None = Field(None, description="The event to move the mention to; none: an event of its own")


class Merge(Reason):
    other: str = Field(description="The event to merge into this one")


def _made(make: Any) -> dict[str, Any]:
    """Run one Ledger correction call and answer its record; library errors become the API's."""
    try:
        correction: Correction = make()
    except CorrectionError as exc:
        if exc.code == UNKNOWN_ID:
            raise ApiError(404, "not_found", exc.message, [ErrorDetail(message=exc.message, code=exc.code)]) from exc
        raise
    return correction_record(correction)


FigureId = Annotated[str, Path(description="The figure's id")]


@router.post("/figures/{figure_id}/confirm", status_code=201, summary="Confirm a figure as extracted")
def confirm_figure(state: State, who: Analyst, figure_id: FigureId, body: Reason) -> dict[str, Any]:
    with state.ledgers.writer() as ledger:
        return _made(lambda: ledger.confirm_figure(figure_id, by=who, why=body.why))


@router.post("/figures/{figure_id}/correction", status_code=201, summary="Correct a figure")
def correct_figure(state: State, who: Analyst, figure_id: FigureId, body: FigureChange) -> dict[str, Any]:
    changes = body.model_dump(exclude={"why"}, exclude_none=True)
    with state.ledgers.writer() as ledger:
        return _made(lambda: ledger.correct_figure(figure_id, by=who, why=body.why, **changes))


@router.post("/claims/{claim_id}/debunk", status_code=201, summary="Mark a claim debunked, with a source")
def debunk_claim(state: State, who: Analyst, claim_id: Annotated[str, Path(description="The claim's id")],
                 body: Debunk) -> dict[str, Any]:
    with state.ledgers.writer() as ledger:
        return _made(lambda: ledger.debunk_claim(claim_id, body.source, by=who, why=body.why))


@router.post("/mentions/{mention_id}/split", status_code=201, summary="Move an event mention out of its event")
def split_mention(state: State, who: Analyst, mention_id: Annotated[str, Path(description="The mention's id")],
                  body: Split) -> dict[str, Any]:
    with state.ledgers.writer() as ledger:
        return _made(lambda: ledger.split_mention(mention_id, by=who, why=body.why, into=body.into))


@router.post("/events/{event_id}/merge", status_code=201, summary="Merge another event into this one")
def merge_events(state: State, who: Analyst, event_id: Annotated[str, Path(description="The event's id")],
                 body: Merge) -> dict[str, Any]:
    with state.ledgers.writer() as ledger:
        return _made(lambda: ledger.merge_events(event_id, body.other, by=who, why=body.why))


@router.post("/corrections/{correction_id}/undo", status_code=201, summary="Undo a correction")
def undo(state: State, who: Analyst, correction_id: Annotated[int, Path(description="The correction's number")],
         body: Reason) -> dict[str, Any]:
    with state.ledgers.writer() as ledger:
        return _made(lambda: ledger.undo(correction_id, by=who, why=body.why))


@router.get("/corrections", summary="The audit log of corrections")
def corrections(state: State, target: str | None = None, kind: str | None = None, by: str | None = None,
                correction_state: Annotated[str | None, Query(alias="state")] = None,
                since: str | None = None, until: str | None = None) -> list[dict[str, Any]]:
    """Every correction and undo, oldest first, with who, when and why (filters as the CLI's)."""
    ledger = state.ledgers.reader()
    try:
        found = ledger.corrections(target=target, kind=kind, by=by, state=correction_state, since=since, until=until)
    except CorrectionError as exc:
        raise ApiError(422, "invalid_request", exc.message, [ErrorDetail(message=exc.message, code=exc.code)]) from exc
    return [correction_record(c) for c in found]

"""The write endpoints: ingest by upload or by URL. Each needs a bearer token (``settings.py``).

``analyst`` is the dependency every write takes: it answers 401 without a valid token (``missing_token``,
``bad_token``) or on a read-only server (``read_only``), and otherwise gives the token's analyst's name,
which the write records (the run's command line names them; corrections will record it per change).

An ingest runs in the request, extraction and linking included (``extract=false`` leaves them to a
later ``claimledger extract``), and answers with what it did (201 when it stored a new article, 200
when everything was already there). When it stored nothing and skipped every input, it answers 422
with the skips in ``details``; the code is the reason they share (``private_address`` for a URL on
a loopback, private or link-local address, refused by ``ingest/network.py`` before any connection
unless ``CLAIMLEDGER_ALLOW_PRIVATE_ADDRESSES`` or ``CLAIMLEDGER_ALLOWED_NETWORKS`` allow it).
"""

from __future__ import annotations

import hmac
import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Response, UploadFile
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from ..ingest import Upload
from ..records import IngestReport, Skip
from .errors import WRITE_RESPONSES, ApiError, ErrorDetail
from .models import IngestOut, UrlIngest
from .state import AppState, app_state

router = APIRouter(prefix="/api", responses=WRITE_RESPONSES)
bearer = HTTPBearer(auto_error=False, description="A write token (CLAIMLEDGER_TOKEN or CLAIMLEDGER_TOKENS)")
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="claimledger"'}
UPLOAD_NAME_CHARS = 200
_UNSAFE = re.compile(r"[\x00-\x1f\x7f/\\]")

State = Annotated[AppState, Depends(app_state)]


def analyst(state: State, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]) -> str:
    """The name of the analyst whose token the request carries (module docstring)."""
    tokens = state.settings.tokens
    if not tokens:
        raise ApiError(401, "read_only", "This server is read-only: it was started with no write token "
                       "(set CLAIMLEDGER_TOKEN or CLAIMLEDGER_TOKENS and restart it)", headers=CHALLENGE)
    if credentials is None:
        raise ApiError(401, "missing_token", "Writes need a token: send 'Authorization: Bearer <token>'",
                       headers=CHALLENGE)
    given = credentials.credentials.encode()
    found = None
    for token, name in tokens.items():  # compare with every token, in constant time each
        if hmac.compare_digest(given, token.encode()):
            found = name
    if found is None:
        raise ApiError(401, "bad_token", "The token is not one this server knows", headers=CHALLENGE)
    return found


Analyst = Annotated[str, Depends(analyst)]


@router.post("/ingest", response_model=IngestOut, status_code=201, summary="Ingest uploaded files",
             responses={200: {"model": IngestOut, "description": "Nothing new: every article was already stored"}})
def ingest_upload(state: State, who: Analyst, response: Response,
                  files: Annotated[list[UploadFile], File(description="Text, HTML, JSONL, CSV or feed files; "
                                                          "the kind comes from the file name's extension")],
                  extract: Annotated[bool, Form(description="Extract and link the new articles now")] = True,
                  ) -> dict[str, Any]:
    """Store the uploaded files' articles (a JSONL or CSV file holds many), as ``claimledger ingest`` would."""
    limit = state.settings.ledger.max_bytes
    uploads = [Upload(_upload_name(f.filename, n), f.file.read(limit + 1), f.content_type)
               for n, f in enumerate(files, 1)]
    names = " ".join(u.name for u in uploads)
    with state.ledgers.writer() as ledger:
        report = ledger.ingest([], uploads=uploads, extract=extract, command=f"api ingest (by {who}): {names}")
    return _answer(report, who, response)


@router.post("/ingest/url", response_model=IngestOut, status_code=201, summary="Ingest what a URL serves",
             responses={200: {"model": IngestOut, "description": "Nothing new: the article was already stored"}})
def ingest_url(state: State, who: Analyst, response: Response, body: UrlIngest) -> dict[str, Any]:
    """Fetch a page, feed or text file and store its articles. URLs on loopback, private and link-local
    addresses are refused (``private_address``) unless the server's settings allow them."""
    if not body.url.lower().startswith(("http://", "https://")):
        raise ApiError(422, "invalid_request", f"Only http(s) URLs can be ingested, not {body.url[:80]!r}",
                       [ErrorDetail(loc=["body", "url"], message="must start with http:// or https://")])
    with state.ledgers.writer() as ledger:
        report = ledger.ingest([body.url], extract=body.extract, command=f"api ingest (by {who}): {body.url}")
    return _answer(report, who, response)


def _upload_name(filename: str | None, n: int) -> str:
    """A file name fit to be a ref: no directories, no control characters, not too long."""
    base = _UNSAFE.sub("_", (filename or "").replace("\\", "/").rsplit("/", 1)[-1]).strip(" .")
    return base[-UPLOAD_NAME_CHARS:] or f"upload-{n}.txt"


def _answer(report: IngestReport, who: str, response: Response) -> dict[str, Any]:
    if report.ingested == 0 and report.duplicates == 0 and report.skipped:
        reasons = {s.reason.value for s in report.skipped}
        code = reasons.pop() if len(reasons) == 1 else "nothing_ingested"
        first = report.skipped[0]
        raise ApiError(422, code, f"Nothing was ingested: {first.source}: {first.message}",
                       [ErrorDetail(loc=[s.source], message=s.message, code=s.reason.value) for s in report.skipped])
    if report.ingested == 0:
        response.status_code = 200
    return {"analyst": who, "ingested": report.ingested, "duplicates": report.duplicates, "copies": report.copies,
            "extracted": report.extracted, "article_ids": list(report.article_ids),
            "skipped": _skips(report.skipped), "extract_failed": _skips(report.extract_failed),
            "not_extracted": _skips(report.not_extracted), "warnings": _skips(report.warnings)}


def _skips(skips: tuple[Skip, ...]) -> list[dict[str, Any]]:
    return [{"source": s.source, "reason": s.reason.value, "message": s.message, "line": s.line} for s in skips]

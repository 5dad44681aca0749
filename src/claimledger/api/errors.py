"""One JSON shape for every error the API answers, and the request size limit.

Every error, whatever raised it (a route, validation, an unknown path, the size limit, a bug), is

    {"error": {"status": 404, "code": "not_found", "message": "No article 'abc'...", "details": []}}

``code`` is stable and machine-readable; ``message`` says what went wrong and what to do;
``details`` lists the fields a request got wrong (422) or the skipped inputs of a refused ingest.
A library error (``ClaimledgerError``) keeps its ``CLnnn`` code in ``details``. A 500 never shows
the exception: the server logs it.

``BodyLimit`` answers 413 to a body over the limit before the route reads it: at once when
``Content-Length`` says so, else as soon as the streamed bytes pass it.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ClaimledgerError, ConfigError, SourceError

log = logging.getLogger("claimledger.api")

HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
              405: "method_not_allowed", 409: "conflict", 413: "too_large", 415: "unsupported_media_type",
              422: "invalid_request", 500: "internal_error", 503: "unavailable"}


class ErrorDetail(BaseModel):
    """What one part of a request got wrong: where (``loc``, e.g. ``["query", "limit"]``) and why."""

    loc: list[str | int] = []
    message: str
    code: str | None = None


class ErrorBody(BaseModel):
    status: int
    code: str
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    """The body of every error response."""

    error: ErrorBody


# The error answers every route may give, for the OpenAPI document.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorResponse, "description": description}
    for status, description in ((404, "Not found"), (413, "Request body too large"),
                                (422, "Invalid request"), (500, "Internal error"))
}
WRITE_RESPONSES: dict[int | str, dict[str, Any]] = {
    **ERROR_RESPONSES, 401: {"model": ErrorResponse, "description": "No valid token, or a read-only server"},
}


class ApiError(Exception):
    """An error answer: raise it from a route."""

    def __init__(self, status: int, code: str, message: str, details: list[ErrorDetail] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.details = details or []
        self.headers = headers


def error_response(status: int, code: str, message: str, details: list[ErrorDetail] | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    body = ErrorResponse(error=ErrorBody(status=status, code=code, message=message, details=details or []))
    return JSONResponse(jsonable_encoder(body), status_code=status, headers=headers)


def install_error_handlers(app: FastAPI) -> None:
    """Make every error of ``app`` answer in the one shape (module docstring)."""

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.details, exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = HTTP_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
        if exc.status_code == 404 and message == "Not Found":
            message = f"No such path {request.url.path!r}; the API is listed at /docs"
        elif exc.status_code == 405:
            message = f"{request.method} is not allowed on {request.url.path}"
        return error_response(exc.status_code, code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        details = [ErrorDetail(loc=[str(p) if not isinstance(p, int) else p for p in e.get("loc", ())],
                               message=str(e.get("msg", "invalid")), code=str(e.get("type", "")) or None)
                   for e in exc.errors()]
        where = ", ".join(".".join(str(p) for p in d.loc) for d in details) or "the request"
        return error_response(422, "invalid_request", f"Invalid {where}: see details", details)

    @app.exception_handler(ClaimledgerError)
    async def library_error(request: Request, exc: ClaimledgerError) -> JSONResponse:
        status, code = (422, "invalid_request") if isinstance(exc, ConfigError | SourceError) else (503, "unavailable")
        if status == 503:
            log.error("ledger error on %s %s: %s", request.method, request.url.path, exc)
        return error_response(status, code, exc.message, [ErrorDetail(message=exc.message, code=exc.code)])

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "The server failed on this request; the error is in its log")


class BodyTooLarge(StarletteHTTPException):
    def __init__(self, limit: int) -> None:
        super().__init__(413, f"The request body is over the {limit}-byte limit")


class BodyLimit:
    """ASGI middleware: 413 for a request body over ``limit`` bytes (module docstring)."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_large = int(declared) > self.limit
            except ValueError:
                too_large = False  # the server refuses a malformed length itself
            if too_large:
                message = f"The request body ({int(declared)} bytes) is over the {self.limit}-byte limit"
                await error_response(413, "too_large", message, headers={"Connection": "close"})(scope, receive, send)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)  # the route's body reading answers it (FastAPI re-raises)
            return message

        await self.app(scope, counted, send)

"""The API's settings: the ledger's ``Settings``, who may write, and how large a request may be.

Writes need a bearer token. Tokens map to analysts' names, so that what a write changes can say
who changed it (corrections record it):

* ``CLAIMLEDGER_TOKEN``: one token, for the analyst named ``analyst``;
* ``CLAIMLEDGER_TOKENS``: a file with one ``name:token`` a line (``#`` comments and blank lines
  skipped), or the pairs themselves, comma-separated: ``ana:<token>,ben:<token>``.

Both may be given. A token is at least ``MIN_TOKEN_CHARS`` characters; names and tokens are unique.
With no token at all the server is read-only: writes are refused (401, ``read_only``) and
``/api/status`` says so.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..errors import ConfigError
from ..settings import Settings

DEFAULT_ANALYST = "analyst"
MIN_TOKEN_CHARS = 16
REQUEST_OVERHEAD_BYTES = 64 * 1024  # a multipart form's headers and boundaries around an upload


@dataclass(frozen=True, slots=True)
class ApiSettings:
    """Everything ``create_app`` needs. ``tokens`` maps each write token to its analyst's name;
    ``max_request_bytes`` caps a request body (None: the ledger's ``max_bytes`` plus a form's overhead)."""

    ledger: Settings = field(default_factory=Settings)
    tokens: Mapping[str, str] = field(default_factory=dict)
    max_request_bytes: int | None = None
    page_size: int = 50  # items per page when a request names no limit
    max_page_size: int = 500

    @property
    def read_only(self) -> bool:
        return not self.tokens

    @property
    def request_limit(self) -> int:
        if self.max_request_bytes is not None:
            return self.max_request_bytes
        return self.ledger.max_bytes + REQUEST_OVERHEAD_BYTES

    def with_(self, **changes: object) -> ApiSettings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, /, *, ledger: Settings | None = None,
                 **overrides: object) -> ApiSettings:
        """The ledger's settings (``Settings.from_env``), the tokens from ``CLAIMLEDGER_TOKEN`` and
        ``CLAIMLEDGER_TOKENS``, and ``CLAIMLEDGER_MAX_REQUEST_BYTES``; then ``overrides`` (None ignored)."""
        env = os.environ if env is None else env
        values: dict[str, object] = {"ledger": ledger or Settings.from_env(env)}
        values["tokens"] = tokens_from_env(env)
        if env.get("CLAIMLEDGER_MAX_REQUEST_BYTES"):
            try:
                values["max_request_bytes"] = int(env["CLAIMLEDGER_MAX_REQUEST_BYTES"])
            except ValueError as exc:
                raise ConfigError("CLAIMLEDGER_MAX_REQUEST_BYTES must be a whole number of bytes, "
                                  f"not {env['CLAIMLEDGER_MAX_REQUEST_BYTES']!r}") from exc
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]


def tokens_from_env(env: Mapping[str, str]) -> dict[str, str]:
    """token -> analyst name, from ``CLAIMLEDGER_TOKEN`` and ``CLAIMLEDGER_TOKENS`` (module docstring)."""
    pairs: list[tuple[str, str, str]] = []  # (name, token, where it was given)
    if env.get("CLAIMLEDGER_TOKEN", "").strip():
        pairs.append((DEFAULT_ANALYST, env["CLAIMLEDGER_TOKEN"].strip(), "CLAIMLEDGER_TOKEN"))
    listed = env.get("CLAIMLEDGER_TOKENS", "").strip()
    if listed:
        path = Path(listed).expanduser()
        if path.is_file():
            try:
                lines = path.read_text(encoding="utf-8").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(f"CLAIMLEDGER_TOKENS: cannot read {path}: {exc}") from exc
            entries = [(f"{path}:{n}", line.strip()) for n, line in enumerate(lines, 1)
                       if line.strip() and not line.lstrip().startswith("#")]
        elif ":" in listed:
            entries = [("CLAIMLEDGER_TOKENS", item.strip()) for item in listed.split(",") if item.strip()]
        else:
            raise ConfigError(f"CLAIMLEDGER_TOKENS is neither a file nor name:token pairs: {listed!r} "
                              "(give a file of name:token lines, or ana:TOKEN,ben:TOKEN)")
        for where, entry in entries:
            name, sep, token = entry.partition(":")
            if not sep or not name.strip() or not token.strip():
                raise ConfigError(f"{where}: expected name:token, not {entry[:40]!r}")
            pairs.append((name.strip(), token.strip(), where))
    return token_table(pairs)


def token_table(pairs: list[tuple[str, str, str]]) -> dict[str, str]:
    """token -> name from (name, token, where given) triples; raises ``ConfigError`` on a short or shared token."""
    table: dict[str, str] = {}
    names: set[str] = set()
    for name, token, where in pairs:
        if len(token) < MIN_TOKEN_CHARS:
            raise ConfigError(f"{where}: the token of {name!r} is {len(token)} characters; use at least "
                              f"{MIN_TOKEN_CHARS} (e.g. python -c 'import secrets; print(secrets.token_urlsafe())')")
        if token in table:
            raise ConfigError(f"{where}: {name!r} and {table[token]!r} share a token; give each analyst their own")
        if name in names:
            raise ConfigError(f"{where}: the analyst {name!r} has two tokens; give each one name")
        table[token] = name
        names.add(name)
    return table

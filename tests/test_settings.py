"""Settings: defaults, environment, explicit overrides; bad values are clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimledger import ConfigError, Settings


def test_environment_then_overrides() -> None:
    env = {"CLAIMLEDGER_DB": "/tmp/x.db", "CLAIMLEDGER_MAX_BYTES": "1000"}
    s = Settings.from_env(env)
    assert s.db == Path("/tmp/x.db") and s.max_bytes == 1000
    s = Settings.from_env(env, db=Path("y.db"), max_bytes=None)
    assert s.db == Path("y.db") and s.max_bytes == 1000
    assert Settings.from_env({}).db == Path("claimledger.db")


def test_bad_environment_value_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="CLAIMLEDGER_MAX_BYTES"):
        Settings.from_env({"CLAIMLEDGER_MAX_BYTES": "ten"})

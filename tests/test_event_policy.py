"""The event-type policy lives in the profile (event_types.yaml): loaded, validated, and read by
extraction and linking alike."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from claimledger.errors import ConfigError
from claimledger.profiles import BUNDLED, load_profile
from claimledger.profiles.policy import event_policy


def _copy(tmp_path: Path, **changes: object) -> Path:
    target = tmp_path / "profile"
    shutil.copytree(BUNDLED / "russia-ukraine", target)
    path = target / "event_types.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data.update(changes)
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return target


def test_the_bundled_policy() -> None:
    policy = event_policy(load_profile("russia-ukraine"))
    assert policy.link_family("casualty_report") == "strike" and policy.link_family("statement") == "statement"
    assert policy.merge_family("demand") == "statement"
    assert {"strike", "capture", "deployment"} == policy.place_bound
    assert "ceasefire_declared" in policy.date_only and "losses_tally" in policy.speech
    assert "tanks" in policy.equipment and "killed" not in policy.equipment


@pytest.mark.parametrize(("changes", "message"), [
    ({"place_bound": ["strike", "parade"]}, "place_bound names ['parade'], which are no event types"),
    ({"speech": "statement"}, "speech must be a list of names"),
    ({"link_families": {"strike": ["strike"], "other": ["strike"]}}, "'strike' is in two families"),
    ({"colours": ["red"]}, "unknown keys ['colours']"),
])
def test_a_bad_policy_is_a_clear_error(tmp_path: Path, changes: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=r"event_types\.yaml") as caught:
        event_policy(load_profile(str(_copy(tmp_path, **changes))))
    assert message in str(caught.value) and caught.value.code == "CL107"


def test_a_changed_policy_changes_the_link_version(tmp_path: Path) -> None:
    from claimledger import Ledger
    from claimledger.linking import linker_version

    with Ledger(tmp_path / "ledger.db") as ledger:
        assessment = ledger.assessment()
    bundled = event_policy(load_profile("russia-ukraine"))
    changed = event_policy(load_profile(str(_copy(tmp_path, place_bound=["strike", "capture"]))))
    assert linker_version(bundled, assessment) != linker_version(changed, assessment)
    assert linker_version(bundled, assessment) == linker_version(event_policy(load_profile("russia-ukraine")),
                                                                 assessment)

"""Docs are tested: every command, and every option of `ingest`, appears in the README."""

from __future__ import annotations

import re
from pathlib import Path

import typer.main

from claimledger.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_command_is_in_the_readme() -> None:
    group = typer.main.get_command(app)
    commands = sorted(group.commands)  # type: ignore[attr-defined]
    assert commands, "no commands found"
    for name in commands:
        assert re.search(rf"claimledger {name}\b", README), f"`claimledger {name}` is not documented in README.md"


def test_every_ingest_option_is_in_the_readme() -> None:
    group = typer.main.get_command(app)
    ingest = group.commands["ingest"]  # type: ignore[attr-defined]
    for param in ingest.params:
        for opt in param.opts:
            if opt.startswith("--"):
                assert opt in README, f"{opt} is not in README.md"


def test_readme_commands_match_ci() -> None:
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    test_command = ".venv/bin/python -m pytest"
    assert test_command in README and ci.rstrip().endswith(test_command)

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


def _fenced_commands(section: str) -> list[str]:
    """The command lines of the first ```sh block under the README heading `section`."""
    body = README.split(f"## {section}", 1)[1]
    block = body.split("```sh\n", 1)[1].split("```", 1)[0]
    return [line for line in block.splitlines() if line.strip()]


def test_ci_runs_the_readme_commands_verbatim() -> None:
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    ci_commands = [
        line for line in ci.splitlines() if line.strip() and not line.startswith(("#", "set ", "cd "))
    ]
    install = _fenced_commands("Install and run (one command)")
    test = _fenced_commands("Test (one command)")
    assert len(install) == 1 and len(test) == 1, "each README set-up section holds one command line"
    assert install[0].endswith("claimledger demo"), "the install line also runs the demo"
    # Nothing may run before or between them (a hidden `pip install --upgrade pip` once masked a broken install)
    # but the system packages the tests need, and those never touch Python's packages.
    assert ci_commands == [".ci/services", install[0], test[0]]
    services = (Path(__file__).resolve().parents[1] / ".ci" / "services").read_text(encoding="utf-8")
    assert "pip" not in services.replace("# ", "").split("set -euo pipefail", 1)[1] and "apt-get install" in services

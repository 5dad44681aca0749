"""The ``claimledger`` application: the top-level options and every command group.

Every module of ``cli/commands/`` that defines ``app`` (a ``typer.Typer``) is registered
here, in the order of its ``ORDER``: its commands join the top level, or, when its
``app`` has a name, form a group of that name (``claimledger tally ...``).
"""

from __future__ import annotations

import importlib
import pkgutil
from types import ModuleType
from typing import Annotated, Any

import typer
import typer.main

from .. import __version__
from . import commands
from .options import FLAG, examples
from .render import out

app = typer.Typer(
    name="claimledger",
    help="A ledger of who claims what in war reporting: ingest articles, extract claims, figures and events, "
    "link them across outlets, find contradictions.",
    epilog=examples(
    "claimledger demo",
    "claimledger ingest articles/ --db war.db",
    "claimledger events --db war.db --status contested",
    "claimledger COMMAND -h"),
    context_settings={"help_option_names": ["-h", "--help"]},
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",  # a docstring's paragraphs are reflowed; `code` is shown as code
)


def _show_version(value: bool) -> None:
    if value:
        out.print(f"claimledger {__version__}")
        raise typer.Exit(0)


@app.callback()
def main_callback(
    version: Annotated[bool, typer.Option("--version", metavar=FLAG, is_eager=True, callback=_show_version,
                                          help="Print the version and exit.")] = False,
) -> None:
    """A ledger of who claims what in war reporting."""


def command_modules() -> list[ModuleType]:
    """The modules of ``cli/commands/`` that define an ``app``, by their ``ORDER``."""
    found = [importlib.import_module(f"{commands.__name__}.{info.name}")
             for info in pkgutil.iter_modules(commands.__path__)]
    return sorted((m for m in found if isinstance(getattr(m, "app", None), typer.Typer)),
                  key=lambda m: (getattr(m, "ORDER", 100), m.__name__))


for _module in command_modules():
    if _module.app.info.name:
        app.add_typer(_module.app, rich_help_panel=getattr(_module, "PANEL", None))
    else:
        app.add_typer(_module.app)


def build() -> Any:
    """The click command tree (``typer.main.get_command``), with every help option's value
    column left empty: it takes no value, yet typer would show ``<bool>``."""
    group = typer.main.get_command(app)

    def walk(command: Any) -> None:
        option = command.get_help_option(typer.Context(command, help_option_names=["-h", "--help"]))
        if option is not None:
            option.metavar = FLAG
        for param in command.params:
            if param.param_type_name == "argument":  # its name says what it takes; typer adds a Python type
                param.display_type_rich = lambda ctx: None
        for sub in getattr(command, "commands", {}).values():
            walk(sub)

    walk(group)
    return group


def main() -> None:
    """Entry point of the ``claimledger`` command (and ``python -m claimledger``)."""
    build()(prog_name="claimledger")

"""Library errors to one clear line on stderr and an exit code; never a traceback.

Exit codes: 0 all went in; 1 some inputs were skipped or failed extraction (or, with
--strict, the run stopped at one), or there was nothing to read; 2 usage or
configuration errors (bad options or filter values, no model, a CSV with no text column,
no ledger or an unreadable one); 130 interrupted.
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, TypeVar

import typer
from rich.text import Text

from ..errors import ClaimledgerError, ConfigError, SourceError, StoreError
from ..output import for_terminal
from .render import err

F = TypeVar("F", bound=Callable[..., Any])


def handle_errors(fn: F) -> F:
    """Wrap a command: library errors become one line and an exit code (module docstring)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except (ConfigError, SourceError, StoreError) as exc:
            print_error(exc)
            raise typer.Exit(2) from None
        except ClaimledgerError as exc:
            print_error(exc)
            raise typer.Exit(1) from None
        except KeyboardInterrupt:
            err.print("interrupted: everything committed so far is kept; run the same command again to finish")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except typer.Exit:
            raise
        except Exception as exc:  # noqa: BLE001 - a bug: one clear line, data already committed stays
            if os.environ.get("CLAIMLEDGER_DEBUG"):
                raise
            err.print(for_terminal(f"internal error: {type(exc).__name__}: {exc}. Everything committed before "
                                   "it is kept. This is a bug: please report it with the input "
                                   "(CLAIMLEDGER_DEBUG=1 shows the traceback)."))
            raise typer.Exit(1) from None

    return wrapper  # type: ignore[return-value]


def print_error(exc: Exception) -> None:
    err.print(Text.assemble(("error:", "red"), " ", for_terminal(exc)))

"""The ``claimledger_lines`` component: line breaks end sentences (runs before the parser)."""

from .component import FACTORY, VERSION, mark_line_starts

__all__ = ["FACTORY", "VERSION", "mark_line_starts"]

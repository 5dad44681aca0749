"""Texts that once failed extraction, and how a failure is contained to its article."""

from __future__ import annotations

from claimledger.extract import extract

from .conftest import full_pipeline, make_article


def test_double_spaces_beside_names_extract() -> None:
    # a surname key of white space once made a KeyError in the actors' surname pass
    for text in ("Zed  Ukraine's  Ukraine's\n", "Zed  Ukraine's\n\nUkraine's  Zed  said  it.",
                 "Lt Gen Sergei O’Brien spoke. Later O'Brien said 5 soldiers were killed."):
        result = extract(make_article(text), full_pipeline())
        assert result.error is None, result.error

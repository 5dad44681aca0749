"""Extraction: Article -> claims, figures, dates, places and event mentions.

    nlp = load_nlp(settings)
    extraction = extract(article, nlp)

Each step is a spaCy component in its own module (see ``pipeline.py`` for
the order and what each reads and writes).
"""

from __future__ import annotations

from .pipeline import EXTRACTOR_VERSION, extract, extract_many, find_model, load_nlp

__all__ = ["EXTRACTOR_VERSION", "extract", "extract_many", "find_model", "load_nlp"]

"""Extraction: Article -> claims, figures, dates, places and event mentions.

    nlp = load_nlp(settings)
    extraction = extract(article, nlp)

Each step is a spaCy component in its own module (see ``pipeline.py`` for
the order and what each reads and writes).
"""

from __future__ import annotations

from .pipeline import extract, extract_many, extractor_version, find_model, load_nlp, version_of

__all__ = ["extract", "extract_many", "extractor_version", "find_model", "load_nlp", "version_of"]

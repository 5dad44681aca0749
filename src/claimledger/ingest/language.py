"""Language identification with py3langid.

The model is loaded once per process, lazily, by a cached loader (no module
globals). Only the first ``SAMPLE_CHARS`` characters are classified: enough to
tell a language reliably, and it keeps detection fast on long articles.
Texts with fewer than ``MIN_LETTERS`` letters, or where the model is unsure,
get ``None``.
"""

from __future__ import annotations

import functools
from typing import Any

__all__ = ["MIN_LETTERS", "SAMPLE_CHARS", "detect_language"]

SAMPLE_CHARS = 1000
MIN_LETTERS = 20
_MIN_CONFIDENCE = 0.5


@functools.lru_cache(maxsize=1)
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (``"en"``), or None when it cannot tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(1 for char in sample if char.isalpha()) < MIN_LETTERS:
        return None
    language, confidence = _identifier().classify(sample)
    if not isinstance(language, str) or float(confidence) < _MIN_CONFIDENCE:
        return None
    return language

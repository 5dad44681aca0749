"""The ``claimledger_places`` component: place entities fixed and geocoded -> ``doc._.cl_places``.

``component.py`` is the spaCy component; the gazetteer it reads is shared vocabulary
(``extract/vocabulary/gazetteer.py``).
"""

from .component import EXTRACTOR, FACTORY, VERSION

__all__ = ["EXTRACTOR", "FACTORY", "VERSION"]

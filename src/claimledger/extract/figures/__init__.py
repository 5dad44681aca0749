"""The ``claimledger_figures`` component: numbers someone claims -> ``doc._.cl_figures``.

    component.py    the spaCy component: what each number counts (the measure cascade)
    attribution.py  who claims it and whose losses it counts (claimant and subject-side cascades)
    lists.py        one-item-per-line tallies and back-references
    index.py        the per-Doc sentence index the cascades read
    vocabulary.py   the profile's measure vocabulary, compiled
    numbers.py      numbers in digits and words with their qualifiers -> low/best/high
"""

from .component import EXTRACTOR, FACTORY, VERSION, FigureExtractor, make_figures, with_event

__all__ = ["EXTRACTOR", "FACTORY", "VERSION", "FigureExtractor", "make_figures", "with_event"]

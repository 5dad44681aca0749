"""The ``claimledger_events`` component: typed event mentions, one per real event in an article.

    component.py  the spaCy component: triggers, typing, merging, event fields
    arguments.py  an event mention's date, place and actors in its sentence
    links.py      figures and claims attached to the article's events
"""

from .component import EXTRACTOR, FACTORY, VERSION, EventTagger

__all__ = ["EXTRACTOR", "FACTORY", "VERSION", "EventTagger"]

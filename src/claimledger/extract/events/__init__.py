"""The ``claimledger_events`` component: typed event mentions, one per real event in an article.

    component.py  the spaCy component: triggers, typing, event fields
    triggers.py   the profile's type rules and how a trigger matches
    arguments.py  an event mention's date, place and actors in its sentence
    merging.py    mentions grouped into one draft event per real event
    links.py      figures and claims attached to the article's events
"""

from .component import EXTRACTOR, FACTORY, VERSION, EventTagger

__all__ = ["EXTRACTOR", "FACTORY", "VERSION", "EventTagger"]

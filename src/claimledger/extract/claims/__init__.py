"""The ``claimledger_claims`` component: actors and attributed claims.

    component.py  the spaCy component (the claim cascade) -> ``doc._.cl_actor_mentions``, ``doc._.cl_claims``
    run.py        the working state of one doc: claim drafts, sentences, quotes; the reported clause
    claimants.py  who a cue's subject or an "according to" phrase stands for
    actors.py     who is named: profile actors, titles, anaphors, sides (the ``ActorIndex``)
    entities.py   actors of one article: new people and organisations, names before acronyms
    names.py      people's names the tagger missed, found from the title next to them
    mentions.py   the records (profile actors, mentions) and lookups over mentions
    spellings.py  one name written many ways: spellings, transliterations, acronyms
    context.py    layouts and context: label lines, headline speakers, sides from context
    cues.py       the profile's reporting cues
    quotes.py     where quotations open and close
    spans.py      content spans: trimming and cutting
    syntax.py     a reporting verb's speaker in the parse
"""

from .component import EXTRACTOR, FACTORY, VERSION, ClaimFinder

__all__ = ["EXTRACTOR", "FACTORY", "VERSION", "ClaimFinder"]

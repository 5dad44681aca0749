"""The ``claimledger_times`` component: dates and times normalised against the publication date.

    component.py  the spaCy component -> ``doc._.cl_times``
    dates.py      ``find_times(text, anchor)``: the scanner's entry point and normalisation
    scan.py       the date scanner (day, month, weekday, relative and holiday expressions)
    clock.py      clock times and their zones
    atoms.py      the matched pieces the scanners combine
    words.py      the date vocabulary (month and weekday names, number words, holidays)
    zones.py      time zones: abbreviations, place zones, offsets
"""

from .component import EXTRACTOR, FACTORY, VERSION, date_near

__all__ = ["EXTRACTOR", "FACTORY", "VERSION", "date_near"]

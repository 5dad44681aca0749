"""``write_report(ledger, path)``: the ledger as one self-contained HTML file that opens offline.

The report reuses the web app's templates with ``ReportLinks``: the event board links to a section
per event (claimants side by side, their revisions, the contradictions and the claims quoted), then
the timeline, the charts of the most reported figures and the map. The style sheet and the script
are inline, allowed by a Content-Security-Policy that names their hashes and nothing else, so the
file fetches nothing and runs no other script.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from .. import __version__
from ..ledger import Ledger
from . import charts, maps, views
from .render import ReportLinks, asset, inline_csp, render, side_classes

CHARTS = 3  # the report charts the most reported (measure, subject side) pairs


def write_report(ledger: Ledger, path: str | Path) -> Path:
    """Write the report to ``path`` (its directory is created); the file is replaced whole."""
    with ledger.snapshot():
        events = ledger.timeline()
        pages = [page for e in events if (page := views.event_page(ledger, e.id)) is not None]
        chains = ledger.ceasefires()
        stats = ledger.stats()
        figure_charts = [charts.figure_chart(ledger, m, s) for m, s, _ in charts.choices(ledger)[:CHARTS]]
    html = render("report.html", links=ReportLinks(), side_class=side_classes(ledger.parties()),
                  section="report", no_outlet="", css=asset("style.css"), js=asset("app.js"), csp=inline_csp(),
                  board=views.Board(events, len(events), sorted({e.type for e in events}), (), views.BoardFilter(),
                                    []),
                  pages=pages, days=views.timeline(events), chains=chains, charts=figure_charts,
                  event_map=maps.event_map(events), stats=stats, version=__version__,
                  made=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"))
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.write_text(html, encoding="utf-8")
    partial.replace(target)
    return target

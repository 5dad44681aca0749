"""``claimledger demo``: ingest the bundled sample corpus and show what the ledger holds.

The samples (``samples/``) are short articles written for this project that
restate publicly reported facts about two events of January 2023 (the strike
on Makiivka and the Orthodox Christmas ceasefire) from several sides, each
marked ``[SAMPLE]``. One is a trimmed wire copy of another, to show copy groups.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from rich.console import Console
from rich.table import Table

from .ledger import Ledger
from .output import for_terminal
from .settings import Settings


def samples_dir() -> Path:
    return Path(str(files("claimledger") / "samples"))


def run_demo(db: Path, out: Console, err: Console) -> None:
    """Ingest the samples into ``db`` (idempotent) and print a summary of the ledger."""
    with Ledger(settings=Settings.from_env(db=db)) as ledger:
        report = ledger.ingest([str(samples_dir())], command="demo")
        err.print(for_terminal(f"demo ledger {db}: ingested {report.ingested}, duplicates {report.duplicates}, "
                  f"copies {report.copies}, skipped {len(report.skipped)}"), highlight=False)
        articles = list(ledger.articles())
        groups: dict[str | None, int] = {}
        for art in articles:
            groups[art.copy_group] = groups.get(art.copy_group, 0) + 1

        table = Table(title="Articles")
        for col in ("ref", "outlet", "published", "copy group"):
            table.add_column(col)
        for art in articles:
            shared = groups.get(art.copy_group, 0) > 1
            table.add_row(*_shown(art.ref or art.id, art.outlet, art.published,
                                  (art.copy_group or "")[:8] + (" (copies)" if shared else "")))
        out.print(table)

        figures = Table(title="Figures: who claims which number")
        for col in ("outlet", "claimant", "side", "measure", "subject", "low", "best", "high", "words"):
            figures.add_column(col, overflow="fold")
        by_id = {a.id: a for a in articles}
        for f in ledger.figures():
            a = by_id.get(f.article_id)
            figures.add_row(*_shown(a.outlet if a else "", f.claimant.name or f.claimant.mention,
                                    f.claimant.side, f.measure, f.subject_side, _num(f.low), _num(f.best),
                                    _num(f.high), f.number.text))
        out.print(figures)

        claims = Table(title="Claims")
        for col in ("outlet", "claimant", "side", "cue", "mode", "evidence note"):
            claims.add_column(col, overflow="fold")
        for c in ledger.claims():
            a = by_id.get(c.article_id)
            claims.add_row(*_shown(a.outlet if a else "", c.claimant.name or c.claimant.mention,
                                   c.claimant.side, c.cue, c.mode, c.evidence_note))
        out.print(claims)

        events = Table(title="Events, linked across the outlets that report them")
        for col in ("type", "title", "date", "place", "reported by", "status"):
            events.add_column(col, overflow="fold")
        for e in ledger.linked_events():
            outlets = sorted({by_id[i].outlet or "?" for i in e.article_ids if i in by_id})
            events.add_row(*_shown(e.type, e.title, e.date_start, e.place.name if e.place else "",
                                   ", ".join(outlets), e.status))
        out.print(events)
        st = ledger.stats()
        out.print(for_terminal(f"{st.articles} articles from {len(st.outlets)} outlets, {st.copy_groups} copy group(s) "
                  f"of wire copies; {st.claims} claims, {st.figures} figures, {st.events} event mentions. "
                  f"Explore: claimledger articles --db {db}; claimledger show <ref> --db {db}"), highlight=False)


def _shown(*values: str | None) -> list[str]:
    """Table cells from data: shown as written, minus control characters (``output.py``)."""
    return [for_terminal(v) for v in values]


def _num(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() else str(value)

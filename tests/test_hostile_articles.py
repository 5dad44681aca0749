"""Generated hostile articles through the whole path: ingest -> extract -> export.

Articles mix sentences the extractor reads (claims, figures, names beside double spaces)
with Rich markup, terminal escapes (ESC, CSI, C1 controls, bidirectional overrides), text
that spreadsheets run as formulas (= + - @ tab CR, in texts, titles, outlets, refs, URLs),
odd white space (double spaces, NBSP, thin spaces, tabs, blank lines), non-ASCII text and
dates that are no dates; some are longer than the extraction chunk size (made small here,
so the pieces path runs without megabytes of text). Each batch goes into a real SQLite
ledger through the real pipeline, and the whole ledger is exported as JSON Lines and CSV.

Checked on every example: nothing raises and no extraction fails; every span in the export
and in the stored extraction slices its article's stored text exactly; no CSV cell starts a
formula. At the end the command's --csv listings and tables are checked on what accumulated.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import itertools
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimledger import Ledger, Settings
from claimledger.output import FORMULA_STARTS
from claimledger.records import Span

from .conftest import Run

CHUNK_CHARS = 1500  # the extraction chunk size for this test; long texts below run over it

SENTENCES = (
    "Ukraine's defence ministry said Russian forces lost 200 tanks near Bakhmut on Monday.",
    "The Russian Ministry of Defence claimed its troops killed 300 Ukrainian soldiers in a strike on "
    "Kramatorsk on 7 January 2023.",
    "Regional governor Oleh Synehubov said a missile hit a depot in Kharkiv, killing 3 civilians.",
    "Zed  Ukraine's  Ukraine's",
    "Lt Gen Sergei O’Brien spoke. Later O'Brien said 5 soldiers were wounded.",
    "\"We shot down 12 drones overnight,\" the air force said in a statement.",
    "According to the UN, at least 40 civilians were killed in Odesa between 1 and 3 March.",
)
HOSTILE = (
    "[/bold]", "[link=https://evil.example]click[/link]", "[bold red]loud", ":thumbs_up:",
    "\x1b]0;pwned\x07", "\x1b[2J\x1b[H", "\x9b31m", "\x85", "\u202eevil", "\x1b]8;;https://evil.example\x1b\\x",
    "=HYPERLINK(\"https://evil.example\",\"x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(1+1)", "\t=1+1",
    "\r=1+1", "＝1+1",
)
SPACES = (" ", "  ", "\u00a0", " \u00a0 ", "\u2009", "\t", "\n", "\n\n", "\r\n", "   \n  ")
NON_ASCII = ("Київ", "Харків обстріляли", "Москва заявила", "Zürich", "🇺🇦 🚀", "naïve café", "数字 12", "ﬁve")
PUBLISHED = (None, "2024-03-01", "2023-01-07T09:30:00+02:00", "1e308", "0000-00-00", "99999-01-01", "=1+1",
             "[/bold]")

piece = st.one_of(st.sampled_from(SENTENCES), st.sampled_from(HOSTILE), st.sampled_from(NON_ASCII),
                  st.text(max_size=24))
field = st.one_of(st.none(), st.sampled_from(HOSTILE), st.sampled_from(NON_ASCII), st.text(max_size=40))


@st.composite
def article_text(draw: st.DrawFn) -> str:
    parts = [draw(st.sampled_from(SENTENCES))]  # always something to extract
    for p in draw(st.lists(piece, max_size=10)):
        parts += [draw(st.sampled_from(SPACES)), p]
    draw(st.randoms(use_true_random=False)).shuffle(parts)
    text = draw(st.sampled_from(("", *HOSTILE[10:]))) + "".join(parts)  # may start with a formula
    if draw(st.integers(0, 3)) == 0:  # a long text, over the chunk size, cut between paragraphs or anywhere
        joint = draw(st.sampled_from(("\n\n", "\n", " ", "  ", "")))
        copies = 2 * CHUNK_CHARS // max(len(text), 1) + draw(st.integers(2, 4))
        text = joint.join(text + f" Report {n}." for n in range(copies))
    return text


@st.composite
def article_row(draw: st.DrawFn) -> dict[str, Any]:
    return {"title": draw(field), "outlet": draw(field), "published": draw(st.sampled_from(PUBLISHED)),
            "url": draw(st.sampled_from((None, "https://example.org/a", "@SUM(1+1)", "=HYPERLINK(1)"))),
            "language": draw(st.sampled_from((None, "en"))), "text": draw(article_text())}


def spans_in(value: Any) -> list[Span]:
    """Every Span inside a record (nested records, tuples of them)."""
    if isinstance(value, Span):
        return [value]
    if isinstance(value, tuple):
        return [s for item in value for s in spans_in(item)]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [s for f in dataclasses.fields(value) for s in spans_in(getattr(value, f.name))]
    return []


def assert_no_formula(rows: list[list[str]], where: str) -> None:
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_STARTS), (where, cell)


def test_generated_hostile_articles_go_through_ingest_extract_and_export(cli: Run, tmp_path: Path) -> None:
    db = tmp_path / "ledger.db"
    counter = itertools.count()
    extracted: set[str] = set()
    late_spans = 0  # spans from a later piece of a long text
    with Ledger(db, settings=Settings(cache_dir=None, extract_chunk_chars=CHUNK_CHARS)) as ledger:

        @settings(max_examples=12, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
        @given(rows=st.lists(article_row(), min_size=1, max_size=3))
        def ingest_extract_export(rows: list[dict[str, Any]]) -> None:
            nonlocal late_spans
            n = next(counter)
            source = tmp_path / f"batch-{n}.jsonl"
            for i, row in enumerate(rows):
                row["id"] = f"{HOSTILE[(n + i) % len(HOSTILE)]}-{n}-{i}"  # refs are hostile too
            source.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

            report = ledger.ingest([str(source)])
            assert not report.extract_failed, report.extract_failed
            assert report.ingested + report.duplicates == len(rows) - len(report.skipped)
            extracted.update(report.article_ids)

            out = tmp_path / "export.jsonl"
            ledger.export(out)
            records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
            texts = {r["id"]: r["text"] for r in records if r["record"] == "article"}
            for r in records:
                for key in ("content", "evidence", "number", "trigger"):
                    if r["record"] in ("claim", "figure") and isinstance(r.get(key), dict):
                        span = r[key]
                        assert texts[r["article_id"]][span["start"]:span["end"]] == span["text"], (r["id"], key)
            for article_id in report.article_ids:
                article, extraction = ledger.article(article_id), ledger.extraction(article_id)
                assert article is not None and extraction is not None and extraction.error is None
                for span in spans_in(extraction):
                    assert article.text[span.start:span.end] == span.text, (article_id, span)
                    late_spans += span.start > CHUNK_CHARS

            tables = tmp_path / "tables"
            ledger.export(tables, format="csv")
            for path in tables.glob("*.csv"):
                with path.open(encoding="utf-8", newline="") as fh:
                    assert_no_formula(list(csv.reader(fh)), path.name)

        ingest_extract_export()
        assert ledger.stats().claims > 0 and ledger.stats().figures > 0
    assert extracted and late_spans

    for listing in (["articles"], ["claims"], ["figures"], ["events"], ["events", "--mentions"], ["skips"],
                    ["contradictions"]):
        written = cli(*listing, "--csv", db=db)
        assert written.returncode == 0, (listing, written.stderr)
        assert_no_formula(list(csv.reader(io.StringIO(written.stdout))), " ".join(listing))
        shown = cli(*listing, db=db)
        assert shown.returncode == 0, (listing, shown.stderr)
        for char in ("\x1b", "\x9b", "\x07", "\x85", "\u202e"):
            assert char not in shown.stdout + shown.stderr, (listing, char)

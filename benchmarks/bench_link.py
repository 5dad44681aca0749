"""Speed of incremental event linking over a large ledger of already-extracted articles.

    python benchmarks/bench_link.py [--articles 10000] [--new 100] [--db URL] [--json]

Builds a ledger of ``--articles`` generated reports (written by this script from
varied templates: strikes on many towns, statements, demands, daily loss tallies,
captures and ceasefires over two years; some mentions undated or placeless, some
dates a day off, several outlets per real event) stored already extracted (records
made directly, no spaCy), then times:

1. linking every mention of the ledger (the first ``Ledger.link()``: target < 60 s);
2. after ``--new`` more reports are stored, linking only their mentions into that
   ledger (target < 5 s), which loads only the events within their blocks.

Extraction, storing and start-up are not timed. The ledger is a SQLite file in a
temporary folder, or the empty PostgreSQL database ``--db`` names. Prints the
figures (and the events and mentions involved); nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from claimledger import Ledger, Settings
from claimledger.identity import assign_ids
from claimledger.ingest import article_id, content_hash
from claimledger.records import (
    Article,
    Claim,
    Claimant,
    EventActor,
    EventMention,
    Extraction,
    Figure,
    Place,
    Span,
)
from claimledger.store import NewArticle

START = date(2023, 1, 1)
DAYS = 730
OUTLETS = [f"{a} {b}" for a in ("North", "South", "East", "West", "Central", "Coastal", "Evening", "Morning")
           for b in ("Wire", "Daily", "Post", "Herald", "Monitor")]
SIDES = ("russia", "ukraine")
SPEAKERS = {"russia": [("Defence Ministry of Russia", "the ministry"), ("Kremlin spokesperson", "the Kremlin")],
            "ukraine": [("General Staff of Ukraine", "the General Staff"), ("President of Ukraine", "the president")]}
STRIKE_TEMPLATES = (
    "{speaker} said a {weapon} strike hit {what} in {town} on {day}, killing {n} people.",
    "At least {n} people died when {weapon}s struck {what} in {town} on {day}, {speaker} said.",
    "{speaker} reported {n} dead after an attack on {what} in {town} overnight on {day}.",
    "Officials in {town} said {n} were killed as {what} was hit on {day}; {speaker} confirmed the toll.",
)
SPEECH_TEMPLATES = (
    "{speaker} said on {day} that talks could resume only on its terms.",
    "{speaker} demanded on {day} that the other side withdraw its forces.",
    "In a statement on {day}, {speaker} rejected the proposal outright.",
)
TALLY_TEMPLATES = ("{speaker} said on {day} that the enemy had lost {n} soldiers since the war began.",)
WEAPONS = ("missile", "drone", "rocket", "artillery", "glide bomb")
TARGETS = ("a railway depot", "an apartment block", "a power station", "a grain store", "a market", "a school")


def make_places(rng: random.Random, count: int) -> list[Place]:
    """Invented towns on a grid over the region, with a few regions and areas among them."""
    places = []
    for i in range(count):
        lat, lon = 45.0 + rng.random() * 7.0, 23.0 + rng.random() * 16.0
        kind = "city" if i % 12 else "admin1"
        places.append(Place(f"Town {i:03d}" if kind == "city" else f"Region {i:03d}", kind, "UA",
                            f"Region {i // 12 * 12:03d}", round(lat, 4), round(lon, 4), 900000 + i))
    return places


@dataclass(frozen=True, slots=True)
class RealEvent:
    type: str
    day: date
    place: Place | None
    side: str  # the initiator's side, or the announcer's
    speaker: tuple[str, str]
    toll: int


def make_events(rng: random.Random, count: int, places: list[Place]) -> list[RealEvent]:
    events = []
    for _ in range(count):
        roll = rng.random()
        type_ = ("strike" if roll < 0.55 else "statement" if roll < 0.7 else "demand" if roll < 0.78
                 else "losses_tally" if roll < 0.88 else "capture" if roll < 0.95 else "ceasefire_declared")
        side = rng.choice(SIDES)
        place = rng.choice(places) if type_ in ("strike", "capture") else None
        events.append(RealEvent(type_, START + timedelta(days=rng.randrange(DAYS)), place, side,
                                rng.choice(SPEAKERS[side]), rng.randrange(2, 400)))
    return events


def report(rng: random.Random, serial: int, event: RealEvent, extra: RealEvent | None) -> tuple[Article, Extraction]:
    """One outlet's article on ``event`` (and perhaps a second event), with its records."""
    sentences: list[tuple[str, RealEvent, bool]] = []
    for real in (event, extra):
        if real is None:
            continue
        undated = rng.random() < 0.1
        day = real.day + timedelta(days=rng.choice((0, 0, 0, 0, 1, -1)))
        said = "yesterday" if undated else f"{day.day} {day:%B %Y}"
        town = real.place.name if real.place else "the capital"
        templates = (STRIKE_TEMPLATES if real.type in ("strike", "capture") else
                     TALLY_TEMPLATES if real.type == "losses_tally" else SPEECH_TEMPLATES)
        sentence = rng.choice(templates).format(
            speaker=real.speaker[1].capitalize(), weapon=rng.choice(WEAPONS), what=rng.choice(TARGETS), town=town,
            day=said, n=real.toll + rng.choice((0, 0, 0, 5, -1)))
        sentences.append((sentence, real, undated))
    text = f"Report {serial}. " + " ".join(s for s, _, _ in sentences)
    digest = content_hash(text)
    published = (event.day + timedelta(days=rng.choice((0, 1, 1, 2)))).isoformat()
    article = Article(id=article_id(digest), ref=f"bench-{serial:06d}", url=None, outlet=rng.choice(OUTLETS),
                      title=None, published=published, language="en", text=text, content_hash=digest,
                      ingested_at="2026-01-01T00:00:00+00:00", copy_group=article_id(digest))
    claims, figures, mentions = [], [], []
    cursor = len(f"Report {serial}. ")
    for n, (sentence, real, undated) in enumerate(sentences, 1):
        span = Span(cursor, cursor + len(sentence), sentence)
        word = sentence.split()[0]
        claimant = Claimant(real.speaker[0], real.speaker[1], real.side, "official")
        claim = Claim(f"{article.id}:c{n}", article.id, claimant, "said", "indirect", "asserts", False, None, span,
                      event_id=f"{article.id}:e{n}")
        figure = Figure(f"{article.id}:f{n}", article.id, "killed", "civilians", real.toll, real.toll, real.toll,
                        "exact", claimant, span, Span(cursor, cursor + len(word), word), claim_id=claim.id,
                        event_id=f"{article.id}:e{n}")
        role = "announcer" if real.type not in ("strike", "capture") else "initiator"
        day = None if undated else (real.day + timedelta(days=rng.choice((0, 0, 0, 1)))).isoformat()
        place = real.place if real.place is None or rng.random() > 0.05 else None
        mentions.append(EventMention(f"{article.id}:e{n}", article.id, real.type, f"{real.type} {n}",
                                     Span(cursor, cursor + len(word), word), date_start=day, place=place,
                                     actors=(EventActor(real.speaker[0], real.side, role),),
                                     figure_ids=(figure.id,), claim_ids=(claim.id,)))
        claims.append(claim)
        figures.append(figure)
        cursor += len(sentence) + 1
    extraction = Extraction(article.id, "bench/1", claims=tuple(claims), figures=tuple(figures),
                            events=tuple(mentions))
    return article, assign_ids(extraction)


def store_reports(ledger: Ledger, rng: random.Random, events: list[RealEvent], count: int, first: int) -> int:
    """Store ``count`` generated reports, already extracted; returns their event mentions."""
    mentions = 0
    for start in range(first, first + count, 500):
        batch = [report(rng, serial, rng.choice(events), rng.choice(events) if rng.random() < 0.3 else None)
                 for serial in range(start, min(start + 500, first + count))]
        ledger.store.add_articles([NewArticle(a) for a, _ in batch])
        ledger.store.save_extractions([x for _, x in batch])
        mentions += sum(len(x.events) for _, x in batch)
    return mentions


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--articles", type=int, default=10000)
    ap.add_argument("--new", type=int, default=100)
    ap.add_argument("--db", help="an empty PostgreSQL database (postgresql://...) instead of a SQLite file")
    ap.add_argument("--json", action="store_true", help="print one JSON line instead of the report")
    args = ap.parse_args(argv)
    rng = random.Random(29)
    places = make_places(rng, 240)
    events = make_events(rng, max(10, args.articles // 3), places)
    settings = Settings(cache_dir=None)
    with tempfile.TemporaryDirectory() as tmp, Ledger(args.db or Path(tmp) / "bench.db", settings=settings) as ledger:
        stored = store_reports(ledger, rng, events, args.articles, 0)
        started = time.perf_counter()
        whole = ledger.link()
        whole_s = time.perf_counter() - started
        total_events = ledger.store.stats().events
        added = store_reports(ledger, rng, events, args.new, args.articles)
        started = time.perf_counter()
        step = ledger.link()
        step_s = time.perf_counter() - started
        linked = len(ledger.linked_events())
    result = {
        "articles": args.articles, "mentions": stored, "events": whole.created, "link_all_s": round(whole_s, 3),
        "new_articles": args.new, "new_mentions": added, "link_new_s": round(step_s, 3),
        "events_touched": step.touched, "events_created": step.created, "events_after": linked,
        "mention_rows": total_events,
    }
    if args.json:
        print(json.dumps(result))
        return
    print(f"link all: {args.articles} articles, {stored} mentions -> {whole.created} events in {whole_s:.2f} s"
          " (target < 60 s)")
    print(f"link new: {args.new} articles, {added} mentions -> {step.touched} events touched"
          f" ({step.created} new) in {step_s:.3f} s (target < 5 s)")
    print(f"events after: {linked}")


if __name__ == "__main__":
    main()

"""The linker on ECB+ (cross-document event coreference gold): pairwise link precision and recall.

ECB+ topics 12 (an Indian Navy frigate and Somali pirates: 2008 reports, and 2011 reports of another
interception) and 41 (an air strike on a UN school in Gaza in 2009, and one on a refugee camp in
South Sudan in 2011) come from ``../shared/data/ecbplus-conflict-topics`` as token XML. Each of the
four sub-topics is one cluster of articles reporting the same event: its gold (every pair of its
documents shares an annotated event instance). The XML has no dates or outlets, so an article gets
what its own text says: a date line near the top ("November 12, 2011") as its publication date and
a URL line as its address. The texts are ingested as plain articles and linked by the ledger; a
predicted link is a pair of articles in one linked event. The scores are printed and pinned.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from claimledger import Ledger

from .conftest import shared_path

FLOORS = {"precision": 0.82, "recall": 0.41}
DATE_LINE = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|"
                       r"December) (\d{1,2}), (\d{4})\b")


def detokenise(words: list[str]) -> str:
    text = " ".join(words)
    text = re.sub(r" ([.,;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[$]) ", r"\1", text)
    return re.sub(r" ('s|'re|'ve|'ll|'d|n't|')\b", r"\1", text)


def article_of(path: Path) -> dict[str, str | None]:
    """One ECB+ document as an article record: its text, and a date and URL only where the text has them."""
    sentences: dict[int, list[str]] = {}
    for token in ET.parse(path).getroot().iter("token"):
        sentences.setdefault(int(token.get("sentence") or 0), []).append(token.text or "")
    lines = [detokenise(sentences[k]) for k in sorted(sentences)]
    url = lines.pop(0).replace(" ", "") if lines and lines[0].startswith("http") else None
    published = None
    for line in lines[:4]:
        m = DATE_LINE.search(line)
        if m:
            published = dt.datetime.strptime(" ".join(m.groups()), "%B %d %Y").date().isoformat()
            break
    return {"id": path.stem, "url": url, "published": published, "language": "en", "text": "\n".join(lines)}


def cluster(ref: str) -> tuple[str, bool]:
    """The sub-topic of a document: its topic, and whether it is one of the later (ECB+) reports."""
    return ref.split("_")[0], ref.endswith("plus")


def test_linker_pairwise_precision_and_recall_on_ecbplus(tmp_path: Path) -> None:
    data = shared_path("data", "ecbplus-conflict-topics")
    corpus = tmp_path / "ecbplus.jsonl"
    with corpus.open("w", encoding="utf-8") as out:
        for path in sorted(data.glob("*/*.xml")):
            out.write(json.dumps(article_of(path)) + "\n")
    with Ledger(tmp_path / "ledger.db") as ledger:
        report = ledger.ingest([corpus])
        assert report.skipped == () or not report.skipped
        refs = sorted(a.ref or a.id for a in ledger.articles())
        predicted = {pair for event in ledger.linked_events()
                     for pair in itertools.combinations(sorted(set(event.article_refs)), 2)}
    assert len(refs) == 50
    gold = {(a, b) for a, b in itertools.combinations(refs, 2) if cluster(a) == cluster(b)}
    right = len(predicted & gold)
    scores = {"precision": right / len(predicted) if predicted else 0.0, "recall": right / len(gold)}
    print(f"ECB+ pairwise links: {len(predicted)} predicted, {len(gold)} gold, "
          f"precision {scores['precision']:.3f}, recall {scores['recall']:.3f}")
    for metric, floor in FLOORS.items():
        assert scores[metric] >= floor, f"ECB+ link {metric} {scores[metric]:.3f} fell below its floor {floor}"

"""Texts for the extraction benchmarks: real reporting from ../shared, else the bundled samples.

The dev-real corpus (``../shared/corpus/dev-real/articles.jsonl``, third-party
excerpts kept beside the repository, never copied into it) gives the English
texts; when it is absent the bundled samples stand in, and ``source`` says so.
The texts are repeated in order to the number of articles asked for, each
repetition a distinct article record.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from claimledger.demo import samples_dir
from claimledger.records import Article

REPO = Path(__file__).resolve().parents[1]
DEV_REAL = REPO.parent / "shared" / "corpus" / "dev-real" / "articles.jsonl"


@dataclass(frozen=True)
class Corpus:
    articles: list[Article]
    distinct: int  # texts before repetition
    source: str  # where the texts came from, for the report
    fallback: bool  # True when the bundled samples stood in for the real texts

    @property
    def words_per_article(self) -> float:
        return sum(len(a.text.split()) for a in self.articles) / max(1, len(self.articles))


def _dev_real(path: Path) -> list[tuple[str, str | None]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["text"], r.get("published")) for r in rows if r.get("language") == "en" and r.get("text")]


def _samples() -> list[tuple[str, str | None]]:
    folder = samples_dir()
    manifest = [json.loads(line) for line in (folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines()
                if line.strip()]
    return [((folder / m["ref"]).read_text(encoding="utf-8"), m.get("published")) for m in manifest
            if m.get("language", "en") == "en"]


def load_corpus(n: int, path: Path = DEV_REAL) -> Corpus:
    """``n`` English articles: the texts of ``path`` (a dev-real style JSONL) repeated, else the samples'."""
    if path.is_file():
        texts = _dev_real(path)
        source, fallback = f"{len(texts)} English texts from {path}", False
    else:
        texts = _samples()
        source = f"{len(texts)} bundled sample texts ({path} not found: the real texts are not measured)"
        fallback = True
    if not texts:
        raise SystemExit(f"no English texts in {path}")
    articles = []
    for i in range(n):
        text, published = texts[i % len(texts)]
        articles.append(Article(id=f"bench{i:05d}", ref=None, url=None, outlet="Bench", title=None,
                                published=published, language="en", text=text, content_hash=f"{i}",
                                ingested_at="2026-01-01T00:00:00+00:00"))
    return Corpus(articles, len(texts), source, fallback)

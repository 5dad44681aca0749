"""Synthetic corpora for tests and benchmarks: distinct, article-sized, made up.

Texts are random sequences of a made-up news vocabulary (no real reporting),
so every article is distinct and no two land in one copy group.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

VOCABULARY = (
    "officials said the regional forces shelling overnight village bridge depot convoy drones "
    "ministry statement reported killed wounded soldiers civilians attack city front line troops "
    "artillery missile strike rebuilt market school hospital power station governor spokesman told "
    "reporters claimed denied according to sources added later morning evening week river port "
    "railway supplies fuel repair crews residents shelter sirens alert damaged destroyed units"
).split()


def article_text(rng: random.Random, words: int = 600) -> str:
    sentences = []
    n = 0
    while n < words:
        length = rng.randint(12, 28)
        sentence = " ".join(rng.choice(VOCABULARY) for _ in range(length))
        sentences.append(sentence.capitalize() + ".")
        n += length
    paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
    return "\n".join(paragraphs)


def write_jsonl(path: Path, count: int, *, words: int = 600, seed: int = 7) -> Path:
    rng = random.Random(seed)
    outlets = ["Alpha Wire", "Beta Daily", "Gamma News", "Delta Post"]
    with path.open("w", encoding="utf-8") as fh:
        for i in range(count):
            row = {"id": f"syn-{i:06d}", "url": f"https://synthetic.invalid/{i}", "outlet": outlets[i % 4],
                   "published": f"2023-01-{1 + i % 28:02d}", "language": "en",
                   "title": f"Synthetic report {i}", "text": article_text(rng, words)}
            fh.write(json.dumps(row) + "\n")
    return path

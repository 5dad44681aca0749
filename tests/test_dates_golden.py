"""Our own short articles in several outlets' styles, with the time expressions a careful reader finds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from claimledger.extract.times.dates import find_times

ARTICLES: list[dict[str, Any]] = json.loads(
    (Path(__file__).parent / "fixtures" / "dates" / "articles.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("article", ARTICLES, ids=[a["style"] for a in ARTICLES])
def test_golden_article(article: dict[str, Any]) -> None:
    found = {t.span.text: t for t in find_times(article["text"], article["published"])}
    for words, kind, value, end in article["expect"]:
        assert words in found, f"{words!r} not found; found {sorted(found)}"
        got = found[words]
        assert (got.kind, got.value, got.end) == (kind, value, end), words


def test_golden_recall_and_precision() -> None:
    expected = found = extra = 0
    for article in ARTICLES:
        times = find_times(article["text"], article["published"])
        wanted = {e[0] for e in article["expect"]}
        expected += len(wanted)
        found += len(wanted & {t.span.text for t in times})
        extra += sum(1 for t in times if t.span.text not in wanted)
    print(f"\ngolden articles: recall {found / expected:.3f}, unexpected expressions {extra}")
    assert found == expected and extra == 0

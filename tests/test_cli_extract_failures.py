"""Extraction failures count like skips: in the summary, in `skips`, exit 1, retried by `extract`.

Real `claimledger` processes on real ledgers. The one forced failure is injected
into the real CLI process by a ``sitecustomize`` module on its PYTHONPATH that
makes the claims component raise a KeyError on one marked text.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
from pathlib import Path

import pytest

from claimledger.demo import samples_dir

from .conftest import Run

FORCE_FAILURE = '''
import claimledger.extract.claims.component as component

_call = component.ClaimFinder.__call__


def _fails_on_marker(self, doc):
    if "FORCED FAILURE" in doc.text:
        return {}["forced by the test"]
    return _call(self, doc)


component.ClaimFinder.__call__ = _fails_on_marker
'''


def sample_paragraphs() -> list[str]:
    return [line for path in sorted(samples_dir().glob("*.txt"))
            for line in path.read_text(encoding="utf-8").splitlines()[1:]
            if line.strip() and "sample" not in line.lower()]


def summary_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "Traceback" not in line]


def test_double_spaces_beside_names_extract(cli: Run, tmp_path: Path) -> None:
    (tmp_path / "names.txt").write_text("Zed  Ukraine's  Ukraine's\n", encoding="utf-8")
    result = cli("ingest", str(tmp_path / "names.txt"))
    assert result.returncode == 0, result.stderr
    assert "extracted 1 article: " in result.stderr and "; failed 0" in result.stderr
    stats = json.loads(cli("stats", "--json").stdout)
    assert stats["extracted"] == 1 and stats["extraction_failures"] == 0


@pytest.mark.slow
def test_a_2_mb_report_is_extracted_with_offsets_into_the_whole_text(cli: Run, tmp_path: Path) -> None:
    # news paragraphs between annexes of checksum lines (one token per line keeps this test
    # quick; 2 MB of prose extracts the same way, in about 5 minutes on a 2-core machine)
    rng = random.Random(11)
    paragraphs = sample_paragraphs()
    blocks = []
    for n in range(50):
        annex = "\n".join(hashlib.sha512(f"{n}-{i}".encode()).hexdigest() * 2 for i in range(155))
        blocks.append(f"{rng.choice(paragraphs)}\n\n{rng.choice(paragraphs)}\n\nAnnex {n}:\n{annex}")
    summary = "\n\n".join(rng.choice(paragraphs) for _ in range(5))
    text = f"Situation report\n\n{summary}\n\n" + "\n\n".join(blocks)
    assert 2_000_000 <= len(text.encode("utf-8")) < 2_300_000
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    result = cli("ingest", str(tmp_path / "report.txt"))
    assert result.returncode == 0, result.stderr
    assert "extracted 1 article: " in result.stderr and "; failed 0" in result.stderr
    out = tmp_path / "out.jsonl"
    assert cli("export", "--output", str(out)).returncode == 0, "export failed"
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    [article] = [r for r in records if r["record"] == "article"]
    stored = article["text"]
    assert len(stored) > 1_000_000  # over spaCy's own limit
    claims = [r for r in records if r["record"] == "claim"]
    figures = [r for r in records if r["record"] == "figure"]
    late = [c for c in claims if c["content"]["start"] > 1_500_000]
    assert late, "expected claims from the last pieces of the report"
    for claim in claims:
        span = claim["content"]
        assert stored[span["start"]:span["end"]] == span["text"]
    for figure in figures:
        for span in (figure["evidence"], figure["number"]):
            assert stored[span["start"]:span["end"]] == span["text"]
    assert len({c["id"] for c in claims}) == len(claims) and len({f["id"] for f in figures}) == len(figures)


def test_a_failed_extraction_is_reported_exits_1_and_is_retried(cli: Run, tmp_path: Path) -> None:
    inject = tmp_path / "inject"
    inject.mkdir()
    (inject / "sitecustomize.py").write_text(FORCE_FAILURE, encoding="utf-8")
    forced = {"PYTHONPATH": os.pathsep.join(filter(None, [str(inject), os.environ.get("PYTHONPATH")]))}
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "good.txt").write_text("Officials said three shells hit a depot overnight.\n", encoding="utf-8")
    (inbox / "bad.txt").write_text("FORCED FAILURE: officials said two drones were shot down.\n", encoding="utf-8")
    (inbox / "russian.txt").write_text("Министерство обороны России заявило, что ночью были сбиты два "
                                       "беспилотника над Белгородской областью.\n" * 3, encoding="utf-8")

    result = cli("ingest", str(inbox), env=forced)
    assert result.returncode == 1, result.stderr
    lines = summary_lines(result.stderr)
    assert lines[0].startswith("loading the English model")  # said before the seconds it takes
    assert "extracting 3 articles ..." in lines
    [ingested] = [line for line in lines if line.startswith("ingested ")]
    assert ingested == "ingested 3, duplicates 0, copies 0, skipped 0"
    [summary] = [line for line in lines if line.startswith("extracted ")]
    assert summary.startswith("extracted 1 article: ")
    assert summary.endswith("; failed 1; not extracted: 1 (language ru)")
    assert "  1 article stored but not extracted: the extractor reads English only (here: ru)" in result.stderr
    [failure] = [line for line in lines if line.strip().startswith("extraction failed")]
    assert "bad.txt: extract_failed: KeyError: 'forced by the test' in claimledger_claims" in failure
    assert "E109" not in result.stderr and "Traceback" not in result.stderr

    skips = [json.loads(line) for line in cli("skips", "--json").stdout.splitlines()]
    assert [(s["source"], s["reason"]) for s in skips] == [("bad.txt", "extract_failed")]
    assert "KeyError" in skips[0]["message"]

    again = cli("extract")  # without the injected failure: the failed article is tried again
    assert again.returncode == 0, again.stderr
    assert "extracted 1 article: " in again.stderr
    assert "failed 0" in again.stderr
    stats = json.loads(cli("stats", "--json").stdout)
    assert stats["extracted"] == 2 and stats["extraction_failures"] == 1  # the Russian article: not extracted
    assert cli("skips", "--json").stdout == ""  # the extract run skipped nothing
    assert "extracted 0 articles" in cli("extract").stderr


def test_a_language_the_extractor_does_not_read_is_no_failure(cli: Run, tmp_path: Path) -> None:
    (tmp_path / "ru.txt").write_text("Министерство обороны России заявило, что ночью были сбиты два "
                                     "беспилотника над Белгородской областью.\n" * 3, encoding="utf-8")
    result = cli("ingest", str(tmp_path / "ru.txt"))
    assert result.returncode == 0, result.stderr
    assert ("extracted 0 articles: 0 claims, 0 figures, 0 event mentions; failed 0; not extracted: 1 (language ru)"
            in result.stderr)
    assert "1 article stored but not extracted" in result.stderr

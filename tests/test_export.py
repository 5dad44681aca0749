"""Exports: the JSON Lines exchange format checked field by field against the spec, and CSV/Parquet tables."""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest

from claimledger.export import TABLES, export_jsonl, export_tables, record_dicts
from claimledger.export_parquet import parquet_schema
from claimledger.records import Article
from claimledger.store import NewArticle, SQLiteStore

try:  # tests as a package, or as loose modules
    from .test_store_sqlite import MARKET_TEXT, TRUCE_TEXT, make_article, make_extraction
except ImportError:
    from test_store_sqlite import MARKET_TEXT, TRUCE_TEXT, make_article, make_extraction  # type: ignore[no-redef]

SHARED = Path(__file__).resolve().parents[2] / "shared"
ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z))?$")
OFFSET_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?[+-]\d{2}:\d{2}$")
SIDES = {"russia", "ukraine", "belarus", "united_states", "poland", "nato", "eu", "un", "other_state",
         "independent", "unknown"}
KINDS = {"official", "unofficial", "media", "expert", "outlet"}

STR, OPT_STR, INT, OPT_NUM, BOOL, LIST, OBJ, OPT_OBJ = "str", "str?", "int", "num?", "bool", "list", "obj", "obj?"
REQUIRED: dict[str, dict[str, str]] = {
    "meta": {"format": STR, "version": INT, "generated_at": STR, "tool_version": STR},
    "article": {"id": STR, "ref": OPT_STR, "url": OPT_STR, "outlet": OPT_STR, "title": OPT_STR,
                "language": OPT_STR, "published": OPT_STR, "text": STR, "content_hash": STR},
    "event": {"id": STR, "type": STR, "title": OPT_STR, "date_start": OPT_STR, "date_end": OPT_STR,
              "place": OPT_OBJ, "actors": LIST, "article_refs": LIST, "status": STR},
    "claim": {"id": STR, "article_id": STR, "event_id": OPT_STR, "claimant": OBJ, "cue": OPT_STR, "mode": STR,
              "stance": STR, "hedged": BOOL, "evidence_note": OPT_STR, "content": OBJ},
    "figure": {"id": STR, "article_id": STR, "claim_id": OPT_STR, "event_id": OPT_STR, "measure": STR,
               "subject_side": STR, "low": OPT_NUM, "best": OPT_NUM, "high": OPT_NUM, "qualifier": STR,
               "claimant": OBJ, "as_of": OPT_STR, "evidence": OBJ},
}


def _typed(value: Any, kind: str) -> bool:
    optional = kind.endswith("?")
    if value is None:
        return optional
    base = kind.rstrip("?")
    return {
        "str": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "num": isinstance(value, int | float) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "list": isinstance(value, list),
        "obj": isinstance(value, dict),
    }[base]


def _no_empty_strings(value: Any, where: str) -> None:
    assert value != "", f"{where} is an empty string; unknown values must be null"
    if isinstance(value, dict):
        for key, item in value.items():
            _no_empty_strings(item, f"{where}.{key}")
    elif isinstance(value, list):
        for i, item in enumerate(value):
            _no_empty_strings(item, f"{where}[{i}]")


def validate_ledger_jsonl(lines: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Check every record against shared/spec/ledger-format.md; returns records by type."""
    records = [json.loads(line) for line in lines]
    assert records and records[0]["record"] == "meta", "the first line is the meta record"
    assert records[0]["format"] == "claimledger-jsonl" and records[0]["version"] == 2
    assert OFFSET_TIME.match(records[0]["generated_at"]), "generated_at carries its offset"
    by_type: dict[str, list[dict[str, Any]]] = {}
    texts: dict[str, str] = {}
    for n, record in enumerate(records):
        kind = record.get("record")
        assert kind in REQUIRED, f"line {n}: unknown record type {kind!r}"
        for field, field_type in REQUIRED[kind].items():
            assert field in record, f"line {n}: {kind} lacks {field}"
            assert _typed(record[field], field_type), f"line {n}: {kind}.{field}={record[field]!r}"
        _no_empty_strings(record, f"line {n}")
        by_type.setdefault(kind, []).append(record)
        if kind == "article":
            texts[record["id"]] = record["text"]
            if record["published"] is not None:
                assert ISO_DATE.match(record["published"])
        elif kind == "event":
            place = record["place"]
            if place is not None:
                assert set(place) >= {"name", "lat", "lon", "admin1", "country"}
            for actor in record["actors"]:
                assert set(actor) >= {"name", "side", "role"}
            for day in (record["date_start"], record["date_end"]):
                assert day is None or re.match(r"^\d{4}(-\d{2}){0,2}", day)
            assert record["status"] in {"corroborated", "contested", "single_source", "unverified"}
        if kind in ("claim", "figure"):
            claimant = record["claimant"]
            assert set(claimant) >= {"name", "mention", "side", "kind"}
            assert claimant["side"] in SIDES and claimant["kind"] in KINDS
            span = record["content" if kind == "claim" else "evidence"]
            text = texts[record["article_id"]]  # its article came first
            assert text[span["start"] : span["end"]] == span["text"], f"line {n}: offsets do not match"
        if kind == "claim":
            assert record["mode"] in {"direct_quote", "indirect", "according_to", "outlet"}
            assert record["stance"] in {"asserts", "denies"}
        if kind == "figure":
            for bound in ("low", "best", "high"):
                value = record[bound]
                assert not (isinstance(value, float) and value.is_integer()), f"{bound} should be an int"
    return by_type


def _ledger(tmp_path: Path) -> tuple[SQLiteStore, list[Article]]:
    store = SQLiteStore(tmp_path / "ledger.db")
    market = make_article(MARKET_TEXT, ref="market.txt", outlet="Example Post", published="2023-01-03",
                          flags=("checked",))
    truce = make_article(TRUCE_TEXT, ref="truce.txt", url="https://example.org/truce")
    store.add_articles([NewArticle(market), NewArticle(truce)])
    extraction = make_extraction(market)
    fractional = replace(extraction.figures[1], low=6.5, best=7.25, high=float("nan"))
    store.save_extractions([replace(extraction, figures=(extraction.figures[0], fractional))])
    return store, [market, truce]


def test_jsonl_export_follows_the_spec(tmp_path: Path) -> None:
    store, (market, truce) = _ledger(tmp_path)
    out = io.StringIO()
    count = export_jsonl(store, out, tool_version="9.9.9")
    lines = out.getvalue().splitlines()
    assert count == len(lines) == 1 + 2 + 1 + 2 + 2
    by_type = validate_ledger_jsonl(lines)
    assert json.loads(lines[0])["tool_version"] == "9.9.9"
    assert [r["record"] for r in map(json.loads, lines)] == [
        "meta", "article", "event", "claim", "claim", "figure", "figure", "article"]
    first, second = by_type["article"]
    assert (first["ref"], first["outlet"], first["flags"], second["url"]) == (
        "market.txt", "Example Post", ["checked"], "https://example.org/truce")
    assert second["outlet"] is None and second["title"] is None
    event = by_type["event"][0]
    assert event["article_refs"] == ["market.txt"] and event["status"] == "single_source"
    assert event["place"] == {"name": "Exampleton", "lat": 48.5, "lon": 37.25, "admin1": "Exampleton Oblast",
                              "country": "UA"}
    assert event["actors"] == [{"name": "Ministry of Defence", "side": "russia", "role": "initiator"}]
    first_figure, second_figure = by_type["figure"]
    assert (first_figure["low"], first_figure["best"], first_figure["high"]) == (12, 12, None)
    assert (second_figure["low"], second_figure["best"], second_figure["high"]) == (6.5, 7.25, None)
    assert first_figure["claim_id"] == by_type["claim"][0]["id"]
    claim = by_type["claim"][1]
    assert claim["hedged"] is True and claim["evidence_note"] == "could not be independently verified"
    assert by_type["claim"][0]["claimant"]["mention"] == "The governor of Exampleton"
    store.close()


def test_record_dicts_of_an_empty_ledger_is_just_meta(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "empty.db")
    assert [r["record"] for r in record_dicts(store)] == ["meta"]
    store.close()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_tables_export_reads_back(tmp_path: Path, fmt: str) -> None:
    store, _ = _ledger(tmp_path)
    paths = export_tables(store, tmp_path / "out", fmt)  # type: ignore[arg-type]
    names = ("articles", "events", "claims", "figures", "contradictions")
    assert [p.name for p in paths] == [f"{t}.{fmt}" if fmt == "csv" else t for t in names]
    expected_rows = {"articles": 2, "events": 1, "claims": 2, "figures": 2, "contradictions": 0}
    for path in paths:
        table = path.stem
        if fmt == "csv":
            with path.open(encoding="utf-8", newline="") as fh:
                reader = csv.DictReader(fh)
                rows = list(reader)
            assert reader.fieldnames == [c[0] for c in TABLES[table]]
            assert len(rows) == expected_rows[table]
        else:  # a dataset partitioned by month: the schema's columns, then the partition
            read = pq.read_table(path)
            assert read.schema.names == [*parquet_schema(table).names, "month"]
            assert read.num_rows == expected_rows[table]
            rows = read.to_pylist()
        if table == "figures":
            assert rows[0]["claimant_side"] == "ukraine" and rows[0]["evidence_start"] == ("0" if fmt == "csv" else 0)
        if table == "articles":
            flags = rows[0]["flags"]
            assert (json.loads(flags) if fmt == "csv" else flags) == ["checked"]
    store.close()


def test_empty_parquet_tables_keep_their_schema(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "empty.db")
    paths = export_tables(store, tmp_path / "out", "parquet")
    assert [p.name for p in paths] == ["articles", "events", "claims", "figures", "contradictions"]
    for path in paths:
        read = pq.read_table(path)
        assert read.num_rows == 0 and read.schema.names == [*parquet_schema(path.name).names, "month"]
    store.close()


def test_seed_articles_export_validates(tmp_path: Path) -> None:
    seeds = SHARED / "corpus" / "seeds"
    if not seeds.is_dir():
        pytest.skip(f"needs the shared seed corpus at {seeds}; not found")
    store = SQLiteStore(tmp_path / "seeds.db")
    articles = [make_article(p.read_text(encoding="utf-8"), ref=p.name) for p in sorted(seeds.glob("*.txt"))]
    store.add_articles([NewArticle(a) for a in articles])
    out = io.StringIO()
    export_jsonl(store, out, tool_version="test")
    by_type = validate_ledger_jsonl(out.getvalue().splitlines())
    assert [a["ref"] for a in by_type["article"]] == [a.ref for a in articles]
    assert all(a["text"] == b.text for a, b in zip(by_type["article"], articles, strict=True))
    store.close()

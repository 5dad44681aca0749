"""Files, directories, manifests, JSONL/CSV corpora, feeds from files and stdin."""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from claimledger.errors import SourceError
from claimledger.ingest import SourceKind, plan_sources, read_source, read_sources
from claimledger.records import Article, Skip, SkipReason
from claimledger.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SHARED = Path(__file__).resolve().parents[2] / "shared"

STORY = (
    "Shelling hits market town\n"
    "Artillery fire hit the central market of a small town on Sunday morning, local officials said, "
    "adding that at least four people were wounded.\n\n"
    "The army of the other side denied firing at civilian areas."
)


def split(records: list[Article | Skip]) -> tuple[list[Article], list[Skip]]:
    return [r for r in records if isinstance(r, Article)], [r for r in records if isinstance(r, Skip)]


def read_all(inputs: list[str], settings: Settings | None = None) -> tuple[list[Article], list[Skip]]:
    return split(list(read_sources(inputs, settings or Settings())))


def test_text_file_title_from_first_line_and_date_from_name(tmp_path: Path) -> None:
    path = tmp_path / "market_2023-04-02.txt"
    path.write_text(STORY + "\n\n\n", encoding="utf-8")
    [article], skips = read_all([str(path)])
    assert skips == []
    assert article.ref == "market_2023-04-02.txt"
    assert article.title == "Shelling hits market town"
    assert article.text.startswith("Shelling hits market town\nArtillery fire")  # headline kept
    assert article.published == "2023-04-02"
    assert article.language == "en" and article.flags == ()
    assert article.source == str(path) and article.refs == (article.ref,)
    assert article.id == article.content_hash[:16]
    assert article.ingested_at.endswith("+00:00")


def test_bad_files_are_skipped_while_good_ones_are_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "empty.csv").write_bytes(b"")
    (tmp_path / "empty.jsonl").write_bytes(b"\n\n")
    (tmp_path / "blank.md").write_text("  \n\n\t \n", encoding="utf-8")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    (tmp_path / "big.txt").write_text("word " * 400, encoding="utf-8")
    (tmp_path / "nav.html").write_text("<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4 fake")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "README.md").write_text("This folder holds test articles.", encoding="utf-8")
    (tmp_path / "cyrillic.txt").write_bytes(
        ("Министерство обороны заявило, что ночью была отражена атака беспилотников на город. " * 3).encode(
            "cp1251"
        )
    )
    settings = Settings(max_bytes=1000)
    articles, skips = read_all([str(tmp_path), str(tmp_path / "missing.txt")], settings)
    reasons = {Path(s.source).name: s.reason for s in skips}
    assert reasons == {
        "big.txt": SkipReason.TOO_LARGE,
        "blank.md": SkipReason.EMPTY,
        "empty.txt": SkipReason.EMPTY,
        "empty.csv": SkipReason.EMPTY,
        "empty.jsonl": SkipReason.EMPTY,
        "image.txt": SkipReason.BINARY,
        "nav.html": SkipReason.NO_TEXT,
        "report.pdf": SkipReason.UNSUPPORTED,
        "missing.txt": SkipReason.NOT_FOUND,
    }
    assert sorted(a.ref or "" for a in articles) == ["cyrillic.txt", "good.txt"]
    cyrillic = next(a for a in articles if a.ref == "cyrillic.txt")
    assert cyrillic.language == "ru" and cyrillic.flags == ("non_english",)
    assert cyrillic.text.startswith("Министерство")


def test_manifest_metadata_wins_over_page_and_file_name(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "page.html", tmp_path / "page.html")
    shutil.copy(FIXTURES / "page.html", tmp_path / "page_2022-12-31.html")
    (tmp_path / "story_2023-01-02.txt").write_text(STORY, encoding="utf-8")
    manifest = [
        {"ref": "page.html", "outlet": "Manifest Outlet", "published": "March 3, 2023", "language": "en",
         "title": "Manifest title", "url": "http://example.test/bridge"},
        {"ref": "story_2023-01-02.txt", "outlet": None, "published": None},
        "not an object",
    ]
    (tmp_path / "manifest.jsonl").write_text("\n".join(json.dumps(m) for m in manifest) + "\n{broken\n")
    articles, skips = read_all([str(tmp_path)])
    assert skips == []
    by_ref = {a.ref: a for a in articles}
    assert set(by_ref) == {"page.html", "page_2022-12-31.html", "story_2023-01-02.txt"}
    page = by_ref["page.html"]
    assert (page.outlet, page.published, page.title) == ("Manifest Outlet", "2023-03-03", "Manifest title")
    assert page.url == "http://example.test/bridge" and page.urls == (page.url,)
    assert "Bridge closed" not in page.text.split("\n")[-1]
    assert "Most read" not in page.text and "Copyright" not in page.text
    # no manifest entry: the page's own metadata beats the date in the file name
    plain = by_ref["page_2022-12-31.html"]
    assert plain.outlet == "The Example Post"
    assert plain.published == "2023-03-02T08:15:00+02:00"
    assert plain.title == "Bridge closed after overnight strike"
    assert by_ref["story_2023-01-02.txt"].published == "2023-01-02"
    # the same text twice: same id
    assert page.id == plain.id


def test_jsonl_corpus_with_bad_lines(tmp_path: Path) -> None:
    rows = [
        json.dumps({"id": "r1", "outlet": "Wire", "published": "2023-02-01T10:00:00Z", "title": "One",
                    "text": STORY, "url": "http://example.test/1"}),
        "{not json",
        json.dumps({"id": "r3", "text": "   "}),
        "[1, 2]",
        "",
        json.dumps({"id": 4, "html": (FIXTURES / "page.html").read_text(encoding="utf-8")}),
        json.dumps({"id": "r7", "language": "uk", "text": "Текст українською мовою про обстріл міста вночі."}),
    ]
    path = tmp_path / "corpus.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    articles, skips = read_all([str(path)])
    assert [(s.source, s.reason, s.line) for s in skips] == [
        ("corpus.jsonl:2", SkipReason.MALFORMED_ROW, 2),
        ("corpus.jsonl:3", SkipReason.EMPTY, 3),
        ("corpus.jsonl:4", SkipReason.MALFORMED_ROW, 4),
    ]
    by_ref = {a.ref: a for a in articles}
    assert set(by_ref) == {"r1", "4", "r7"}
    assert by_ref["r1"].published == "2023-02-01T10:00:00+00:00"
    assert by_ref["r1"].title == "One" and by_ref["r1"].outlet == "Wire"
    assert by_ref["4"].outlet == "The Example Post" and "road bridge" in by_ref["4"].text
    assert by_ref["r7"].language == "uk" and by_ref["r7"].flags == ("non_english",)
    assert by_ref["r1"].source == f"{path}:1"


def test_csv_corpus_with_bad_rows(tmp_path: Path) -> None:
    path = tmp_path / "corpus.csv"
    body = STORY.replace('"', '""')
    path.write_text(
        "id,outlet,published,text\n"
        f'c1,Wire,2023-02-01,"{body}"\n'
        "c2,Wire,2023-02-02,too,many,fields\n"
        "c3,Wire,2023-02-03,\n"
        f'c4,Paper,5 February 2023,"Second story: {body}"\n',
        encoding="utf-8",
    )
    articles, skips = read_all([str(path)])
    assert [(s.source, s.reason, s.line) for s in skips] == [
        ("corpus.csv:6", SkipReason.MALFORMED_ROW, 6),
        ("corpus.csv:7", SkipReason.EMPTY, 7),
    ]
    assert [(a.ref, a.published) for a in articles] == [("c1", "2023-02-01"), ("c4", "2023-02-05")]
    assert "\n\nThe army" in articles[0].text  # paragraphs inside a quoted field survive


def test_corpus_without_text_column_fails_before_anything_is_read(tmp_path: Path) -> None:
    (tmp_path / "a_good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "b_bad.csv").write_text("id,title,body\n1,x,y\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        plan_sources([str(tmp_path)], Settings())
    assert caught.value.code == "CL202" and "b_bad.csv" in str(caught.value)
    jsonl = tmp_path / "c.jsonl"
    jsonl.write_text('{broken\n{"id": 1, "body": "x"}\n', encoding="utf-8")
    records = read_sources([str(jsonl)], Settings())
    with pytest.raises(SourceError, match="CL202"):
        next(records)


def test_feeds_from_files(tmp_path: Path) -> None:
    articles, skips = read_all([str(FIXTURES / "feed.rss"), str(FIXTURES / "feed.atom")])
    assert [(s.source, s.reason) for s in skips] == [("http://example.test/gallery", SkipReason.NO_TEXT)]
    by_ref = {a.ref: a for a in articles}
    raid = by_ref["http://example.test/depot-raid"]
    assert raid.outlet == "Example Wire" and raid.title == "Officials report overnight drone raid on depot"
    assert raid.published == "2023-03-07T06:30:00+02:00"
    assert raid.text == "Regional officials said a fuel depot was hit by drones overnight.\n" \
        "Two workers were treated for burns, they added."
    talks = by_ref["http://example.test/talks"]
    assert talks.outlet == "Example Atom Desk" and talks.published == "2023-03-08T11:00:00+00:00"
    assert "Neither side confirmed" in talks.text
    grain = by_ref["urn:example:grain"]  # no link: the entry id is the ref
    assert grain.url is None and grain.text.startswith("A bulk carrier")


def test_stdin_text_html_and_jsonl() -> None:
    settings = Settings()
    [text_article] = list(read_sources(["-"], settings, stdin=io.BytesIO(STORY.encode())))
    assert isinstance(text_article, Article)
    assert text_article.ref == "stdin" and text_article.source == "stdin"
    html = (FIXTURES / "page.html").read_bytes()
    [page] = list(read_sources(["-"], settings, stdin=io.BytesIO(html)))
    assert isinstance(page, Article) and page.outlet == "The Example Post"
    rows = b'{"id": "s1", "text": "First row text about a strike on a bridge in the east."}\n{bad\n'
    records = list(read_sources(["-"], settings, stdin=io.BytesIO(rows)))
    assert [type(r).__name__ for r in records] == ["Article", "Skip"]
    assert isinstance(records[1], Skip) and records[1].line == 2
    with pytest.raises(SourceError):
        plan_sources(["-"], settings, stdin=io.BytesIO(b'{"id": 1, "body": "x"}\n'))
    [empty] = list(read_sources(["-"], settings, stdin=io.BytesIO(b"  \n")))
    assert isinstance(empty, Skip) and empty.reason is SkipReason.EMPTY
    [big] = list(read_sources(["-"], Settings(max_bytes=10), stdin=io.BytesIO(b"x" * 100)))
    assert isinstance(big, Skip) and big.reason is SkipReason.TOO_LARGE


def test_plan_sources_kinds(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    sources = plan_sources([str(tmp_path), "https://example.test/x", str(tmp_path / "nope")], Settings())
    assert [s.kind for s in sources] == [SourceKind.FILE, SourceKind.URL, SourceKind.MISSING]
    [skip] = list(read_source(sources[2], Settings()))
    assert isinstance(skip, Skip) and skip.reason is SkipReason.NOT_FOUND


def test_seed_directory_reads_three_articles_with_manifest_metadata() -> None:
    seeds = SHARED / "corpus" / "seeds"
    if not (seeds / "manifest.jsonl").is_file():
        pytest.skip(f"shared seed corpus not available at {seeds}")
    manifest = {
        row["ref"]: row
        for row in map(json.loads, (seeds / "manifest.jsonl").read_text(encoding="utf-8").splitlines())
    }
    articles, skips = read_all([str(seeds)])
    assert skips == []
    assert sorted(a.ref or "" for a in articles) == sorted(manifest)
    for article in articles:
        entry = manifest[article.ref or ""]
        assert article.outlet == entry["outlet"]
        assert article.published == entry["published"]
        assert article.language == "en"
        raw = (seeds / (article.ref or "")).read_text(encoding="utf-8")
        assert article.title == raw.split("\n", 1)[0].strip()
        assert article.text.split("\n", 1)[0] == article.title  # headline kept in the text


@hyp_settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    data=st.one_of(st.binary(max_size=3000), st.text(max_size=1500).map(lambda t: t.encode("utf-8", "replace"))),
    suffix=st.sampled_from([".txt", ".html", ".jsonl", ".csv", ".rss", ".xml", ".md"]),
)
def test_reading_any_file_never_raises(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"input{suffix}"
        path.write_bytes(data)
        try:
            got = list(read_sources([str(path)], Settings()))
        except SourceError as exc:  # a corpus without a text column: refused up front, by design
            assert suffix in (".jsonl", ".csv") and exc.code == "CL202"
            return
        for record in got:
            assert isinstance(record, Article | Skip)
            if isinstance(record, Article):
                assert record.text and record.text == record.text.strip()
                record.text.encode("utf-8")

"""Decoding, cleaning, hashing, language and dates of the ingest stage."""

from __future__ import annotations

import codecs
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimledger.ingest import (
    UnreadableText,
    article_id,
    clean_text,
    content_hash,
    date_from_filename,
    decode_bytes,
    detect_language,
    normalise_published,
)
from claimledger.records import SkipReason

CYRILLIC = "Министерство обороны заявило, что ночью была отражена атака беспилотников на город."


def test_decode_utf8_with_and_without_bom() -> None:
    assert decode_bytes("Kyiv – “quoted”".encode()) == "Kyiv – “quoted”"
    assert decode_bytes(codecs.BOM_UTF8 + b"plain") == "plain"
    assert decode_bytes("héllo wörld".encode("utf-16")) == "héllo wörld"


def test_decode_cp1251_through_charset_detection() -> None:
    data = (CYRILLIC + " " + CYRILLIC).encode("cp1251")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert decode_bytes(data).startswith("Министерство обороны")


def test_decode_binary_and_random_bytes() -> None:
    with pytest.raises(UnreadableText) as caught:
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert caught.value.reason is SkipReason.BINARY
    random_bytes = os.urandom(4096)
    with pytest.raises(UnreadableText) as caught:
        decode_bytes(random_bytes)
    assert caught.value.reason is SkipReason.BINARY  # 4 KB of random bytes hold NULs and control bytes


def test_decode_random_bytes_without_nul_or_controls_is_undecodable() -> None:
    high = bytes(b for b in os.urandom(20000) if b >= 0x80)[:3000]
    with pytest.raises(UnreadableText) as caught:
        decode_bytes(high)
    assert caught.value.reason is SkipReason.UNDECODABLE  # no NUL or control byte: not binary


def test_clean_text_layout_only() -> None:
    raw = "  Headline \r\n\r\nFirst\u00a0000 line.   \n\n\n\n Indented second.\t\r\nLast\x00 line\u2028next\n\n"
    cleaned = clean_text(raw)
    assert cleaned == "Headline\n\nFirst\u00a0000 line.\n\n Indented second.\nLast line\nnext"


def test_clean_text_composes_to_nfc() -> None:
    assert clean_text("Cafe\u0301") == "Caf\u00e9"


def test_content_hash_ignores_case_and_spacing() -> None:
    a = content_hash("Troops   advanced\n\nnear the river.")
    b = content_hash("troops advanced near\tthe RIVER. ")
    assert a == b
    assert a != content_hash("Troops retreated near the river.")
    assert len(a) == 64
    assert article_id(a) == a[:16]


def test_detect_language() -> None:
    assert detect_language("The ministry said air defences shot down most of the drones overnight.") == "en"
    assert detect_language(CYRILLIC) == "ru"
    assert detect_language("Міністерство оборони заявило, що вночі було відбито атаку безпілотників.") == "uk"
    assert detect_language("Too short") is None
    assert detect_language("1234 5678 -- 90") is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-01-05", "2023-01-05"),
        ("2023-01-05T10:00:00Z", "2023-01-05T10:00:00+00:00"),
        ("2023-01-05 10:00:00+03:00", "2023-01-05T10:00:00+03:00"),
        ("Thu, 05 Jan 2023 10:00:00 +0000", "2023-01-05T10:00:00+00:00"),
        ("Thu, 05 Jan 2023 10:00:00 GMT", "2023-01-05T10:00:00+00:00"),
        ("January 5, 2023", "2023-01-05"),
        ("5 January 2023", "2023-01-05"),
        ("Jan. 5, 2023", "2023-01-05"),
        ("2023/01/05", "2023-01-05"),
        ("yesterday", None),
        ("not a date", None),
        ("2023-13-45", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_published(value: str | None, expected: str | None) -> None:
    assert normalise_published(value) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("story_2023-01-05.txt", "2023-01-05"),
        ("20230105-report.html", "2023-01-05"),
        ("wire_2023_01_05_b.txt", "2023-01-05"),
        ("2023-02-30.txt", None),
        ("000_bcb5b71acb1443d5.txt", None),
        ("12345678901.txt", None),
    ],
)
def test_date_from_filename(name: str, expected: str | None) -> None:
    assert date_from_filename(name) == expected


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2048))
def test_decode_bytes_never_raises_anything_else(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except UnreadableText as exc:
        assert exc.reason in (SkipReason.BINARY, SkipReason.UNDECODABLE)
    else:
        assert isinstance(text, str)
        clean_text(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=2048))
def test_clean_text_never_raises_and_is_stable(text: str) -> None:
    cleaned = clean_text(text)
    assert clean_text(cleaned) == cleaned
    cleaned.encode("utf-8")  # storable: no lone surrogates
    content_hash(cleaned)
    detect_language(cleaned)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=120))
def test_normalise_published_never_raises(value: str) -> None:
    result = normalise_published(value)
    assert result is None or result[:4].isdigit()
    date_from_filename(value)

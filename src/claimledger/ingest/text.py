"""Bytes to clean text, and the content hash that identifies a text.

The stored text (``clean_text``) is what every later character offset refers
to, so cleaning only touches layout: line endings, trailing spaces, runs of
blank lines, control characters and Unicode composition (NFC). Letters,
punctuation and non-breaking spaces stay as they are.

``decode_bytes`` tries, in order:

1. a byte-order mark (UTF-8, UTF-16, UTF-32): decode with it;
2. NUL bytes or many control bytes: binary, not text (``SkipReason.BINARY``);
3. strict UTF-8;
4. charset-normalizer's best guess, accepted only when the decoded text is
   mostly readable; otherwise ``SkipReason.UNDECODABLE``.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata

from ..records import SkipReason

__all__ = [
    "UnreadableText",
    "article_id",
    "clean_text",
    "content_hash",
    "decode_bytes",
    "looks_binary",
]

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# C0 controls other than tab, newline, vertical tab, form feed and carriage return
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 11, 12, 13)) + b"\x7f"
_SNIFF_BYTES = 8192
_MAX_CONTROL_SHARE = 0.02
_MAX_UNREADABLE_SHARE = 0.05

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x85\u2028\u2029]")
# controls, byte-order marks and lone surrogates (which cannot be stored as UTF-8)
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff\ud800-\udfff]")
_TRAILING_SPACE = re.compile(r"[^\S\n]+$", re.MULTILINE)
_BLANK_RUNS = re.compile(r"\n{3,}")
_WHITESPACE_RUNS = re.compile(r"\s+")


class UnreadableText(ValueError):
    """Bytes that are not text. ``reason`` is the skip reason to record."""

    def __init__(self, reason: SkipReason, message: str) -> None:
        self.reason = reason
        self.message = message
        super().__init__(message)


def looks_binary(data: bytes) -> bool:
    """True when the first few KB hold NUL bytes or many control bytes.

    Text with a UTF-16/32 byte-order mark is not binary even though it holds NULs.
    """
    head = data[:_SNIFF_BYTES]
    if not head or any(head.startswith(bom) for bom, _ in _BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return controls / len(head) > _MAX_CONTROL_SHARE


def _unreadable_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:_SNIFF_BYTES]
    bad = 0
    for char in sample:
        category = unicodedata.category(char)
        if category in ("Cc", "Co", "Cn", "Cs") and char not in "\t\n\r\x0c\x0b":
            bad += 1
        elif char == "\ufffd":
            bad += 1
    return bad / len(sample)


def decode_bytes(data: bytes) -> str:
    """Decode bytes to ``str``, or raise ``UnreadableText`` (BINARY or UNDECODABLE).

    The result is not cleaned; pass it through ``clean_text``.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                break  # a false BOM: fall through to the other checks
    if looks_binary(data):
        raise UnreadableText(SkipReason.BINARY, "binary data (NUL or control bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # imported lazily: only non-UTF-8 input needs it

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableText(
            SkipReason.UNDECODABLE, "not UTF-8 and no text encoding fits; re-save the file as UTF-8"
        )
    text = str(best)
    if _unreadable_share(text) > _MAX_UNREADABLE_SHARE or best.chaos > 0.3:
        raise UnreadableText(
            SkipReason.UNDECODABLE,
            f"not UTF-8 and the best guess ({best.encoding}) gives unreadable text; re-save it as UTF-8",
        )
    return text


def clean_text(text: str) -> str:
    """The stored form of a text: NFC, ``\\n`` line breaks, no trailing spaces,
    at most one blank line between paragraphs, no control characters, and no
    leading or trailing blank space around the whole text, no lone surrogates.

    Leading spaces inside the text (indented lines) and all letters, digits,
    punctuation and non-breaking spaces are kept.
    """
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL_CHARS.sub("", text)
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_RUNS.sub("\n\n", text)
    return text.strip()


def content_hash(text: str) -> str:
    """sha256 hex of the casefolded text with whitespace runs collapsed.

    Copies that differ only in case, line breaks or spacing hash alike.
    """
    normalised = _WHITESPACE_RUNS.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()
    return hashlib.sha256(normalised.encode("utf-8", "surrogatepass")).hexdigest()


def article_id(hash_hex: str) -> str:
    """The article id: the first 16 hex digits of its content hash."""
    return hash_hex[:16]

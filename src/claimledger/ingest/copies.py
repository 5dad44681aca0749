"""Near-duplicate (wire copy) detection with MinHash and LSH (datasketch).

A *copy group* is a set of articles that carry the same story text: a wire
report and its re-runs, which outlets re-headline, trim at the end, or top
with a line of their own. The group id is the id of the group's first article.

How it decides
--------------
1. ``signature(text)``: the casefolded text is split into words; every run of
   ``shingle_words`` consecutive words (5 by default) is a shingle; a MinHash
   with ``num_perm`` permutations summarises the shingle set. The signature is
   the number of distinct shingles (4 bytes) followed by the hash values, as
   bytes, so the store can keep it as an opaque blob.
2. ``find_group``: an LSH index, tuned for a low Jaccard (``CANDIDATE_JACCARD``
   = 0.3), proposes candidates cheaply; each is then checked exactly against
   its stored signature.
3. A candidate is a copy when the estimated *overlap* of the shorter text's
   shingles with the longer's (containment, worked out from the Jaccard
   estimate and both shingle counts) reaches ``threshold`` (settings
   ``copy_threshold``, 0.7). The best-overlapping candidate's group wins.

Why containment and 0.7: a re-run that drops the last two of eight paragraphs
has a Jaccard similarity of only about 0.7 with the original (and less after
a new headline), which is too close to the threshold to be stable, but its
containment stays near 1.0. Two reporters writing the same event
independently share names, places and numbers but hardly any five-word run:
their containment is typically under 0.1. 0.7 leaves a wide margin on both
sides, and still accepts copies whose wording was edited in places (every
changed word removes up to five shingles). The tests in
``tests/test_ingest_copies.py`` pin both cases.
"""

from __future__ import annotations

import functools
import re
import struct
from collections.abc import Iterable
from typing import Any

import numpy as np

__all__ = ["CANDIDATE_JACCARD", "CopyIndex"]

CANDIDATE_JACCARD = 0.3
_WORDS = re.compile(r"\w+")
_HEADER = struct.Struct("<I")
_SEED = 1


@functools.lru_cache(maxsize=8)
def _prototype(num_perm: int) -> Any:
    """A MinHash whose permutations are reused: generating them is the slow part."""
    from datasketch import MinHash

    return MinHash(num_perm=num_perm, seed=_SEED)


def _shingles(text: str, size: int) -> list[bytes]:
    words = _WORDS.findall(text.casefold())
    if len(words) <= size:
        return [" ".join(words).encode("utf-8", "surrogatepass")] if words else []
    joined = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    return [shingle.encode("utf-8", "surrogatepass") for shingle in joined]


class CopyIndex:
    """Finds the copy group of a new text among the texts added so far."""

    def __init__(self, threshold: float = 0.7, num_perm: int = 128, shingle_words: int = 5) -> None:
        from datasketch import MinHashLSH

        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"copy threshold must be in (0, 1], not {threshold}")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_words = shingle_words
        self._lsh: Any = MinHashLSH(threshold=CANDIDATE_JACCARD, num_perm=num_perm)
        self._dtype = _prototype(num_perm).hashvalues.dtype
        self._scheme: str = _prototype(num_perm).scheme
        self._entries: dict[str, tuple[np.ndarray[Any, Any], int, str]] = {}

    def __len__(self) -> int:
        return len(self._entries)

    # ------------------------------------------------------------ signatures
    def signature(self, text: str) -> bytes:
        """The MinHash signature of ``text`` as bytes (shingle count + hash values)."""
        from datasketch import MinHash

        prototype = _prototype(self.num_perm)
        minhash = MinHash(
            num_perm=self.num_perm, seed=_SEED, permutations=prototype.permutations, scheme=prototype.scheme
        )
        shingles = _shingles(text, self.shingle_words)
        if shingles:
            minhash.update_batch(shingles)
        values: bytes = minhash.hashvalues.tobytes()
        return _HEADER.pack(len(shingles)) + values

    def _decode(self, signature: bytes) -> tuple[np.ndarray[Any, Any], int] | None:
        expected = _HEADER.size + self.num_perm * self._dtype.itemsize
        if len(signature) != expected:
            return None  # made with other settings: cannot be compared
        (count,) = _HEADER.unpack_from(signature)
        values = np.frombuffer(signature, dtype=self._dtype, offset=_HEADER.size)
        return values, count

    def _lean(self, values: np.ndarray[Any, Any]) -> Any:
        from datasketch import LeanMinHash

        return LeanMinHash(seed=_SEED, hashvalues=values, scheme=self._scheme)

    # ------------------------------------------------------------ index
    def add(self, article_id: str, signature: bytes, group: str | None = None) -> None:
        """Index an article. ``group`` None makes it the first of its own group."""
        decoded = self._decode(signature)
        if decoded is None or decoded[1] == 0 or article_id in self._entries:
            return
        values, count = decoded
        self._entries[article_id] = (values, count, group or article_id)
        self._lsh.insert(article_id, self._lean(values), check_duplication=False)

    def similarity(self, first: bytes, second: bytes) -> float:
        """Estimated containment of the smaller shingle set in the larger (0..1)."""
        a, b = self._decode(first), self._decode(second)
        if a is None or b is None:
            return 0.0
        return _containment(a[0], a[1], b[0], b[1])

    def find_group(self, signature: bytes) -> str | None:
        """The copy group the text belongs to, or None when it is not a copy."""
        decoded = self._decode(signature)
        if decoded is None or decoded[1] == 0 or not self._entries:
            return None
        values, count = decoded
        best_group: str | None = None
        best_score = 0.0
        for key in self._lsh.query(self._lean(values)):
            other_values, other_count, group = self._entries[key]
            score = _containment(values, count, other_values, other_count)
            if score >= self.threshold and score > best_score:
                best_group, best_score = group, score
        return best_group

    @classmethod
    def from_store_rows(
        cls,
        rows: Iterable[tuple[str, str | None, bytes | None]],
        threshold: float = 0.7,
        num_perm: int = 128,
        shingle_words: int = 5,
    ) -> CopyIndex:
        """Rebuild the index from stored ``(article_id, copy_group, signature)`` rows."""
        index = cls(threshold=threshold, num_perm=num_perm, shingle_words=shingle_words)
        for article_id, group, signature in rows:
            if signature:
                index.add(article_id, signature, group)
        return index


def _containment(a: np.ndarray[Any, Any], a_count: int, b: np.ndarray[Any, Any], b_count: int) -> float:
    if a_count == 0 or b_count == 0:
        return 0.0
    jaccard = float(np.count_nonzero(a == b)) / len(a)
    shared = jaccard * (a_count + b_count) / (1.0 + jaccard)
    return min(1.0, shared / min(a_count, b_count))

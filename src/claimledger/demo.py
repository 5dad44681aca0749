"""``claimledger demo``: the bundled sample corpus, ingested into a demo ledger.

The samples (``samples/``) are short articles written for this project that
restate publicly reported facts about two events of January 2023 (the strike
on Makiivka and the Orthodox Christmas ceasefire) from several sides, each
marked ``[SAMPLE]``. One is a trimmed wire copy of another, to show copy groups.
What the ledger then holds is shown by the command (``cli/commands/demo.py``).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from .ledger import Ledger, Stage
from .records import IngestReport


def samples_dir() -> Path:
    return Path(str(files("claimledger") / "samples"))


def ingest_samples(ledger: Ledger, *, stage: Stage | None = None) -> IngestReport:
    """Ingest, extract and link the samples (idempotent: a second run finds them all stored)."""
    return ledger.ingest([str(samples_dir())], command="demo", stage=stage)

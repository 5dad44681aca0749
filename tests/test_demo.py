"""`claimledger demo`: the bundled samples go in, and the ledger shows what they hold."""

from __future__ import annotations

from pathlib import Path

from claimledger import Ledger

from .conftest import Run


def test_demo_ingests_samples_and_groups_wire_copies(cli: Run, tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    result = cli("demo", "--db", str(db))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    assert "Figures" in result.stdout and "Claims" in result.stdout
    again = cli("demo", "--db", str(db))
    assert again.returncode == 0 and "ingested 0" in again.stderr
    with Ledger(db) as ledger:
        by_ref = {a.ref: a for a in ledger.articles()}
        assert len(by_ref) == 6
        wire, regional = by_ref["wire-makiivka-first-toll.txt"], by_ref["regional-makiivka-copy.txt"]
        assert wire.copy_group == regional.copy_group
        others = {by_ref[r].copy_group for r in by_ref if r not in (wire.ref, regional.ref)}
        assert wire.copy_group not in others and len(others) == 4
        assert all(a.title and a.title.startswith("[SAMPLE]") for a in by_ref.values())
        figures = list(ledger.figures())
        assert any(f.best == 63 and f.claimant.side == "russia" for f in figures)
        assert any(f.best == 89 and f.claimant.side == "russia" for f in figures)
        assert any(f.best == 400 and f.claimant.side == "ukraine" for f in figures)

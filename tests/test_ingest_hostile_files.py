"""Inputs that once went unnoticed or cost too much: links out of a directory, FIFOs,
unreadable files and directories, a huge JSON line, publication dates that are no dates.

Real files and real `claimledger` processes. Permission checks do not stop root, so as
root the command runs in a user namespace of its own (``unshare --user``), where root's
files are read with their owner's permissions, as any other user would.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from claimledger.ingest import read_sources
from claimledger.records import Article, Skip, SkipReason
from claimledger.settings import Settings

from .conftest import Run

STORY = "Officials said three shells hit a grain depot overnight near the river crossing. " * 3
SECRET = "root:x:0:0:this secret line must never reach the ledger\n" * 3


def articles_and_skips(inputs: list[str], settings: Settings) -> tuple[list[Article], list[Skip]]:
    got = list(read_sources(inputs, settings))
    return [r for r in got if isinstance(r, Article)], [r for r in got if isinstance(r, Skip)]


@pytest.fixture
def linked(tmp_path: Path) -> Path:
    """inbox/ with a story, links out of it (a file, a directory), a link within it, and a loop."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    (outside / "more").mkdir()
    (outside / "more" / "other.txt").write_text(SECRET, encoding="utf-8")
    inbox = tmp_path / "inbox"
    (inbox / "sub").mkdir(parents=True)
    (inbox / "sub" / "story.txt").write_text("Depot hit\n" + STORY, encoding="utf-8")
    (inbox / "passwd.txt").symlink_to(outside / "secret.txt")
    (inbox / "elsewhere").symlink_to(outside / "more", target_is_directory=True)
    (inbox / "same-story.txt").symlink_to(inbox / "sub" / "story.txt")
    (inbox / "loop-a.txt").symlink_to(inbox / "loop-b.txt")
    (inbox / "loop-b.txt").symlink_to(inbox / "loop-a.txt")
    (inbox / "sub" / "back").symlink_to(inbox, target_is_directory=True)  # a directory loop
    return inbox


def test_links_out_of_a_directory_are_skipped_with_a_reason(linked: Path) -> None:
    articles, skips = articles_and_skips([str(linked)], Settings())
    assert {a.ref for a in articles} == {"same-story.txt", "story.txt"}
    assert all("secret" not in a.text for a in articles)
    reasons = {Path(s.source).name: s.reason for s in skips}
    assert reasons == {"passwd.txt": SkipReason.LINK_OUTSIDE, "elsewhere": SkipReason.LINK_OUTSIDE,
                       "loop-a.txt": SkipReason.UNREADABLE, "loop-b.txt": SkipReason.UNREADABLE}
    [passwd] = [s for s in skips if s.source.endswith("passwd.txt")]
    assert "--follow-links" in passwd.message and str(linked.parent / "outside" / "secret.txt") in passwd.message


def test_follow_links_reads_them_and_walks_each_directory_once(linked: Path) -> None:
    articles, skips = articles_and_skips([str(linked)], Settings(follow_links=True))
    assert sorted(a.ref or "" for a in articles) == ["other.txt", "passwd.txt", "same-story.txt", "story.txt"]
    assert {Path(s.source).name for s in skips} <= {"loop-a.txt", "loop-b.txt"}


def test_a_fifo_in_a_directory_is_skipped_not_waited_on(cli: Run, tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "story.txt").write_text("Depot hit\n" + STORY, encoding="utf-8")
    os.mkfifo(inbox / "pipe.txt")
    os.mkfifo(inbox / "pipe.jsonl")
    result = cli("ingest", "--no-extract", str(inbox), timeout=60)
    assert result.returncode == 1, result.stderr
    assert "ingested 1," in result.stderr
    for name in ("pipe.txt", "pipe.jsonl"):
        assert f"{name}: unreadable: not a regular file" in result.stderr


def as_another_user(args: list[str]) -> list[str]:
    """``args`` run so that file permissions apply (see the module docstring)."""
    if os.geteuid() != 0:
        return args
    unshare = shutil.which("unshare")
    if unshare is None or subprocess.run([unshare, "--user", "true"], capture_output=True).returncode != 0:
        pytest.skip("running as root and cannot enter a user namespace (unshare --user), "
                    "so permissions cannot be denied to this test")
    return [unshare, "--user", *args]


def test_unreadable_files_and_directories_are_skipped_as_unreadable(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    (inbox / "locked").mkdir(parents=True)
    (inbox / "story.txt").write_text("Depot hit\n" + STORY, encoding="utf-8")
    (inbox / "locked" / "inside.txt").write_text(STORY.replace("grain", "fuel"), encoding="utf-8")
    (inbox / "closed.txt").write_text(STORY.replace("grain", "ammunition"), encoding="utf-8")
    (inbox / "closed.jsonl").write_text(json.dumps({"text": STORY.replace("grain", "coal")}) + "\n")
    for path in (inbox / "closed.txt", inbox / "closed.jsonl", inbox / "locked"):
        path.chmod(0)
    env = {**os.environ, "CLAIMLEDGER_DB": str(tmp_path / "ledger.db"), "CLAIMLEDGER_CACHE_DIR": ""}
    try:
        result = subprocess.run(
            as_another_user([sys.executable, "-m", "claimledger", "ingest", "--no-extract", str(inbox),
                             str(inbox / "closed.txt")]),
            capture_output=True, text=True, env=env, timeout=120)
        listed = subprocess.run([sys.executable, "-m", "claimledger", "skips", "--json"], capture_output=True,
                                text=True, env=env, timeout=120)
    finally:
        for path in (inbox / "closed.txt", inbox / "closed.jsonl", inbox / "locked"):
            path.chmod(0o755)
    assert result.returncode == 1, result.stderr
    assert "ingested 1," in result.stderr and "Traceback" not in result.stderr
    skips = [json.loads(line) for line in listed.stdout.splitlines()]
    by_name = {Path(s["source"]).name: s for s in skips}
    assert {name: s["reason"] for name, s in by_name.items()} == {
        "locked": "unreadable", "closed.txt": "unreadable", "closed.jsonl": "unreadable"}
    assert "cannot list the directory: permission denied" in by_name["locked"]["message"]
    assert "permission denied" in by_name["closed.txt"]["message"]
    assert sorted(Path(s["source"]).name for s in skips) == ["closed.jsonl", "closed.txt", "closed.txt", "locked"]


def test_a_huge_json_line_is_too_large_and_never_held_whole(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    line_bytes = 200 * 1024 * 1024
    with corpus.open("wb") as fh:
        fh.write(json.dumps({"id": "first", "text": STORY}).encode() + b"\n")
        fh.write(b'{"id": "huge", "text": "')
        block = b"word " * (1024 * 1024 // 5)
        for _ in range(line_bytes // len(block)):
            fh.write(block)
        fh.write(b'"}\n')
        fh.write(json.dumps({"id": "after", "text": STORY.replace("grain", "fuel")}).encode() + b"\n")
    probe = ("import atexit, resource, sys\n"
             "atexit.register(lambda: print('MAXRSS_KB', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,"
             " file=sys.stderr))\n"
             "from claimledger.cli import main\n"
             "sys.argv = ['claimledger', 'ingest', '--no-extract', '--max-bytes', '1000000', sys.argv[1]]\n"
             "main()\n")

    def ingest(path: Path) -> tuple[subprocess.CompletedProcess[str], float]:
        env = {**os.environ, "CLAIMLEDGER_DB": str(tmp_path / f"{path.stem}.db")}
        done = subprocess.run([sys.executable, "-c", probe, str(path)], capture_output=True, text=True, env=env,
                              timeout=300)
        return done, int(done.stderr.split("MAXRSS_KB")[1].split()[0]) / 1024

    small = tmp_path / "small.jsonl"
    small.write_text(json.dumps({"id": "first", "text": STORY}) + "\n", encoding="utf-8")
    _, baseline_mb = ingest(small)
    result, peak_mb = ingest(corpus)
    corpus.unlink()
    assert result.returncode == 1, result.stderr
    assert "ingested 2," in result.stderr
    assert "skip corpus.jsonl:2: too_large: line over the 1000000-byte limit" in result.stderr
    assert peak_mb < baseline_mb + 50, f"peak {peak_mb:.0f} MB against {baseline_mb:.0f} MB for a one-line corpus"


def test_publication_dates_that_are_no_dates_are_warnings(cli: Run, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus.jsonl"
    rows = [{"id": "a", "published": 1e308, "text": STORY},
            {"id": "b", "published": "0000-00-00", "text": STORY.replace("grain", "fuel")},
            {"id": "c", "published": "99999-01-01", "text": STORY.replace("grain", "coal")},
            {"id": "d", "published": "2023-01-05", "text": STORY.replace("grain", "salt")}]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    result = cli("ingest", "--no-extract", str(corpus))
    assert result.returncode == 0, result.stderr  # stored, with a note: no input was skipped
    assert "ingested 4, duplicates 0, copies 0, skipped 0" in result.stderr
    warnings = [line.strip() for line in result.stderr.splitlines() if line.strip().startswith("warning ")]
    assert len(warnings) == 3
    assert warnings[0].startswith("warning") and "corpus.jsonl:1: ignored_value: published '1e+308' ignored" in \
        warnings[0]
    assert "published '0000-00-00' ignored" in warnings[1] and "published '99999-01-01' ignored" in warnings[2]
    published = {json.loads(line)["ref"]: json.loads(line)["published"]
                 for line in cli("articles", "--json").stdout.splitlines()}
    assert published == {"a": None, "b": None, "c": None, "d": "2023-01-05"}
    listed = [json.loads(line) for line in cli("skips", "--json").stdout.splitlines()]
    assert [(s["line"], s["reason"]) for s in listed] == [(1, "ignored_value"), (2, "ignored_value"),
                                                          (3, "ignored_value")]

"""The gazetteer index is kept in a cache directory between runs; a bad cache is rebuilt."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from claimledger.settings import Settings, default_cache_dir

SCRIPT = """
import sys
from pathlib import Path
from claimledger.extract.vocabulary.gazetteer import load_gazetteer
g = load_gazetteer("russia-ukraine", Path(sys.argv[1]))
print(g.lookup("Makeyevka").name, g.lookup("Kramatorsk").country)
"""


def run(cache: Path) -> list[str]:
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(cache)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout.split()


def test_cache_written_then_read_and_damage_rebuilds(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    assert run(cache) == ["Makiivka", "UA"]
    files = list(cache.glob("gazetteer-*.pickle"))
    assert len(files) == 1
    written = files[0].stat()
    assert run(cache) == ["Makiivka", "UA"]
    # read, not rebuilt: a rebuild writes the cache again (a new file put in place)
    again = files[0].stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    assert list(cache.glob("gazetteer-*.pickle")) == files
    files[0].write_bytes(b"not a pickle")
    assert run(cache) == ["Makiivka", "UA"]  # rebuilt, and written again
    assert files[0].read_bytes() != b"not a pickle"


def test_cache_dir_from_environment() -> None:
    assert default_cache_dir({"CLAIMLEDGER_CACHE_DIR": "/x"}) == Path("/x")
    assert default_cache_dir({"CLAIMLEDGER_CACHE_DIR": ""}) is None
    assert default_cache_dir({"XDG_CACHE_HOME": "/c"}) == Path("/c/claimledger")
    assert default_cache_dir({"HOME": "/h"}) == Path("/h/.cache/claimledger")
    assert default_cache_dir({}) is None
    assert Settings.from_env({"HOME": "/h"}).cache_dir == Path("/h/.cache/claimledger")

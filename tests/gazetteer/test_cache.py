"""The index on disk: reused when current, rebuilt when stale, never seen half-written."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from gazetteer import Gazetteer, GazetteerError
from gazetteer.index import FORMAT_VERSION, IndexWriter, PlaceRow, read_meta
from gazetteer.packaged import ensure_packaged_index

KYIV = PlaceRow("703448", "Kyiv", "city", "UA", "12", 2_797_553, 50.45, 30.52, ("Kiev",))


def test_a_current_index_is_reused_not_rebuilt(gaz: Gazetteer) -> None:
    before = gaz.path.stat()
    ensure_packaged_index(gaz.path)
    after = gaz.path.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_failed_build_leaves_the_old_index_and_no_temporary_file(tmp_path: Path) -> None:
    out = tmp_path / "index.sqlite"
    with IndexWriter(out, source="test") as writer:
        writer.add(KYIV)
    with pytest.raises(RuntimeError), IndexWriter(out, source="test") as writer:
        writer.add(PlaceRow("1", "Elsewhere", "city", "UA", None, 0, 1.0, 1.0))
        raise RuntimeError("interrupted")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index.sqlite"]
    assert Gazetteer(out).geocode("Kiev").id == "703448"  # type: ignore[union-attr]
    assert Gazetteer(out).geocode("Elsewhere") is None


def test_files_that_are_not_current_indexes_are_refused(tmp_path: Path) -> None:
    text = tmp_path / "notes.sqlite"
    text.write_text("not a database")
    with pytest.raises(GazetteerError, match=r"notes\.sqlite is not a gazetteer index"):
        Gazetteer(text).geocode("Kyiv")
    old = tmp_path / "old.sqlite"
    with IndexWriter(old, source="test") as writer:
        writer.add(KYIV)
    with sqlite3.connect(old) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'format_version'")
    with pytest.raises(GazetteerError, match=r"old\.sqlite was built by another version"):
        Gazetteer(old).geocode("Kyiv")


def test_an_index_chosen_by_environment_is_never_built_over(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GEOEVENTS_GAZETTEER", str(tmp_path / "mine.sqlite"))
    with pytest.raises(GazetteerError, match=r"mine\.sqlite does not exist"):
        Gazetteer().geocode("Kyiv")
    assert list(tmp_path.iterdir()) == []


_OPEN_AND_GEOCODE = """
import json
from gazetteer import Gazetteer
gaz = Gazetteer()
print(json.dumps([gaz.geocode("Kyiv").id, gaz.info()["built_at"]]))
"""


@pytest.mark.slow
def test_a_stale_default_index_is_rebuilt_once_by_concurrent_processes(tmp_path: Path) -> None:
    stale = tmp_path / "gazetteer.sqlite"
    with IndexWriter(stale, source="test") as writer:
        writer.add(KYIV)
    with sqlite3.connect(stale) as db:
        db.execute("UPDATE meta SET value = '0' WHERE key = 'format_version'")
    env = {**os.environ, "GEOEVENTS_CACHE_DIR": str(tmp_path)}
    env.pop("GEOEVENTS_GAZETTEER", None)
    procs = [subprocess.Popen([sys.executable, "-c", _OPEN_AND_GEOCODE], env=env,
                              stdout=subprocess.PIPE, text=True) for _ in range(2)]
    answers = [json.loads(p.communicate(timeout=300)[0]) for p in procs]
    assert [a[0] for a in answers] == ["703448", "703448"]
    assert answers[0][1] == answers[1][1]  # one build, shared
    assert read_meta(stale)["format_version"] == FORMAT_VERSION
    assert int(read_meta(stale)["places"]) > 200_000
    assert not list(tmp_path.glob(".gazetteer-*.tmp"))

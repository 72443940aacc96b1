"""Files written whole or not at all (summarize/atomic.py), even under kill -9."""

from __future__ import annotations

import os
import signal
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from summarize.atomic import (
    atomic_open,
    atomic_write_text,
    check_writable,
    replace_directory,
    same_file,
)
from summarize.errors import InputError
from tests.conftest import ROOT

OLD = "the old, complete file\n"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_a_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text(OLD)
    atomic_write_text(target, "new\n")
    assert target.read_text() == "new\n" and _leftovers(tmp_path) == []


def test_an_error_inside_the_block_leaves_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text(OLD)
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half of the new ")
        raise RuntimeError("the run failed")
    assert target.read_text() == OLD and _leftovers(tmp_path) == []


def test_an_error_leaves_no_file_where_there_was_none(tmp_path: Path) -> None:
    target = tmp_path / "new.md"
    with pytest.raises(KeyboardInterrupt), atomic_open(target) as handle:
        handle.write("partial")
        raise KeyboardInterrupt
    assert not target.exists() and _leftovers(tmp_path) == []


def test_permission_bits_and_links_are_kept(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text(OLD)
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write_text(link, "new\n")
    assert link.is_symlink() and real.read_text() == "new\n"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_kill_9_during_a_write_leaves_the_old_file_or_the_new_one(tmp_path: Path) -> None:
    """A writer killed mid-write leaves the old file; one that finished, the new file."""
    target = tmp_path / "summaries.jsonl"
    target.write_text(OLD)
    new_line = '{"headline": "a complete record"}\n'
    writer = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from summarize.atomic import atomic_open\n"
        "with atomic_open(Path(sys.argv[1])) as out:\n"
        "    for _ in range(200):\n"
        f"        out.write({new_line!r}); out.flush()\n"
        "        print('wrote', flush=True)\n"
        "        time.sleep(float(sys.argv[2]))\n"
    )

    def start(delay: float) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-c", writer, str(target), str(delay)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )

    slow = start(0.05)
    assert slow.stdout is not None
    for _ in range(5):  # several lines are in the temporary file now
        assert slow.stdout.readline() == "wrote\n"
    os.kill(slow.pid, signal.SIGKILL)
    slow.wait(timeout=10)
    assert slow.returncode == -signal.SIGKILL
    assert target.read_text() == OLD  # never a partial file
    assert len(_leftovers(tmp_path)) == 1  # the killed writer's temporary file, beside it

    fast = start(0.0)
    fast.communicate(timeout=60)
    assert fast.returncode == 0
    assert target.read_text() == new_line * 200


def test_a_folder_is_replaced_whole(tmp_path: Path) -> None:
    destination = tmp_path / "recorded"
    (destination / "responses").mkdir(parents=True)
    (destination / "responses" / "old.json").write_text("{}")
    built = tmp_path / "staging"
    (built / "responses").mkdir(parents=True)
    (built / "responses" / "new.json").write_text("{}")
    replace_directory(built, destination)
    assert [p.name for p in (destination / "responses").iterdir()] == ["new.json"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["recorded", "staging"]


def test_a_failed_folder_copy_leaves_the_old_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    destination = tmp_path / "recorded"
    destination.mkdir()
    (destination / "old.json").write_text("{}")
    built = tmp_path / "staging"
    built.mkdir()
    (built / "new.json").write_text("{}")

    def full_disk(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("shutil.copytree", full_disk)
    with pytest.raises(OSError):
        replace_directory(built, destination)
    assert [p.name for p in destination.iterdir()] == ["old.json"]


def test_unwritable_outputs_are_refused_before_any_work(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="does not exist"):
        check_writable(tmp_path / "missing" / "out.json")
    (tmp_path / "a-file").write_text("x")
    with pytest.raises(InputError, match="does not exist"):
        check_writable(tmp_path / "a-file" / "out.json")
    with pytest.raises(InputError, match="is a directory"):
        check_writable(tmp_path)
    check_writable(tmp_path / "fine.json")
    assert list(tmp_path.iterdir()) == [tmp_path / "a-file"]  # the probe is gone


def test_same_file_sees_through_spellings_and_links(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.txt"
    article.write_text("text")
    (tmp_path / "link.txt").symlink_to(article)
    monkeypatch.chdir(tmp_path)
    assert same_file(Path("a.txt"), article)
    assert same_file(tmp_path / "link.txt", article)
    assert same_file(Path("sub/../new.txt"), tmp_path / "new.txt")  # neither exists yet
    assert not same_file(tmp_path / "b.txt", article)


def test_a_device_is_written_in_place_never_replaced(tmp_path: Path) -> None:
    """``-o /dev/null`` must not swap the device for a regular file (as root it could)."""
    null = Path(os.devnull)
    check_writable(null)
    atomic_write_text(null, "discarded\n")
    assert stat.S_ISCHR(null.stat().st_mode)
    assert not [p for p in null.parent.iterdir() if p.name.startswith(".null.")]

"""Files written whole or not at all.

Every file the program writes goes to a temporary file in the target's own folder and is
renamed over the target only once it is complete (``os.replace`` is atomic on one file
system). A run that fails, is interrupted or is killed (even ``kill -9``) leaves the old
file as it was; at worst a hidden ``.<name>.<random>.tmp`` file is left beside it.
(The ``atomicwrites`` package did this once; it is archived and unmaintained.)
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from summarize.errors import InputError

TEMP_SUFFIX = ".tmp"


def _is_special(path: Path) -> bool:
    """Whether ``path`` names an existing file that is not a regular one (``/dev/null``, a
    pipe, a terminal, ``/dev/stdout``): it is written in place, never replaced."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _target(path: Path) -> Path:
    """The file to replace: a symbolic link's target, so that the link stays a link."""
    return path.resolve() if path.is_symlink() else path


def _temp_beside(target: Path) -> Path:
    return target.with_name(f".{target.name}.{secrets.token_hex(4)}{TEMP_SUFFIX}")


def _cannot_write(path: Path, exc: OSError) -> InputError:
    reason = exc.strerror or type(exc).__name__
    return InputError(f"{path}: cannot write here ({reason}); choose another output path")


def check_writable(path: Path) -> None:
    """Refuse, before any work, an output path that cannot be written: a folder, or a file
    in a folder that is missing or not writable (tried for real, so root is checked too)."""
    if path.is_dir():
        raise InputError(f"{path} is a directory; name a file to write")
    if _is_special(path):
        if not os.access(path, os.W_OK):
            raise _cannot_write(path, PermissionError(13, "Permission denied"))
        return
    target = _target(path)
    if not target.parent.is_dir():
        raise InputError(
            f"{path}: the folder {target.parent} does not exist; create it or choose "
            "another output path"
        )
    probe = _temp_beside(target)
    try:
        os.close(os.open(probe, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    probe.unlink(missing_ok=True)


def same_file(first: Path, second: Path) -> bool:
    """Whether two paths name one file (links and relative spellings included)."""
    try:
        return os.path.samefile(first, second)
    except OSError:  # one of them does not exist yet
        return first.resolve() == second.resolve()


def _sync_folder(folder: Path) -> None:
    """Make a rename durable; not every system can open a folder, which is fine."""
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


@contextlib.contextmanager
def atomic_open(path: Path, *, encoding: str = "utf-8") -> Iterator[TextIO]:
    """A text file that replaces ``path`` when the ``with`` block ends without an error.

    An exception (or an interruption) inside the block removes the temporary file and
    leaves ``path`` as it was. A replaced file keeps its permission bits; a new one gets
    the usual ones (0666 less the umask). A device or pipe is written in place.
    """
    if _is_special(path):
        with open(path, "w", encoding=encoding) as handle:
            yield handle
        return
    target = _target(path)
    temp = _temp_beside(target)
    try:
        descriptor = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(descriptor, "w", encoding=encoding) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temp, stat.S_IMODE(target.stat().st_mode))
        os.replace(temp, target)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    _sync_folder(target.parent)


def atomic_write_text(path: Path, text: str, *, encoding: str = "utf-8") -> None:
    """Write ``text`` to ``path`` whole or not at all."""
    try:
        with atomic_open(path, encoding=encoding) as handle:
            handle.write(text)
    except OSError as exc:  # e.g. the disk filled up while writing
        raise _cannot_write(path, exc) from None


def replace_directory(built: Path, destination: Path) -> None:
    """Put the complete folder ``built`` in place of ``destination``.

    ``built`` is first copied beside ``destination`` (same file system), then the old
    folder is moved aside and the new one renamed into place, and only then is the old
    one removed: an interruption leaves the old folder, or the new one, whole.
    """
    destination = destination.absolute()
    destination.parent.mkdir(parents=True, exist_ok=True)
    token = secrets.token_hex(4)
    staged = destination.with_name(f".{destination.name}.{token}{TEMP_SUFFIX}")
    retired = destination.with_name(f".{destination.name}.{token}.old")
    try:
        shutil.copytree(built, staged)
        if destination.exists():
            os.replace(destination, retired)
        os.replace(staged, destination)
    except BaseException:
        if retired.exists() and not destination.exists():
            os.replace(retired, destination)
        shutil.rmtree(staged, ignore_errors=True)
        raise
    _sync_folder(destination.parent)
    shutil.rmtree(retired, ignore_errors=True)

"""Write a deck atomically and reproducibly: same input, same bytes; a failed write keeps the old deck."""

from __future__ import annotations

import os
import stat
import tempfile
import time
from pathlib import Path

from .errors import DeckError, Problem

REPLACE_TRIES = 5  # a virus scanner or indexer may hold a fresh file for a moment on Windows


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside path, then rename it into place.

    The new file gets the mode of the file it replaces (or what the umask allows), never the
    temporary file's 0600. A target that cannot be replaced (open in PowerPoint, read-only, a
    folder) is a DeckError; the old file stays as it was and no temporary file is left.
    """
    path = Path(path)
    if path.is_dir():
        raise DeckError(Problem("", f"cannot write {path}: it is a folder; give a file name such as {path / 'deck.pptx'}"))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DeckError(Problem("", f"cannot create the folder {path.parent}: {_reason(exc)}")) from None
    for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a build that was killed while writing
        try:
            stale.unlink()
        except OSError:
            pass
    mode = _mode(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise DeckError(Problem("", f"cannot write in the folder {path.parent}: {_reason(exc)}")) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        try:
            os.chmod(tmp, mode)
        except OSError:  # a share that keeps its own permissions
            pass
        _replace(tmp, path)
    except BaseException as exc:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        if isinstance(exc, PermissionError) or (isinstance(exc, OSError) and path.is_dir()):
            raise DeckError(Problem("", f"cannot replace {path}: is it open in PowerPoint? Close it and build again")) from None
        if isinstance(exc, OSError):
            raise DeckError(Problem("", f"cannot write {path}: {_reason(exc)}")) from None
        raise


def _replace(tmp: str, path: Path) -> None:
    for attempt in range(REPLACE_TRIES):
        try:
            os.replace(tmp, path)
            return
        except PermissionError:
            if attempt == REPLACE_TRIES - 1:
                raise
            time.sleep(0.1 * (attempt + 1))


def _mode(path: Path) -> int:
    """The permission bits for path: those of the file it replaces, else what the umask allows."""
    try:
        return stat.S_IMODE(path.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _reason(exc: OSError) -> str:
    return exc.strerror or str(exc)

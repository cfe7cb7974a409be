"""Write a deck atomically and reproducibly: same input, same bytes; a failed write keeps the old deck."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import stat
import tempfile
import time
import zipfile
from pathlib import Path

from .errors import DeckError, Problem

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # as pptxlib writes the deck's own members


def set_properties(prs, title: str, author: str, day: dt.date, language: str = "") -> None:
    """Core properties from the review (its language too), never python-pptx's defaults."""
    props = prs.core_properties
    props.language = language
    stamp = dt.datetime(day.year, day.month, day.day)
    props.title = title
    props.author = author
    props.last_modified_by = author
    props.created = stamp
    props.modified = stamp
    props.revision = 1
    props.comments = ""
    props.subject = ""
    props.keywords = ""


def _stable_zip(data: bytes, fix=None) -> bytes:
    """Rewrite a zip with fixed timestamps; `fix(name, bytes)` may rewrite a member."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=FIXED_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            body = src.read(info.filename)
            dst.writestr(fixed, fix(info.filename, body) if fix else body)
    return out.getvalue()


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def _fix_sheet_member(name: str, body: bytes) -> bytes:
    if name == "docProps/core.xml":
        return _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", body)
    return body


def deck_bytes(prs) -> bytes:
    """The presentation as a zip with fixed timestamps, so equal decks are equal bytes (a native
    chart's embedded sheet, which xlsxwriter stamps with the time, is made stable too)."""
    from .pptxlib import package_bytes

    def fix(name: str, blob: bytes) -> bytes:
        return _stable_zip(blob, _fix_sheet_member) if name.endswith(".xlsx") else blob

    return package_bytes(prs, fix)


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

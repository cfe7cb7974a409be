"""Write a deck atomically and reproducibly: same input, same bytes; a failed write keeps the old deck."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)


def set_properties(prs, title: str, author: str, day: dt.date) -> None:
    """Core properties from the review, never python-pptx's defaults."""
    props = prs.core_properties
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


STORED = (".png", ".jpeg", ".jpg", ".xlsx")  # compressed already: deflating them again gains nothing


def deck_bytes(prs) -> bytes:
    """The presentation as a zip with fixed timestamps, so equal decks are equal bytes.

    python-pptx stamps every zip member with the current time; its zip writer is given fixed
    ones for the duration of the save (compressing once, not saving and re-zipping). Parts
    whose content is still being made (charts drawn in another process) are written last.
    """
    from pptx.opc import serialized

    from .render.slides import ChartPicturePart

    def write(self, pack_uri, blob: bytes) -> None:
        name = pack_uri.membername
        if name.endswith(".xlsx"):  # a native chart's sheet: xlsxwriter stamps it with the time
            blob = _stable_zip(blob, _fix_sheet_member)
        info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
        info.compress_type = zipfile.ZIP_STORED if name.endswith(STORED) else zipfile.ZIP_DEFLATED
        info.external_attr = 0o600 << 16
        self._zipf.writestr(info, blob)

    package = prs.part.package
    parts = sorted(package.iter_parts(), key=lambda part: isinstance(part, ChartPicturePart))
    original = serialized._ZipPkgWriter.write
    serialized._ZipPkgWriter.write = write
    try:
        raw = io.BytesIO()
        serialized.PackageWriter.write(raw, package._rels, parts)
    finally:
        serialized._ZipPkgWriter.write = original
    return raw.getvalue()


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside path, then rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f".{path.name}.*.tmp"):  # left by a build that was killed while writing
        stale.unlink(missing_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise

"""A small content-addressed cache on disk, git-ignored: what each stage of a build made
(validated files, brands, word widths, survey aggregates, planned sections, rendered slides,
chart pictures, prepared templates).

Entries are keyed by a hash of everything that makes them, the generator's version
included, so a stale entry is never read: it is simply never asked for again. Those no build
has used for KEEP_DAYS are swept away (see Cache.sweep), so the folder does not grow without
end while a consultant edits.
"""

from __future__ import annotations

import hashlib
import os
import time
from pathlib import Path

from . import __version__

DEFAULT_DIR = Path(".cache") / "deckgen"
DAY = 24 * 3600
KEEP_DAYS = 30  # an entry no build used for this long is swept away


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


_CODE: list[str] = []


def code_digest() -> str:
    """A digest of deckgen's own source, every module of it: part of the key of everything the
    cache keeps that code made, so a changed deckgen never reads what an earlier one wrote,
    whichever module changed. A module counts by its size and time of change, the rule by
    which Python itself decides that a module's compiled bytecode is still good."""
    if not _CODE:
        here = os.path.dirname(os.path.abspath(__file__))
        h = hashlib.sha256(__version__.encode())
        for folder, _, names in sorted(os.walk(here)):
            for name in sorted(n for n in names if n.endswith(".py")):
                stat = os.stat(os.path.join(folder, name))
                where = os.path.relpath(os.path.join(folder, name), here).replace(os.sep, "/")
                h.update(f"{where}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
        _CODE.append(h.hexdigest())
    return _CODE[0]


_FILES: dict[tuple[str, int, int], str] = {}


def file_digest(path: Path) -> str:
    """The digest of a file's bytes, read once per process and version of the file (font files
    and templates are hashed by several caches of one build)."""
    stat = path.stat()
    key = (os.path.abspath(path), stat.st_size, stat.st_mtime_ns)
    if key not in _FILES:
        _FILES[key] = digest(path.read_bytes())
    return _FILES[key]


class Cache:
    """get/put bytes by (kind, key); a Cache(None) reads and writes nothing (--no-cache)."""

    def __init__(self, root: Path | None = DEFAULT_DIR):
        env = os.environ.get("DECKGEN_CACHE")  # a folder, or "off"
        if env and root == DEFAULT_DIR:
            root = None if env == "off" else Path(env)
        self.root = root

    @property
    def enabled(self) -> bool:
        return self.root is not None

    def _path(self, kind: str, key: str) -> str:
        # os.path: a build asks for a hundred entries, and pathlib's joins cost more than the reads
        return os.path.join(self.root, kind, key[:2], key)

    def get(self, kind: str, key: str) -> bytes | None:
        if self.root is None:
            return None
        path = self._path(kind, key)
        try:
            with open(path, "rb") as fh:
                data = fh.read()
                used = os.fstat(fh.fileno()).st_mtime
        except OSError:
            return None
        if time.time() - used > DAY:  # in use: kept from the sweep (its time renewed once a day at most)
            try:
                os.utime(path)
            except OSError:
                pass
        return data

    def put(self, kind: str, key: str, data: bytes) -> None:
        if self.root is None:
            return
        path = self._path(kind, key)
        tmp = f"{path}.{os.getpid()}.tmp"
        try:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            with open(tmp, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written is only slower

    def sweep(self) -> int:
        """Remove the entries no build has used for KEEP_DAYS; at most once a day (a stamp file
        says when). Returns how many were removed."""
        if self.root is None:
            return 0
        stamp = os.path.join(self.root, ".swept")
        now = time.time()
        try:
            if now - os.stat(stamp).st_mtime < DAY:
                return 0
        except OSError:
            pass
        removed = 0
        for folder, _, files in os.walk(self.root):
            for name in files:
                path = os.path.join(folder, name)
                try:
                    if path != stamp and now - os.stat(path).st_mtime > KEEP_DAYS * DAY:
                        os.remove(path)
                        removed += 1
                except OSError:
                    pass
        try:
            os.makedirs(self.root, exist_ok=True)
            with open(stamp, "wb"):
                pass
        except OSError:
            pass
        return removed

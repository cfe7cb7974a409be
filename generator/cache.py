"""A small content-addressed cache on disk (survey aggregates, chart images), git-ignored.

Entries are keyed by a hash of everything that makes them, the generator's version
included, so a stale entry is never read: it is simply never asked for again.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from . import __version__

DEFAULT_DIR = Path(".cache") / "deckgen"


def digest(*parts: bytes | str) -> str:
    h = hashlib.sha256(__version__.encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


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

    def _path(self, kind: str, key: str) -> Path:
        return self.root / kind / key[:2] / key

    def get(self, kind: str, key: str) -> bytes | None:
        if self.root is None:
            return None
        try:  # os.path: a build asks for a hundred entries, and pathlib's joins cost more than the reads
            with open(os.path.join(self.root, kind, key[:2], key), "rb") as fh:
                return fh.read()
        except OSError:
            return None

    def put(self, kind: str, key: str, data: bytes) -> None:
        if self.root is None:
            return
        path = self._path(kind, key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except OSError:
            pass  # a cache that cannot be written is only slower

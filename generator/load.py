"""Load YAML safely, keeping the line of every key and list item."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import yaml

from .errors import DeckError, Problem

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 40  # nesting of mappings and lists
MAX_VALUES = 200_000  # keys, items and scalars after aliases are expanded ("billion laughs")
STANDARD_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:omap"}

Path_ = tuple  # a key path: ("chapters", 1, "slides", 0)


class Positions(dict):
    """Maps a key path (tuple of keys and indexes) to its 1-based line in the file."""

    def line(self, path: tuple) -> int | None:
        path = tuple(path)
        while path:
            if path in self:
                return self[path]
            path = path[:-1]
        return self.get((), None)


def key_path(path: tuple) -> str:
    """Render ("chapters", 1, "title") as "chapters[1].title"."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


class _Loader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):
    """The safe loader (libyaml's when installed); _construct builds the values from its nodes,
    refusing duplicate keys, tags and alias bombs."""

    def __init__(self, stream):
        super().__init__(stream)
        self.values = 0


def _construct(node: yaml.Node, loader: _Loader, path: tuple, pos: Positions, file: str) -> Any:
    loader.values += 1
    if loader.values > MAX_VALUES:
        raise DeckError(Problem(file, f"the file expands to more than {MAX_VALUES} values (through aliases?): refused", node.start_mark.line + 1))
    if len(path) > MAX_DEPTH:
        raise DeckError(Problem(file, f"nested more than {MAX_DEPTH} levels deep (a recursive alias?): refused", node.start_mark.line + 1))
    if not isinstance(node, yaml.ScalarNode) and node.tag not in STANDARD_TAGS:
        raise DeckError(Problem(file, f"tags (!name) are not allowed: '{node.tag}'", node.start_mark.line + 1, key_path(path) or None))
    pos.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        loader.flatten_mapping(node)
        result: dict = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)
            if not isinstance(key, (str, int, float, bool)) or key is None:
                raise DeckError(Problem(file, "a key must be plain text", key_node.start_mark.line + 1, key_path(path)))
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                raise DeckError(
                    Problem(
                        file,
                        f"duplicate key '{key}' (first on line {pos[path + (key,)]})",
                        key_node.start_mark.line + 1,
                        key_path(path + (key,)),
                    )
                )
            pos[path + (key,)] = key_node.start_mark.line + 1
            result[key] = _construct(value_node, loader, path + (key,), pos, file)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_construct(item, loader, path + (i,), pos, file) for i, item in enumerate(node.value)]
    value = loader.construct_object(node, deep=True)
    if isinstance(value, str) and _CONTROL.search(value):
        value = _CONTROL.sub(" ", value)  # XML cannot hold them (a vertical tab pasted from Excel, ...)
    return value


_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, Positions]:
    """Read one YAML file; return its data and the line of every key path.

    Raises DeckError naming the file and line for unreadable, oversized or malformed files.
    """
    name = display or str(path)
    return parse_yaml(read_file(path, name), name)


def read_file(path: Path, name: str) -> bytes:
    """A content file's bytes; DeckError naming it where it cannot be read or is too large."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise DeckError(Problem(name, f"file is {size} bytes; at most {MAX_FILE_BYTES} are read"))
        return path.read_bytes()
    except OSError as exc:
        raise DeckError(Problem(name, f"cannot read: {exc.strerror or exc}")) from None


def parse_yaml(raw: bytes, name: str) -> tuple[Any, Positions]:
    """The data of a YAML file's bytes and the line of every key path (DeckError as load_yaml)."""
    key = (name, hashlib.sha1(raw).hexdigest())
    if key in _parsed:  # unchanged since the last build in this process (deckgen watch)
        return _parsed[key]
    data, pos = _parse(raw, name)
    _parsed[key] = (data, pos)
    if len(_parsed) > 512:
        _parsed.pop(next(iter(_parsed)))
    return data, pos


_parsed: dict[tuple[str, str], tuple[Any, Positions]] = {}


def _parse(raw: bytes, name: str) -> tuple[Any, Positions]:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DeckError(Problem(name, "not UTF-8 text; save the file as UTF-8", line)) from None
    pos = Positions()
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, pos
        data = _construct(node, loader, (), pos, name)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        what = exc.problem or "invalid YAML"
        if mark is not None and "cannot start any token" in what:
            row = text.splitlines()[mark.line] if mark.line < len(text.splitlines()) else ""
            char = row[mark.column] if mark.column < len(row) else ""
            what = ("a tab where YAML needs spaces: indent with spaces, never tabs" if char == "\t"
                    else f"found {char!r}, which cannot start a value here (put the text in double quotes)")
        if "could not determine a constructor" in what:
            what = "tags (!name) are not allowed: " + what.split("for the tag", 1)[-1].strip()
        raise DeckError(Problem(name, what, line)) from None
    except yaml.YAMLError as exc:
        raise DeckError(Problem(name, f"invalid YAML: {exc}")) from None
    except RecursionError:
        raise DeckError(Problem(name, "nested too deeply: refused")) from None
    finally:
        loader.dispose()
    return data, pos

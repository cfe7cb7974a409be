"""Surgical edits of a YAML file's text: a string replaced, a list item inserted after another
or removed. Only the lines of the edited values change; comments, key order, quoting and the
`$schema` line stay as they were."""

from __future__ import annotations

import json
from dataclasses import dataclass

import yaml


class NotEditable(Exception):
    """The edit cannot be made in place (the value is not where or what it was expected to be)."""


@dataclass
class Edit:
    kind: str  # "replace", "insert" (after the item at path), "delete"
    path: tuple  # the model's key path of the string (or of the item)
    text: str = ""
    seq: int = 0  # items inserted after the same item keep this order


def _node_at(root, path: tuple):
    """The YAML node of a model path. A plain string stands where the model has {text: ...} or a
    one-item list; a list stands where the model has {items: [...]}."""
    node = root
    for i, key in enumerate(path):
        if isinstance(node, yaml.ScalarNode):
            if key in ("text", 0) and i == len(path) - 1:
                return node
            raise NotEditable(f"no value at {path}")
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == key), None)
            if found is None:
                raise NotEditable(f"no key {key!r} at {path[:i]}")
            node = found
        elif isinstance(node, yaml.SequenceNode):
            if key == "items" and isinstance(node, yaml.SequenceNode):
                continue
            if not isinstance(key, int) or key >= len(node.value):
                raise NotEditable(f"no item {key!r} at {path[:i]}")
            node = node.value[key]
    return node


def scalar(text: str, like: str | None = None) -> str:
    """text as a YAML scalar: plain where that reads back the same, else quoted as the old one
    was (single or double), else double-quoted."""
    if like in ("'", '"') and "\n" not in text:
        return "'" + text.replace("'", "''") + "'" if like == "'" else json.dumps(text, ensure_ascii=False)
    if "\n" not in text and text == text.strip() and text:
        try:
            if yaml.safe_load(f"k: {text}") == {"k": text} and yaml.safe_load(f"- {text}") == [text] and "#" not in text:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)


def _text_node(node):
    """An item's text scalar: the item itself, or its `text:` value."""
    if isinstance(node, yaml.MappingNode):
        return next((v for k, v in node.value if k.value == "text"), node)
    return node


def _item_line(source: str, node) -> tuple[int, int, str]:
    """(start of the line of the item's dash, end of the item's last line, the dash line's indent)."""
    start = node.start_mark.index
    dash = source.rfind("-", 0, start)
    line_start = source.rfind("\n", 0, dash) + 1
    end = node.end_mark.index
    while end > start and source[end - 1] in " \n\r\t":
        end -= 1
    line_end = source.find("\n", end)
    return line_start, len(source) if line_end == -1 else line_end, source[line_start:dash]


def apply(source: str, edits: list[Edit]) -> str:
    """source with the edits made, each in place; NotEditable for one that cannot be."""
    root = yaml.compose(source, Loader=yaml.SafeLoader)
    changes: list[tuple[int, int, tuple, str]] = []  # (start, end, order, new text)
    for edit in edits:
        node = _node_at(root, edit.path)
        if edit.kind == "replace":
            if not isinstance(node, yaml.ScalarNode):
                raise NotEditable(f"{edit.path} is not text")
            like = node.style if node.style in ("'", '"') else None
            changes.append((node.start_mark.index, node.end_mark.index, (1, 0), scalar(edit.text, like)))
            continue
        parent = _node_at(root, edit.path[:-1])
        if not isinstance(parent, yaml.SequenceNode):
            raise NotEditable(f"{edit.path[:-1]} is not a list")
        if parent.flow_style:  # [a, b]
            if edit.kind == "insert":
                changes.append((node.end_mark.index, node.end_mark.index, (0, edit.seq), ", " + scalar(edit.text)))
            else:
                i = parent.value.index(node)
                if len(parent.value) == 1:
                    changes.append((node.start_mark.index, node.end_mark.index, (1, 0), ""))
                elif i + 1 < len(parent.value):
                    changes.append((node.start_mark.index, parent.value[i + 1].start_mark.index, (1, 0), ""))
                else:
                    changes.append((parent.value[i - 1].end_mark.index, node.end_mark.index, (1, 0), ""))
            continue
        line_start, line_end, indent = _item_line(source, node)
        if edit.kind == "insert":  # quoted as its neighbour is
            like = _text_node(node).style if _text_node(node).style in ("'", '"') else None
            changes.append((line_end, line_end, (0, edit.seq), f"\n{indent}- {scalar(edit.text, like)}"))
        else:
            changes.append((line_start, min(line_end + 1, len(source)), (1, 0), ""))
    for start, end, _, text in sorted(changes, key=lambda c: (c[0], c[2]), reverse=True):
        source = source[:start] + text + source[end:]
    return source

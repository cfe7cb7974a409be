"""`deckgen pull`: a reviewed deck's edits back into the YAML it was built from.

At build time every text box of the plan is named with a marker (" #f12") and the deck carries
a manifest (a custom document property, which PowerPoint and LibreOffice keep): for each
marked box, the file and key of every paragraph, a hash of the text it showed and of the whole
string it came from. A pull reads the reviewed deck, aligns each box's paragraphs with the
manifest's, joins paragraphs split over columns or slides, and turns the differences into
edits of the YAML: reworded strings, removed and inserted list items, renamed titles. Where
the YAML changed since the build and the reviewer changed the same text, it is a conflict.
"""

from __future__ import annotations

import base64
import json
import re
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DeckError, Problem
from .manifest import DECORATION, PROPERTY, digest

MARKER = re.compile(r" #f(\d+)$")
SUB_MARGIN = 300_000  # EMU: a paragraph indented further is a sub-bullet


def read_manifest(prs) -> dict | None:
    from .pptxlib import custom_property

    raw = custom_property(prs, PROPERTY)
    if not raw:
        return None
    try:
        return json.loads(zlib.decompress(base64.b64decode(raw)).decode("utf-8"))
    except (ValueError, zlib.error):
        return None


# ---- reading the reviewed deck ------------------------------------------------------------------
@dataclass
class Shown:
    """A paragraph of the reviewed deck."""

    text: str
    sub: bool


def _paragraphs(shape) -> list[Shown]:
    from pptx.oxml.ns import qn

    out = []
    for p in shape.text_frame._txBody.iter(qn("a:p")):
        text = "".join(t.text or "" for t in p.iter(qn("a:t"))).strip()
        if not text:
            continue
        ppr = p.find(qn("a:pPr"))
        margin = int(ppr.get("marL", "0")) if ppr is not None else 0
        level = int(ppr.get("lvl", "0")) if ppr is not None else 0
        out.append(Shown(text, margin >= SUB_MARGIN or level >= 1))
    return out


def _title(slide) -> str:
    title = slide.shapes.title
    return DECORATION.sub("", " ".join(title.text_frame.text.split())) if title is not None and title.has_text_frame else ""


# ---- the pull -------------------------------------------------------------------------------
@dataclass
class Change:
    file: str
    kind: str  # replace, insert, delete
    path: tuple
    text: str = ""
    slide: int = 0
    seq: int = 0  # the order of paragraphs inserted after the same item


@dataclass
class Result:
    diffs: dict[str, str] = field(default_factory=dict)  # file -> unified diff
    pulled: list[str] = field(default_factory=list)
    not_pulled: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    new_text: dict[str, str] = field(default_factory=dict)  # file -> its new text


def pull(deck: Path, content_dir: Path) -> Result:
    """What the reviewed deck changes in the review folder (nothing is written here)."""
    from .load import load_yaml
    from .template import open_presentation
    from .validate import load_content

    content = load_content(content_dir)
    prs = open_presentation(deck)
    data = read_manifest(prs)
    name = Path(deck).name
    if data is None:
        raise DeckError(Problem(name, "not a deck built by deckgen (it carries no deckgen manifest); pull reads decks that "
                                      "`deckgen build` wrote and reviewers edited"))
    if data.get("title") != content.review.title:
        raise DeckError(Problem(name, f"not a deck built from this review: it is '{data.get('title')}', the review in "
                                      f"{Path(content_dir).as_posix()} is '{content.review.title}'"))
    files = {src.name: src.path for src in content.sources.values()}
    values: dict[tuple, str | None] = {}

    def current(file: str, path: tuple) -> str | None:
        """The string at path in the file as it is now (None where there is none)."""
        key = (file, path)
        if key not in values:
            value = None
            if file in files:
                node, _ = load_yaml(files[file], file)
                value = _value_at(node, path)
            values[key] = value if isinstance(value, str) else None
        return values[key]

    result = Result()
    changes: list[Change] = []
    shown_by_source: dict[tuple, list[tuple[int, str, int]]] = {}  # source -> [(part, text, slide)]
    sources_seen: dict[tuple, dict] = {}  # source -> its manifest entry
    slides = list(prs.slides)
    frames = data["frames"]
    for number, slide in enumerate(slides, 1):
        for shape in slide.shapes:
            match = MARKER.search(shape.name or "") if shape.has_text_frame else None
            if match is None or int(match.group(1)) >= len(frames):
                continue
            built_slide, expected = frames[int(match.group(1))]
            _align(expected, _paragraphs(shape), number, shown_by_source, sources_seen, changes, result)
    # whole strings: the parts joined, compared with the build and with the file as it is now
    for source, parts in shown_by_source.items():
        entry = sources_seen[source]
        file, path = source
        new = " ".join(t for _, t, _ in sorted(parts, key=lambda item: item[0]))
        slide = parts[0][2]
        if digest(new) == entry["whole"]:
            continue  # as built
        if entry["template"]:
            result.not_pulled.append(f"slide {slide}: '{_short(new)}': the text comes from a {{{{ }}}} expression in {file}; edit it there")
            continue
        now = current(file, path)
        if now is None:
            result.not_pulled.append(f"slide {slide}: '{_short(new)}': {file} no longer has {_key(path)}")
            continue
        if digest(now) != entry["whole"] and digest(now) != digest(new):
            result.conflicts.append(f"slide {slide}: {file}: {_key(path)}\n    the file now: {now}\n    the reviewer: {new}")
            continue
        if digest(now) == digest(new):
            continue
        changes.append(Change(file, "replace", path, new, slide))
    _titles(data, slides, current, changes, result)
    _write(changes, files, result)
    return result


def _align(expected: list, shown: list[Shown], slide: int, by_source: dict, seen: dict, changes: list[Change], result: Result) -> None:
    """Pair a box's reviewed paragraphs with the ones it was built with: equal ones by their text,
    the rest in order; what remains is a deleted or an inserted paragraph."""
    import difflib

    old = [e[3] for e in expected]
    new = [digest(s.text) for s in shown]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        pairs = list(zip(range(i1, i2), range(j1, j2)))
        for i, j in pairs:  # equal, or reworded in place
            file, path, whole, _, style, part, template = expected[i]
            if file is None:
                if tag != "equal":
                    result.not_pulled.append(f"slide {slide}: '{_short(shown[j].text)}': made by deckgen (an index, a list or a "
                                             "repeated heading), not written in the YAML")
                continue
            source = (file, tuple(path))
            seen[source] = {"whole": whole, "template": template, "style": style}
            by_source.setdefault(source, []).append((part, shown[j].text, slide))
        for i in range(i1 + len(pairs), i2):  # deleted paragraphs
            file, path, whole, _, style, part, template = expected[i]
            if file is None:
                continue
            if part or style not in ("bullet", "sub", "number", "body"):
                result.not_pulled.append(f"slide {slide}: a deleted {style} ({_key(tuple(path))} in {file}): only whole list items are removed")
                continue
            changes.append(Change(file, "delete", _item(tuple(path)), slide=slide))
        last = i1 + len(pairs) - 1 if pairs else i1 - 1  # the built paragraph the new ones follow
        anchor = expected[last] if last >= 0 else None
        for seq, j in enumerate(range(j1 + len(pairs), j2)):  # inserted paragraphs, after it and at its level
            if anchor is None or anchor[0] is None or anchor[4] not in ("bullet", "sub", "number", "body"):
                result.not_pulled.append(f"slide {slide}: '{_short(shown[j].text)}': a new paragraph with no list item before it")
                continue
            file, item = anchor[0], _item(tuple(anchor[1]))
            if shown[j].sub != (anchor[4] == "sub"):
                result.not_pulled.append(f"slide {slide}: '{_short(shown[j].text)}': a new paragraph at another level than the one "
                                         f"before it ({_key(item)} in {file}); add it in the YAML")
                continue
            changes.append(Change(file, "insert", item, shown[j].text, slide, seq))


def _titles(data: dict, slides: list, current, changes: list[Change], result: Result) -> None:
    """Renamed slides: a reviewed title that differs from the built one, matched by position in
    a sequence alignment of all titles (slides added or removed by the reviewer are skipped)."""
    import difflib

    built = data["slides"]
    old = [b[2] for b in built]
    titles = [_title(s) for s in slides]
    new = [digest(t) if t else "" for t in titles]
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if tag != "replace":
            continue
        for i, j in zip(range(i1, i2), range(j1, j2)):
            key, source, title_hash = built[i]
            text = titles[j]
            if not text:
                continue
            if source is None:
                result.not_pulled.append(f"slide {j + 1}: title '{_short(text)}': made by deckgen, not written in the YAML")
                continue
            file, path = source[0], tuple(source[1])
            now = current(file, path)
            if now is None:
                continue
            if digest(now) != title_hash and digest(now) != digest(text):
                result.conflicts.append(f"slide {j + 1}: {file}: {_key(path)}\n    the file now: {now}\n    the reviewer: {text}")
            elif digest(now) != digest(text):
                changes.append(Change(file, "replace", path, text, j + 1))


def _write(changes: list[Change], files: dict[str, Path], result: Result) -> None:
    import difflib

    from .yamledit import Edit, NotEditable, apply

    by_file: dict[str, list[Change]] = {}
    for change in changes:
        by_file.setdefault(change.file, []).append(change)
    for file, items in sorted(by_file.items()):
        old = files[file].read_text(encoding="utf-8")
        try:
            new = apply(old, [Edit(c.kind, c.path, c.text, c.seq) for c in items])
        except NotEditable as exc:
            result.not_pulled += [f"slide {c.slide}: {file}: {_key(c.path)}: cannot be edited in place ({exc})" for c in items]
            continue
        result.new_text[file] = new
        result.diffs[file] = "".join(difflib.unified_diff(old.splitlines(keepends=True), new.splitlines(keepends=True),
                                                          f"a/{file}", f"b/{file}"))
        for c in items:
            what = {"replace": "changed", "insert": "added after", "delete": "removed"}[c.kind]
            result.pulled.append(f"slide {c.slide}: {file}: {_key(c.path)} {what}" + (f": '{_short(c.text)}'" if c.text else ""))


def _item(path: tuple) -> tuple:
    """The list item of a string's path: (..., 2, "text") -> (..., 2); a plain item stays."""
    return path[:-1] if path and path[-1] == "text" else path


def _value_at(node, path: tuple):
    for key in path:
        if isinstance(node, dict):
            if key not in node and key == "items":
                continue
            node = node.get(key)
        elif isinstance(node, list):
            if key == "items":
                continue
            node = node[key] if isinstance(key, int) and key < len(node) else None
        elif isinstance(node, str) and key in ("text", 0):
            return node
        else:
            return None
    if isinstance(node, dict):
        node = node.get("text")
    return node


def _key(path: tuple) -> str:
    from .load import key_path

    return key_path(path)


def _short(text: str, n: int = 70) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"

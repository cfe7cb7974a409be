"""The manifest `deckgen pull` reads a reviewed deck by, written into every deck at build time:
its slides' titles and, for each text box of the plan, where each paragraph came from (file
and key) with hashes of the text it showed and of the whole string it is part of."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import zlib

PROPERTY = "deckgen.manifest"
DECORATION = re.compile(r"\s*\|\s*\(\d+/\d+\)\s*$")


def digest(text: str) -> str:
    return hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()[:12]


def _digests():
    """digest() remembered within one manifest: most texts are digested twice (a paragraph and
    the whole it is part of)."""
    known: dict[str, str] = {}

    def remembered(text: str) -> str:
        value = known.get(text)
        if value is None:
            value = known[text] = digest(text)
        return value

    return remembered


# ---- the manifest, written at build time --------------------------------------------------------
def manifest(outline, frames: list[tuple[int, object]]) -> str:
    """The manifest of a rendered deck: its slides' titles and every marked frame's paragraphs."""
    hashed = _digests()
    full: dict[tuple, list[tuple[int, str]]] = {}
    for _, frame in frames:
        for p in frame.paras:
            if p.source is not None:
                full.setdefault((p.source[0], tuple(p.source[1])), []).append((p.part, p.text))
    whole = {key: hashed(" ".join(t for _, t in sorted(parts))) for key, parts in full.items()}
    slides = []
    for s in outline.slides:
        shown = DECORATION.sub("", " ".join(s.title.split()))
        exact = s.title_source is not None and hashed(shown) == hashed(s.title_text)  # not shortened to fit
        slides.append([s.key, list(s.title_source) if exact else None, hashed(shown)])
    boxes = []
    for number, frame in frames:
        paras = []
        for p in frame.paras:
            src = (p.source[0], tuple(p.source[1])) if p.source else None
            paras.append([p.source[0] if src else None, list(src[1]) if src else None, whole.get(src, ""), hashed(p.text),
                          p.style, p.part, p.template])
        boxes.append([number, paras])
    data = json.dumps({"v": 1, "title": outline.title, "slides": slides, "frames": boxes}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"))
    return base64.b64encode(zlib.compress(data.encode("utf-8"), 6)).decode("ascii")

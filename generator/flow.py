"""Flowing measured units down columns and onto pages, and splitting what does not fit.

Pure functions over plain data: a Unit knows its height; the caller supplies how to measure
and how to make the units a continued column starts with."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .outline import Para

Page = list[list[tuple["Unit", int]]]  # columns -> [(unit, y)]


@dataclass
class Unit:
    """One thing that flows down a column: a paragraph, a band, a figure or a table."""

    kind: str
    height: int
    space: int = 0
    para: Para | None = None
    keep_with_next: bool = False
    heading: Para | None = None  # the block heading this unit belongs to
    group: str | None = None
    page_break: bool = False
    column_break: bool = False
    figure: dict | None = None
    table: dict | None = None
    rows: list = field(default_factory=list)
    source: str | None = None  # the key path it came from, for the speaker notes


def kept_height(units: list[Unit], i: int, line_height: Callable[[float], int]) -> int:
    """What must stand in the same column after unit i: the start of what a heading or band keeps."""
    need, j = 0, i
    while units[j].keep_with_next and j + 1 < len(units):
        j += 1
        nxt = units[j]
        if nxt.kind == "para":
            lines = nxt.para.lines if nxt.para.lines <= 3 else 2
            need += nxt.space + lines * line_height(nxt.para.size)
        elif nxt.kind == "table":
            need += nxt.space + nxt.table["header_h"] + nxt.rows[0][1]
        else:
            need += nxt.space + nxt.height
    return need


def split_lines(lines: list[str], line: int, avail: int, orphans: bool) -> int:
    """How many of a paragraph's lines go into avail (two lines each side with orphans, else
    one); 0 when it cannot be split there."""
    least = 2 if orphans else 1
    fit = min(avail // line, len(lines) - least)
    return fit if fit >= least else 0


def split_table(u: Unit, avail: int) -> tuple[Unit | None, Unit]:
    """The rows of a table that fit avail (with its header), and the rest (header repeated)."""
    header_h = u.table["header_h"]
    used, k = header_h, 0
    for _, rh in u.rows:
        if used + rh > avail:
            break
        used += rh
        k += 1
    if k == 0 or k == len(u.rows):
        return None, u
    head = replace(u, rows=u.rows[:k], height=used)
    rest = replace(u, rows=u.rows[k:], height=header_h + sum(rh for _, rh in u.rows[k:]), space=0)
    return head, rest


def flow(units: list[Unit], ncols: int, height: int, line_height: Callable[[float], int],
         split_para: Callable[[Unit, int, bool], tuple[Unit | None, Unit]],
         continuation: Callable[[Unit], list[Unit]]) -> list[Page]:
    """Place units into columns of the given height and onto pages; return pages -> columns ->
    [(unit, y)]. A unit that does not fit is split (paragraphs at a line, tables at a row) or
    moves to the next column, which starts with `continuation(unit)` (a repeated heading)."""
    units = list(units)
    pages: list[Page] = [[[] for _ in range(ncols)]]
    col, y = 0, 0
    fresh = True  # the column holds nothing but what a continuation repeats

    def advance():
        nonlocal col, y, fresh
        col += 1
        y = 0
        fresh = True
        if col >= ncols:
            pages.append([[] for _ in range(ncols)])
            col = 0

    def place(u: Unit, repeated: bool = False):
        nonlocal y, fresh
        space = u.space if y > 0 else 0
        pages[-1][col].append((u, y + space))
        y += space + u.height
        fresh = fresh and repeated

    def start_column(u: Unit):
        advance()
        for extra in continuation(u):
            place(extra, repeated=True)

    i = 0
    while i < len(units):
        u = units[i]
        if u.page_break and (y > 0 or col > 0):
            pages.append([[] for _ in range(ncols)])
            col, y = 0, 0
        elif u.column_break and y > 0:
            advance()
        avail = height - y - (u.space if y > 0 else 0)
        if u.height + kept_height(units, i, line_height) <= avail:
            place(u)
            i += 1
            continue
        # it does not fit here: split it, or move it to the next column
        if u.kind in ("para", "table") and not u.keep_with_next:
            head, rest = split_para(u, avail, not fresh) if u.kind == "para" else split_table(u, avail)
            if head is not None:
                place(head)
                units[i] = rest
                start_column(rest)
                continue
        if not fresh:
            start_column(u)
            continue
        # at the top of a column (under a repeated heading at most) and still too tall: placed as it
        # is, so the flow always ends (the overflow checks report it)
        if u.kind == "figure":
            u = replace(u, height=max(avail, 1))
        place(u)
        i += 1
    if len(pages) > 1 and not any(pages[-1]):  # a trailing empty page
        pages.pop()
    return pages

"""Surgical YAML edits: only the edited lines change, comments and quoting stay."""

from __future__ import annotations

import pytest

from generator.yamledit import Edit, NotEditable, apply

SOURCE = """\
# a comment that stays
findings:
  a:   # the first indicator
    - plain first
    - 'single quoted'
    - text: "with subs"
      bullets: [one, two]
  b: [x, y]
text: |
  a block
  scalar
"""


def test_replace_keeps_the_quoting_and_the_comments():
    out = apply(SOURCE, [Edit("replace", ("findings", "a", 1, "text"), "it's changed"), Edit("replace", ("findings", "a", 0, "text"), "new: plain?")])
    assert out.splitlines() == ["# a comment that stays", "findings:", "  a:   # the first indicator", '    - "new: plain?"',
                                "    - 'it''s changed'", *SOURCE.splitlines()[5:]]


def test_insert_after_and_delete_in_block_and_flow_lists():
    out = apply(SOURCE, [Edit("insert", ("findings", "a", 2), "after the mapping"), Edit("delete", ("findings", "a", 0)),
                         Edit("insert", ("findings", "a", 2, "bullets", 0), "one and a half"), Edit("delete", ("findings", "b", 1))])
    assert out.splitlines()[2:8] == ["  a:   # the first indicator", "    - 'single quoted'", '    - text: "with subs"',
                                     "      bullets: [one, one and a half, two]", '    - "after the mapping"', "  b: [x]"]


def test_two_items_inserted_after_one_keep_their_order():
    out = apply(SOURCE, [Edit("insert", ("findings", "a", 0), "second", 1), Edit("insert", ("findings", "a", 0), "first", 0)])
    assert out.splitlines()[3:6] == ["    - plain first", "    - first", "    - second"]


def test_a_block_scalar_becomes_one_quoted_line_and_a_missing_key_is_refused():
    out = apply(SOURCE, [Edit("replace", ("text",), "one line now")])
    assert out.splitlines()[-1] == "text: one line now"
    with pytest.raises(NotEditable):
        apply(SOURCE, [Edit("replace", ("findings", "c", 0, "text"), "x")])

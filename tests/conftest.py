"""Shared fixtures: a small review folder written from Python, and helpers to read a built deck."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from pptx import Presentation

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"

SURVEY_CSV = """respondent,deal,a1,a2,b1,c1,c2
r1,Alpha,4,2,5,3,
r2,alpha,3,,1,4,2
r3,ALPHA,5,5,3,1,1
r4,beta,2,4,2,5,5
r5,Beta,1,1,,2,4
"""
"""Hand-computed (see test_survey.py): alpha A 3.667 (3..5), B 3.0 (1..5), C 2.333 (1..3);
beta A 2.0 (1..3), B 2.0 (n=1), C 4.0 (3..5)."""

REVIEW = """\
title: Small Review
subtitle: A test
date: 2024-03-05
language: {language}
author: Test Firm
deal_label: {deal_label}
contacts:
  - name: Ann Example
    email: ann@example.org
survey:
  file: survey/responses.csv
  illustrative: true
  min_respondents: 2
chapters:
  - id: intro
    title: {intro_title}
    slides:
      - title: {intro_title} | Scope
        blocks:
          - heading: Question
            text: The question of {{{{ review.title }}}}.
            bullets:
              - First point
              - text: Second point
                bullets: [Sub one, Sub two]
          - heading: Deals
            generate: deal-list
  - id: findings
    title: Findings per deal
    generate: deals
    intro:
      - heading: How to read
        bullets: [Context, Indicators]
  - id: appendix
    title: Appendix
    slides:
      - title: Method
        blocks:
          - generate: questionnaire
          - generate: example-chart
      - title: Scores
        blocks:
          - generate: score-table
closing:
  title: Questions?
  lines: ["+31 30 000 00 00"]
"""

QUESTIONNAIRE = """\
scale: {min: 1, max: 5}
instruction: Score from 1 to 5.
indicators:
  - id: alpha-ind
    label: Indicator A
    short: A
    statements:
      - {id: a1, text: Statement a1.}
      - {id: a2, text: Statement a2.}
  - id: beta-ind
    label: Indicator B
    statements:
      - {id: b1, text: Statement b1.}
  - id: gamma-ind
    label: Indicator C
    statements:
      - {id: c1, text: Statement c1.}
      - {id: c2, text: Statement c2.}
"""

DEAL_ALPHA = """\
number: 1
name: Alpha
context:
  - Alpha started in 2020.
findings:
  alpha-ind:
    - Alpha finding on A with mean {{ scores['alpha-ind'].mean | num(1) }}.
  gamma-ind:
    - text: Alpha finding on C.
      bullets: [Alpha sub finding.]
lessons:
  items:
    - heading: Alpha lesson
      bullets: [Do it again.]
attention_points:
  - heading: Alpha attention
    bullets: [Watch out.]
"""

DEAL_BETA = """\
id: beta
number: 2
name: Beta
context:
  - Beta context.
findings:
  beta-ind:
    - Beta finding on B.
"""


def write_review(folder: Path, language: str = "nl", files: dict[str, str] | None = None) -> Path:
    """Write the small review into folder; `files` overrides or adds files by relative path."""
    labels = {"nl": ("City Deal", "Inleiding"), "en": ("Deal", "Introduction")}[language]
    base = {
        "review.yaml": REVIEW.format(language=language, deal_label=labels[0], intro_title=labels[1]),
        "questionnaire.yaml": QUESTIONNAIRE,
        "deals/alpha.yaml": DEAL_ALPHA,
        "deals/beta.yaml": DEAL_BETA,
        "survey/responses.csv": SURVEY_CSV,
    }
    base.update(files or {})
    for rel, text in base.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        elif text is not None:
            path.write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


@pytest.fixture
def review(tmp_path) -> Path:
    return write_review(tmp_path / "review")


def slide_texts(path: Path) -> list[list[str]]:
    """Every slide's shape texts, in order."""
    prs = Presentation(str(path))
    return [[sh.text_frame.text for sh in slide.shapes if sh.has_text_frame] for slide in prs.slides]


def slide_titles(path: Path) -> list[str]:
    prs = Presentation(str(path))
    return [slide.shapes.title.text if slide.shapes.title is not None else "" for slide in prs.slides]


def slide_links(path: Path) -> list[list[tuple[str, int]]]:
    """Per slide: (text of the linking shape or run, 1-based number of the target slide)."""
    from pptx.oxml.ns import qn

    prs = Presentation(str(path))
    index = {slide.part.partname: n for n, slide in enumerate(prs.slides, 1)}
    out = []
    for slide in prs.slides:
        found = []
        for shape in slide.shapes:
            for link in shape._element.iter(qn("a:hlinkClick")):
                rid = link.get(qn("r:id"))
                target = slide.part.rels[rid].target_part.partname
                parent = link.getparent().getparent()
                text = "".join(t.text or "" for t in parent.iter(qn("a:t"))) or shape.text_frame.text
                found.append((text, index[target]))
        out.append(found)
    return out


@pytest.fixture(autouse=True)
def no_cache_by_default(monkeypatch):
    """Tests build without the on-disk cache unless they ask for it (test_cache.py)."""
    monkeypatch.setenv("DECKGEN_CACHE", "off")

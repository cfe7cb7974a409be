"""The outline: every slide planned, numbered and linked before anything is drawn."""

from __future__ import annotations

from generator.brand import load_brand
from generator.build import load_scores, plan_deck, project_templates
from generator.outline import TextFrame
from generator.validate import load_content

from .conftest import write_review

SNAPSHOT = """\
  1 [Cover] Small Review — A test
  2 [Contents] Inhoudsopgave
      link -> chapter:intro: Inleiding
      link -> chapter:findings: Findings per deal
      link -> chapter:appendix: Appendix
  3 [Divider] Inleiding
  4 [Content] Inleiding | Scope
  5 [Divider] Findings per deal
  6 [Content] Findings per deal | Introductie
      Slide 7 | Alpha -> deal:alpha
      Slide 10 | Beta -> deal:beta
  7 [Divider] Alpha — City Deal 1
      figure radar alpha
  8 [Content] 1. Alpha | (1/2)
  9 [Content] 1. Alpha | (2/2)
 10 [Divider] Beta — City Deal 2
      figure radar beta
 11 [Content] 2. Beta | (1/1)
 12 [Divider] Appendix
 13 [Content] Method
      figure example
 14 [Content] Scores
      table 2x4
 15 [Closing] Questions?"""


def outline_of(folder, deals=None):
    content = load_content(folder)
    scores, _ = load_scores(content)
    brand = load_brand(content.review.brand, project_templates())
    return plan_deck(content, scores, brand, deals)


def test_outline_snapshot(review):
    # lessons and attention points start the deal's last slide, as in the reference report
    assert str(outline_of(review)) == SNAPSHOT


def test_index_numbers_are_the_link_targets(review):
    outline = outline_of(review)
    numbers = {s.key: s.number for s in outline.slides}
    index = next(s for s in outline.slides if s.key.startswith("index:"))
    links = [p for item in index.items if isinstance(item, TextFrame) for p in item.paras if p.link]
    assert [p.text for p in links] == ["Slide 7 | Alpha", "Slide 10 | Beta"]
    for p in links:
        assert p.text.split(" | ")[0] == f"Slide {numbers[p.link]}"


def test_long_findings_continue_over_numbered_slides(tmp_path):
    many = "\n".join(f"    - Finding number {i} about indicator A, long enough to wrap over more than one line in its column of the slide." for i in range(60))
    deal = f"number: 1\nname: Alpha\nfindings:\n  alpha-ind:\n{many}\n"
    outline = outline_of(write_review(tmp_path, files={"deals/alpha.yaml": deal}))
    titles = [s.title for s in outline.slides if s.title.startswith("1. Alpha")]
    n = len(titles)
    assert n >= 3
    assert titles == [f"1. Alpha | ({k}/{n})" for k in range(1, n + 1)]
    # the heading is repeated, marked as continued, at the top of each later column
    later = [s for s in outline.slides if s.title.startswith("1. Alpha")][1]
    first_frame = next(i for i in later.items if isinstance(i, TextFrame))
    assert first_frame.paras[0].text == "Indicator A (vervolg)"


def test_nothing_leaves_the_body_area(tmp_path):
    many = "\n".join(f"    - {'Lange bevinding ' * (i % 9 + 1)}nummer {i}." for i in range(80))
    deal = f"number: 1\nname: Alpha\nfindings:\n  gamma-ind:\n{many}\n"
    folder = write_review(tmp_path, files={"deals/alpha.yaml": deal})
    outline = outline_of(folder)
    body = load_brand(None, project_templates()).geometry.body
    for slide in outline.slides:
        if slide.layout != "Content":
            continue
        for item in slide.items:
            assert body.y <= item.y and item.y + item.h <= body.bottom, (slide.title, item)
            assert body.x <= item.x and item.x + item.w <= body.right


def test_group_band_repeats_on_continuation(tmp_path):
    blocks = "\n".join(
        f"          - group: Ministry\n            heading: Conclusion {i}\n            bullets: [{'A sentence that takes space. ' * 8}]" for i in range(14)
    )
    review = (tmp_path / "r")
    write_review(review)
    text = (review / "review.yaml").read_text().replace(
        "      - title: Inleiding | Scope\n", f"      - title: Conclusies\n        blocks:\n{blocks}\n      - title: Inleiding | Scope\n"
    )
    (review / "review.yaml").write_text(text)
    outline = outline_of(review)
    slides = [s for s in outline.slides if s.title.startswith("Conclusies")]
    assert len(slides) >= 2 and slides[0].title == f"Conclusies | (1/{len(slides)})"
    bands = [i.paras[0].text for s in slides for i in s.items if isinstance(i, TextFrame) and i.fill == "band"]
    assert bands[0] == "Ministry" and "Ministry (vervolg)" in bands


def test_no_heading_or_band_stands_alone_at_the_foot_of_a_column(tmp_path):
    from .cases.large import write_large_review
    from .conftest import ROOT

    for folder in (ROOT / "content", write_large_review(tmp_path / "large", deals=12)):
        outline = outline_of(folder)
        for slide in outline.slides:
            if slide.layout != "Content":
                continue
            columns: dict[int, list] = {}
            for item in slide.items:
                columns.setdefault(item.x, []).append(item)
            for x, items in columns.items():
                last = items[-1]
                if isinstance(last, TextFrame):
                    assert last.fill != "band", (slide.title, last.paras[0].text)
                    assert last.paras[-1].style != "heading", (slide.title, last.paras[-1].text)


def test_every_generate_kind_has_a_maker():
    from generator.models import GENERATE_KINDS
    from generator.plan import GENERATED

    assert set(GENERATED) | {"deals"} == set(GENERATE_KINDS)  # `deals` makes a chapter, not a block


def test_flow_splits_a_paragraph_and_repeats_its_heading():
    from generator.flow import Unit, flow
    from generator.outline import Para

    head = Para("Heading", "heading", 10, lines=1)
    units = [Unit("para", 10, para=head, keep_with_next=True),
             Unit("para", 50, 2, para=Para("long", "body", 10, lines=5), heading=head),
             Unit("para", 10, 2, para=Para("next", "body", 10, lines=1), heading=head)]

    def split(u, avail, orphans):
        fit = min(avail // 10, u.para.lines - 2)
        if fit < 2:
            return None, u
        return (Unit("para", fit * 10, u.space, para=Para("head", "body", 10, lines=fit), heading=u.heading),
                Unit("para", (u.para.lines - fit) * 10, 0, para=Para("tail", "body", 10, lines=u.para.lines - fit), heading=u.heading))

    def continuation(u):
        return [Unit("para", 10, para=Para(f"{u.heading.text} (cont.)", "heading", 10))]

    pages = flow(units, 2, 40, lambda size: 10, split, continuation)
    placed = [[(u.para.text, y) for u, y in column] for page in pages for column in page]
    # the heading (10) and two lines (2 + 20) fill the first column (28 left: two whole lines);
    # the other three lines continue under a repeated heading and fill the second (10 + 30);
    # the next paragraph starts a new page, under the heading again
    assert placed == [[("Heading", 0), ("head", 12)], [("Heading (cont.)", 0), ("tail", 10)],
                      [("Heading (cont.)", 0), ("next", 12)], []]


def test_slide_numbers_are_filled_in_by_reference_and_titles_tried_from_the_templates_size():
    from generator.outline import Para, PlannedSlide
    from generator.pages import number_links, title_sizes

    index = PlannedSlide("index", "Content", "Index")
    line = Para("Slimme Stad", "link", 12, link="deal:slimme", number_label="Dia")
    index.items.append(TextFrame(0, 0, 10, 10, [line]))
    slides = [PlannedSlide("cover", "Cover", "C", number=1), index, PlannedSlide("deal:slimme", "Divider", "Slimme Stad", number=7)]
    number_links(slides)
    assert line.text == "Dia 7 | Slimme Stad" and line.number_label is None
    number_links(slides)  # filled in once
    assert line.text == "Dia 7 | Slimme Stad"
    assert title_sizes(44) == [44, 40, 35, 31, 26, 22, 12] and title_sizes(14) == [14, 13, 12]

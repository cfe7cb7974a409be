"""The independent layout checker finds each problem on a small deck that has it, and nothing on a clean one."""

import subprocess
import sys

from lxml import etree
from pptx import Presentation
from pptx.util import Inches, Pt

from tests.layoutcheck import check

TITLE_ONLY, TITLE_AND_CONTENT, BLANK = 5, 1, 6  # python-pptx's default layouts


def _save(prs, tmp_path, name="deck.pptx"):
    path = tmp_path / name
    prs.save(path)
    return path


def _kinds(findings):
    return [(f.slide, f.kind, f.message.split(" (")[0]) for f in findings]


def test_clean_deck_has_no_findings(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = "Results"
    box = slide.shapes.add_textbox(Inches(1), Inches(3), Inches(6), Inches(2))
    box.text_frame.text = "One short line."
    assert check(_save(prs, tmp_path)) == []


def test_shape_past_the_edge(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[BLANK])
    box = slide.shapes.add_textbox(Inches(8), Inches(3), Inches(3), Inches(1))
    box.text_frame.text = "x"
    found = check(_save(prs, tmp_path))
    assert [(f.slide, f.shape, f.kind) for f in found] == [(1, box.name, "error")]
    assert "edges" in found[0].message


def test_shape_over_the_inherited_title(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_ONLY])
    slide.shapes.title.text = "Results"  # the title's position comes from the layout
    box = slide.shapes.add_textbox(Inches(1), Inches(0.5), Inches(2), Inches(0.5))
    box.text_frame.text = "x"
    assert _kinds(check(_save(prs, tmp_path))) == [(1, "error", "overlaps the title")]


def _add_graphic(tree, name, x, y, cx, cy):
    tree.append(etree.fromstring(
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        f'<p:nvSpPr><p:cNvPr id="99" name="{name}"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:sp>'))


def test_shape_over_a_template_graphic(tmp_path):
    prs = Presentation()
    _add_graphic(prs.slide_master.shapes._spTree, "Band", 0, Inches(7), Inches(10), Inches(0.5))
    _add_graphic(prs.slide_master.shapes._spTree, "Backdrop", 0, 0, Inches(10), Inches(7.5))  # background-like
    blank = prs.slide_layouts[BLANK]
    slide = prs.slides.add_slide(blank)
    box = slide.shapes.add_textbox(Inches(1), Inches(6.8), Inches(2), Inches(0.5))
    box.text_frame.text = "x"
    assert _kinds(check(_save(prs, tmp_path))) == [(1, "error", "overlaps the template's graphic 'Band'")]
    blank._element.set("showMasterSp", "0")  # the layout hides the master's graphics
    assert check(_save(prs, tmp_path, "hidden.pptx")) == []


def _text_box(width, height, text: str):
    """A deck of one blank slide with one wrapping 18 pt text box at (1 in, 1 in); (deck, box)."""
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[BLANK])
    box = slide.shapes.add_textbox(Inches(1), Inches(1), width, height)
    box.text_frame.word_wrap = True
    box.text_frame.text = text
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(18)
    return prs, box


def test_text_taller_than_its_box(tmp_path):
    prs, box = _text_box(Inches(2), Inches(0.5), "A finding far too long for a box of two inches at eighteen points")
    found = check(_save(prs, tmp_path))
    assert [(f.kind, f.shape) for f in found] == [("error", box.name)]
    assert "tall" in found[0].message


def test_text_that_barely_fits_is_a_warning(tmp_path):
    # one 18 pt line is 21.6 pt; the box leaves 30 - 7.2 = 22.8 pt inside the insets (95%)
    prs, box = _text_box(Inches(6), Pt(30), "Short")
    found = check(_save(prs, tmp_path))
    assert [(f.kind, f.shape) for f in found] == [("warning", box.name)]
    assert "renderer" in found[0].message


def test_theme_font_and_explicit_font_are_measured(tmp_path):
    # 230 pt inside the insets: Carlito sets the text in 203 pt, DejaVu Sans needs 246 pt
    prs, box = _text_box(Pt(244.4), Inches(0.45), "Twelve words Twelve words")
    run = box.text_frame.paragraphs[0].runs[0]
    assert check(_save(prs, tmp_path)) == []  # Calibri (the theme's minor font) -> Carlito: one line
    run.font.name = "Verdana"  # no compatible file: DejaVu Sans, wider, breaks the line
    assert [f.kind for f in check(_save(prs, tmp_path, "wide.pptx"))] == ["error"]


def test_empty_placeholder(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    slide.shapes.title.text = "Results"
    body = slide.placeholders[1]
    found = check(_save(prs, tmp_path))
    assert [(f.shape, f.kind, f.message) for f in found] == [
        (body.name, "error", "empty placeholder shows 'Click to add text'")]


def test_command_line(tmp_path):
    prs = Presentation()
    prs.slides.add_slide(prs.slide_layouts[TITLE_AND_CONTENT])
    bad = _save(prs, tmp_path)
    run = subprocess.run([sys.executable, "-m", "tests.layoutcheck", str(bad)], capture_output=True, text=True)
    assert run.returncode == 1 and run.stdout.count("empty placeholder") == 2
    clean = Presentation()
    clean.slides.add_slide(clean.slide_layouts[BLANK])
    run = subprocess.run([sys.executable, "-m", "tests.layoutcheck", str(_save(clean, tmp_path, "ok.pptx"))],
                         capture_output=True, text=True)
    assert run.returncode == 0 and run.stdout == ""

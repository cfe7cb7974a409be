"""The accessibility checker: each rule on a small deck made here, WCAG contrast against known
values, the command's messages and exit status, and the City Deals deck itself."""

from __future__ import annotations

import copy

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Inches, Pt

from generator.accessibility import (
    DECORATIVE_URI, NS, check_deck, deck_language, deck_title, required_ratio,
)
from generator.build import build
from generator.cli import main
from generator.contrast import contrast_ratio, relative_luminance

from .conftest import ROOT

A = "{%s}" % NS["a"]
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000185d3c2d90000000049454e44ae426082")


# --- WCAG contrast -----------------------------------------------------------------------------

@pytest.mark.parametrize("colour, luminance", [("#000", 0.0), ("#ffffff", 1.0), ("#777777", 0.1844), ((255, 0, 0), 0.2126)])
def test_relative_luminance(colour, luminance):
    assert relative_luminance(colour) == pytest.approx(luminance, abs=1e-4)


@pytest.mark.parametrize("fg, bg, ratio", [
    ("#000", "#fff", 21.0),
    ("#777", "#fff", 4.48),      # the classic just-fails grey
    ("#767676", "#ffffff", 4.54),  # the lightest grey that passes on white
    ("#fff", "#fff", 1.0),
    ("#ffffff", "#0000ff", 8.59),
    ("#e30613", "#ffffff", 4.88),
])
def test_contrast_ratio_known_values(fg, bg, ratio):
    assert contrast_ratio(fg, bg) == pytest.approx(ratio, abs=0.01)
    assert contrast_ratio(bg, fg) == contrast_ratio(fg, bg)


def test_required_ratio_for_large_text():
    assert required_ratio(12, False, False) == 4.5
    assert required_ratio(None, False, False) == 4.5
    assert required_ratio(18, False, False) == 3.0
    assert required_ratio(14, True, False) == 3.0
    assert required_ratio(13.5, True, False) == 4.5
    assert required_ratio(10, False, True) == 3.0


def test_a_bad_colour_is_refused():
    with pytest.raises(ValueError):
        relative_luminance("#12345")


# --- a small deck for every rule ---------------------------------------------------------------

def new_deck():
    prs = Presentation()
    return prs


def titled(prs, title="A title"):
    slide = prs.slides.add_slide(prs.slide_layouts[5])  # Title Only
    slide.shapes.title.text = title
    return slide


def add_text(slide, text, colour=None, size=None, bold=False, fill=None):
    box = slide.shapes.add_textbox(Inches(1), Inches(2), Inches(6), Inches(1))
    if fill:
        box.fill.solid()
        box.fill.fore_color.rgb = RGBColor.from_string(fill)
    run = box.text_frame.paragraphs[0].add_run()
    run.text = text
    if colour:
        run.font.color.rgb = RGBColor.from_string(colour)
    if size:
        run.font.size = Pt(size)
    run.font.bold = bold or None
    return box, run


def save(prs, tmp_path, lang="en-GB"):
    """Save with every run's language set (the language rule is tested by leaving one out)."""
    for slide in prs.slides:
        for rpr in slide.shapes._spTree.iter(A + "rPr"):
            if lang and not rpr.get("lang"):
                rpr.set("lang", lang)
        for r in slide.shapes._spTree.iter(A + "r"):
            if r.find(A + "rPr") is None and lang:
                rpr = etree.SubElement(r, A + "rPr")
                r.insert(0, rpr)
                rpr.set("lang", lang)
    path = tmp_path / "t.pptx"
    prs.save(str(path))
    return path


def rules(path):
    return [(f.slide, f.rule) for f in check_deck(path)]


def test_a_clean_deck_has_no_findings(tmp_path):
    prs = new_deck()
    slide = titled(prs, "Clean")
    add_text(slide, "Dark grey on white", colour="595959", size=12)
    pic = slide.shapes.add_picture(__import__("io").BytesIO(PNG), Inches(1), Inches(4))
    pic._element.nvPicPr.cNvPr.set("descr", "A dot")
    assert rules(save(prs, tmp_path)) == []


def test_picture_without_alt_text(tmp_path):
    import io

    prs = new_deck()
    slide = titled(prs)
    slide.shapes.add_picture(io.BytesIO(PNG), Inches(1), Inches(4))._element.nvPicPr.cNvPr.set("descr", " ")
    findings = check_deck(save(prs, tmp_path))
    assert [(f.slide, f.rule) for f in findings] == [(1, "alt-text")]
    assert str(findings[0]) == "slide 1: the picture 'Picture 2' has no alternative text (or mark it as decorative)"


def test_a_file_name_is_no_alternative_text(tmp_path):
    import io

    prs = new_deck()
    slide = titled(prs)
    slide.shapes.add_picture(io.BytesIO(PNG), Inches(1), Inches(4))  # python-pptx writes descr="image.png"
    assert [str(f) for f in check_deck(save(prs, tmp_path))] == [
        "slide 1: the picture 'Picture 2' has a file name as alternative text ('image.png'); describe what it shows"]


def test_decorative_picture_needs_no_alt_text(tmp_path):
    import io

    prs = new_deck()
    slide = titled(prs)
    pic = slide.shapes.add_picture(io.BytesIO(PNG), Inches(1), Inches(4))
    ext_lst = etree.SubElement(pic._element.nvPicPr.cNvPr, A + "extLst")
    ext = etree.SubElement(ext_lst, A + "ext", uri=DECORATIVE_URI)
    etree.SubElement(ext, "{%s}decorative" % NS["adec"], nsmap={"adec": NS["adec"]}, val="1")
    assert rules(save(prs, tmp_path)) == []


def test_chart_and_table_without_alt_text(tmp_path):
    from pptx.chart.data import CategoryChartData
    from pptx.enum.chart import XL_CHART_TYPE

    prs = new_deck()
    slide = titled(prs)
    data = CategoryChartData()
    data.categories = ["a", "b"]
    data.add_series("s", (1, 2))
    slide.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(4), Inches(3), data)
    table = slide.shapes.add_table(2, 2, Inches(5), Inches(2), Inches(4), Inches(1))
    table.table.cell(0, 0).text = "Head"
    messages = [str(f) for f in check_deck(save(prs, tmp_path))]
    assert messages == ["slide 1: the chart 'Chart 2' has no alternative text (or mark it as decorative)",
                        "slide 1: the table 'Table 3' has no alternative text (or mark it as decorative)"]


def test_table_without_header_row(tmp_path):
    prs = new_deck()
    slide = titled(prs)
    frame = slide.shapes.add_table(2, 2, Inches(1), Inches(2), Inches(4), Inches(1))
    frame._element.nvGraphicFramePr.cNvPr.set("descr", "Scores")
    frame.table.first_row = False
    findings = check_deck(save(prs, tmp_path))
    assert [str(f) for f in findings] == ["slide 1: the table 'Table 2' has no header row"]
    frame.table.first_row = True
    assert rules(save(prs, tmp_path)) == []


def test_missing_and_duplicate_titles(tmp_path):
    prs = new_deck()
    titled(prs, "Findings")
    prs.slides.add_slide(prs.slide_layouts[6])  # Blank: no title
    titled(prs, "Findings")
    titled(prs, "")
    messages = [str(f) for f in check_deck(save(prs, tmp_path))]
    assert messages == ["slide 2: the slide has no title",
                        "slide 3: the title 'Findings' is also the title of slide 1",
                        "slide 4: the slide has no title"]


def test_title_not_first_in_reading_order(tmp_path):
    prs = new_deck()
    slide = titled(prs, "Order")
    box, _ = add_text(slide, "Read first")
    tree = slide.shapes._spTree
    tree.remove(box._element)
    tree.insert(2, box._element)  # after nvGrpSpPr and grpSpPr: before the title
    findings = check_deck(save(prs, tmp_path))
    assert [str(f) for f in findings] == ["slide 1: the title 'Order' is not first in the reading order ('TextBox 2' comes first)"]


@pytest.mark.parametrize("text, unclear", [
    ("klik hier", True), ("Click here", True), ("here", True), ("Hier", True), ("link", True), ("meer", True),
    ("More", True), ("https://www.citydeals.nl/slimme-stad", True), ("www.example.org", True),
    ("the City Deal agreement (PDF)", False), ("Kennisplatform City Deals", False),
])
def test_unclear_link_text(tmp_path, text, unclear):
    prs = new_deck()
    slide = titled(prs)
    _, run = add_text(slide, text)
    run.hyperlink.address = "https://www.citydeals.nl/slimme-stad"
    findings = check_deck(save(prs, tmp_path))
    if unclear:
        assert [str(f) for f in findings] == [f"slide 1: the link text '{text}' does not say where the link goes"]
    else:
        assert findings == []


@pytest.mark.parametrize("colour, size, bold, fill, low", [
    ("777777", 12, False, None, True),        # 4.48 against the slide's white background
    ("777777", 12, False, "FFFFFF", True),    # body text needs 4.5
    ("767676", 12, False, "FFFFFF", False),
    ("8A8A8A", 18, False, "FFFFFF", False),   # 3.45: 3.0 is enough for 18 pt
    ("8A8A8A", 14, True, "FFFFFF", False),    # and for 14 pt bold
    ("8A8A8A", 14, False, "FFFFFF", True),
    ("959595", 18, False, "FFFFFF", True),    # 2.995
    ("FFFFFF", 12, False, "FFD700", True),    # white on gold
    ("FFFFFF", 12, False, "003366", False),
])
def test_contrast_against_the_shape_fill(tmp_path, colour, size, bold, fill, low):
    prs = new_deck()
    slide = titled(prs)
    add_text(slide, "Some text", colour=colour, size=size, bold=bold, fill=fill)
    if fill is None:  # no fill of its own: the slide's background decides
        slide.background.fill.solid()
        slide.background.fill.fore_color.rgb = RGBColor.from_string("FFFFFF")
    findings = check_deck(save(prs, tmp_path))
    assert [f.rule for f in findings] == (["contrast"] if low else [])
    if low:
        assert f"#{colour} on #{fill or 'FFFFFF'}" in str(findings[0]) and "needs" in str(findings[0])


def test_contrast_against_the_layout_and_master_background(tmp_path):
    prs = new_deck()
    slide = titled(prs)
    add_text(slide, "Pale", colour="AAAAAA", size=12)
    # the background is not determinable (the default master's background is a theme reference): skipped
    assert rules(save(prs, tmp_path)) == []
    master = prs.slide_master
    master.background.fill.solid()
    master.background.fill.fore_color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    # the layout has no background of its own: the master's white counts
    assert rules(save(prs, tmp_path)) == [(1, "contrast")]
    layout = slide.slide_layout
    layout.background.fill.solid()
    layout.background.fill.fore_color.rgb = RGBColor(0x00, 0x00, 0x00)
    assert rules(save(prs, tmp_path)) == []  # #AAA on black: 9.0


def test_contrast_of_a_title_needs_3(tmp_path):
    prs = new_deck()
    slide = titled(prs, "Pale title")
    run = slide.shapes.title.text_frame.paragraphs[0].runs[0]
    run.font.color.rgb = RGBColor.from_string("959595")  # 2.98 on white
    slide.background.fill.solid()
    slide.background.fill.fore_color.rgb = RGBColor.from_string("FFFFFF")
    findings = check_deck(save(prs, tmp_path))
    assert [f.rule for f in findings] == ["contrast"] and "needs 3:1" in str(findings[0])


def test_runs_without_a_language(tmp_path):
    prs = new_deck()
    slide = titled(prs, "Taal")
    save(prs, tmp_path, lang="nl-NL")
    add_text(slide, "Geen taal")
    path = tmp_path / "t.pptx"
    prs.save(str(path))
    assert [str(f) for f in check_deck(path)] == ["slide 1: 1 text run in 'TextBox 2' without a language (e.g. 'Geen taal')"]


def test_language_and_title_of_a_deck(tmp_path):
    prs = new_deck()
    prs.core_properties.title = "Tussentijdse evaluatie"
    titled(prs, "Een")
    path = save(prs, tmp_path, lang="nl-NL")
    assert deck_language(path) == "nl-NL"
    assert deck_title(path) == "Tussentijdse evaluatie"


# --- the command -------------------------------------------------------------------------------

def test_check_accessibility_command(tmp_path):
    import io

    prs = new_deck()
    slide = titled(prs)
    slide.shapes.add_picture(io.BytesIO(PNG), Inches(1), Inches(4))
    path = save(prs, tmp_path)
    result = CliRunner().invoke(main, ["check", "--accessibility", str(path)])
    assert result.exit_code == 1
    assert f"{path}: slide 1: the picture 'Picture 2' has a file name as alternative text" in result.output
    assert "1 accessibility finding." in result.output
    assert "Traceback" not in result.output

    prs = new_deck()
    titled(prs)
    path = save(prs, tmp_path)
    result = CliRunner().invoke(main, ["check", "--accessibility", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output == f"ok: {path}: no accessibility findings\n"


def test_check_accessibility_of_something_else(tmp_path):
    path = tmp_path / "notes.pptx"
    path.write_text("not a deck")
    result = CliRunner().invoke(main, ["check", "--accessibility", str(path)])
    assert result.exit_code == 1
    assert result.output.startswith(f"error: {path}: not a PowerPoint deck (.pptx) that can be read")
    assert "Traceback" not in result.output


# --- the City Deals deck ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def city_deals(tmp_path_factory):
    folder = tmp_path_factory.mktemp("deck")
    full = folder / "full.pptx"
    build(ROOT / "content", full)
    excerpt = folder / "slimme-stad.pptx"
    build(ROOT / "content", excerpt, deals=["slimme-stad"])
    return full, excerpt


def test_city_deals_deck_has_no_accessibility_findings(city_deals):
    full, _ = city_deals
    assert [str(f) for f in check_deck(full)] == []
    assert deck_language(full) == "nl-NL"
    assert deck_title(full) == "Midterm review City Deals"


def test_city_deals_excerpt_has_no_accessibility_findings(city_deals):
    _, excerpt = city_deals
    assert [str(f) for f in check_deck(excerpt)] == []

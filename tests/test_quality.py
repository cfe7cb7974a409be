"""Every deck as a designer would deliver it: valid OOXML, no overflowing text, alt text everywhere."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Pt

from generator.build import build

from .cases.large import write_large_review
from .conftest import ROOT, write_review
from .overflow import overflowing


def validation_errors(path) -> list[str]:
    from openxml_audit import FileFormat, OpenXmlValidator

    result = OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=50).validate(str(path))
    return [str(e) for e in result.errors]


def alt_text_missing(path) -> list[str]:
    missing = []
    for n, slide in enumerate(Presentation(str(path)).slides, 1):
        for shape in slide.shapes:
            if shape.shape_type == 13 or shape.has_chart or shape.has_table:
                cnv = shape._element.xpath("./*[1]/p:cNvPr")[0]
                if not (cnv.get("descr") or "").strip():
                    missing.append(f"slide {n}: {shape.name}")
    return missing


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    base = tmp_path_factory.mktemp("decks")
    small = write_review(base / "small", language="en")
    large = write_large_review(base / "large", deals=30)
    native = write_review(base / "native")
    (native / "review.yaml").write_text((native / "review.yaml").read_text() + "charts: native\n")
    out = {}
    for name, folder in (("city-deals", ROOT / "content"), ("small", small), ("large", large), ("native", native)):
        out[name] = base / f"{name}.pptx"
        build(folder, out[name])
    return out


@pytest.mark.slow
@pytest.mark.parametrize("name", ["city-deals", "small", "large", "native"])
def test_valid_ooxml(decks, name):
    assert validation_errors(decks[name]) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ["city-deals", "small", "large"])
def test_no_overflowing_text(decks, name):
    assert overflowing(decks[name]) == []


@pytest.mark.slow
@pytest.mark.parametrize("name", ["city-deals", "small", "large", "native"])
def test_alt_text_on_every_picture_chart_and_table(decks, name):
    assert alt_text_missing(decks[name]) == []


def test_the_overflow_check_finds_overflow(tmp_path):
    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    box = slide.shapes.add_textbox(0, 0, Pt(100), Pt(30))
    box.name = "Too small"
    box.text_frame.text = "A sentence much too long for a box of one hundred points wide and thirty high."
    box.text_frame.paragraphs[0].runs[0].font.size = Pt(12)
    path = tmp_path / "over.pptx"
    prs.save(str(path))
    found = overflowing(path)
    assert len(found) == 1 and found[0].startswith("slide 1: Too small:")


def test_core_properties_are_never_the_library_defaults(tmp_path):
    folder = write_review(tmp_path / "r")
    build(folder, tmp_path / "d.pptx")
    props = Presentation(str(tmp_path / "d.pptx")).core_properties
    assert "Steve Canny" not in (props.author, props.last_modified_by)
    assert props.last_modified_by == "Test Firm" and props.revision == 1


def test_native_charts_are_editable_with_their_data(decks):
    prs = Presentation(str(decks["native"]))
    charts = [s.chart for slide in prs.slides for s in slide.shapes if s.has_chart]
    assert len(charts) == 3  # alpha, beta, the example
    alpha = charts[0]
    values = {s.name: tuple(round(v, 2) for v in s.values) for plot in alpha.plots for s in plot.series}
    assert values["Gemiddelde deze City Deal"] == (3.67, 3.0, 2.33)
    assert values["Gemiddelde alle City Deals"] == (2.83, 2.5, 3.17)
    assert values["Bereik (minimum tot maximum)"] == (5.0, 5.0, 3.0)
    assert values["min"] == (3.0, 1.0, 1.0)
    assert alpha.part.chart_workbook.xlsx_part is not None  # the data sit in an embedded sheet
    assert [p.xpath("./c:radarStyle/@val")[0] for p in alpha._chartSpace.xpath(".//c:radarChart")] == ["filled", "marker"]

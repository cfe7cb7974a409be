"""The City Deals deck on masters deckgen never made: sizes, layout names in other languages,
.potx, Google-style names, a house font without metrics. Each is made here from python-pptx's
default template (MIT) the way firms' masters differ, and goes through `deckgen brand new`
and `deckgen build --brand` as a consultant would run them."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu, Inches

from generator.cli import main

from .conftest import ROOT, slide_titles, write_review

DUTCH = {"Title Slide": "Titeldia", "Title and Content": "Titel en object", "Section Header": "Sectiekop", "Title Only": "Alleen titel",
         "Two Content": "Twee objecten", "Comparison": "Vergelijking", "Blank": "Leeg", "Content with Caption": "Inhoud met bijschrift",
         "Picture with Caption": "Afbeelding met bijschrift", "Title and Vertical Text": "Titel en verticale tekst",
         "Vertical Title and Text": "Verticale titel en tekst"}
GOOGLE = {"Title Slide": "TITLE", "Title and Content": "TITLE_AND_BODY", "Section Header": "SECTION_HEADER", "Title Only": "TITLE_ONLY",
          "Blank": "BLANK"}


def scale_positions(prs, fy: float) -> None:
    """Move and size every master and layout shape for a slide fy times as tall (a real 16:9
    master is drawn for its size; python-pptx's default is drawn for 4:3)."""
    for master in prs.slide_masters:
        for part in [master] + list(master.slide_layouts):
            for el in part._element.iter(qn("a:off"), qn("a:ext")):
                key = "y" if el.tag == qn("a:off") else "cy"
                el.set(key, str(int(int(el.get(key)) * fy)))


def set_theme_fonts(prs, major: str, minor: str) -> None:
    part = prs.slide_masters[0].part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    xml = part.blob.decode("utf-8")
    xml = re.sub(r'(<a:majorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{major}", xml)
    xml = re.sub(r'(<a:minorFont>\s*<a:latin typeface=")[^"]*', rf"\g<1>{minor}", xml)
    part._blob = xml.encode("utf-8")


def add_band_and_logo(prs) -> None:
    """A coloured band at the top of the master and a 'logo' in its bottom right corner: graphics
    nothing of deckgen's may cover."""
    scratch = prs.slides.add_slide(prs.slide_layouts[6])
    w, h = prs.slide_width, prs.slide_height
    band = scratch.shapes.add_shape(1, 0, 0, w, int(h * 0.06))
    band.fill.solid()
    band.fill.fore_color.rgb = __import__("pptx.dml.color", fromlist=["RGBColor"]).RGBColor(0xC0, 0x10, 0x30)
    logo = scratch.shapes.add_shape(1, w - Inches(1.3), h - Inches(0.75), Inches(1.0), Inches(0.5))
    logo.name = "Logo"
    tree = prs.slide_masters[0].shapes._spTree
    for shape in (band, logo):
        tree.append(shape._element)
    ids = prs.slides._sldIdLst
    prs.part.drop_rel(ids[0].rId)
    ids.remove(ids[0])


def make_master(path: Path, *, names: dict | None = None, size: tuple | None = None, fonts: tuple | None = None, potx: bool = False,
                no_types: bool = False, graphics: bool = False, samples: int = 2, dark_divider: bool = False) -> Path:
    prs = Presentation()
    if size:
        fy = size[1] / prs.slide_height * prs.slide_width / size[0]
        prs.slide_width, prs.slide_height = Emu(size[0]), Emu(size[1])
        fx = size[0] / 9144000
        scale_positions(prs, fy * fx)
        for master in prs.slide_masters:
            for part in [master] + list(master.slide_layouts):
                for el in part._element.iter(qn("a:off"), qn("a:ext")):
                    key = "x" if el.tag == qn("a:off") else "cx"
                    el.set(key, str(int(int(el.get(key)) * fx)))
    if fonts:
        set_theme_fonts(prs, *fonts)
    if graphics:
        add_band_and_logo(prs)
    for layout in prs.slide_layouts:
        if names and layout.name in names:
            layout._element.cSld.set("name", names[layout.name])
        if no_types and layout._element.get("type"):
            del layout._element.attrib["type"]
    if dark_divider:
        divider = prs.slide_layouts[2]
        divider.background.fill.solid()
        divider.background.fill.fore_color.rgb = __import__("pptx.dml.color", fromlist=["RGBColor"]).RGBColor(0x10, 0x20, 0x50)
    for i in range(samples):  # a firm's master comes with example slides
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = f"Example slide {i + 1}"
    buffer = io.BytesIO()
    prs.save(buffer)
    data = buffer.getvalue()
    if potx:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info in src.infolist():
                body = src.read(info.filename)
                if info.filename == "[Content_Types].xml":
                    body = body.replace(b"presentationml.presentation.main+xml", b"presentationml.template.main+xml")
                dst.writestr(info, body)
        data = out.getvalue()
    path.write_bytes(data)
    return path


MASTERS = {
    "4x3": ({}, []),
    "16x9-10in-dutch-potx": ({"names": DUTCH, "size": (Inches(10), Inches(5.625)), "potx": True, "graphics": True, "dark_divider": True}, []),
    "a4-arial": ({"size": (Emu(9906000), Emu(6858000)), "fonts": ("Arial", "Arial"), "graphics": True}, []),
    "google-style": ({"names": GOOGLE, "size": (Inches(10), Inches(5.625)), "no_types": True},
                     ["--layout", "divider=SECTION_HEADER", "--layout", "closing=SECTION_HEADER"]),
}


def run(*args):
    result = CliRunner().invoke(main, [str(a) for a in args])
    return result.exit_code, result.output


def shapes_boxes(shape_tree_owner):
    return [(s, (s.left, s.top, s.width, s.height)) for s in shape_tree_owner.shapes if s.width is not None]


def overlaps(a, b) -> bool:
    return a[0] < b[0] + b[2] and b[0] < a[0] + a[2] and a[1] < b[1] + b[3] and b[1] < a[1] + a[3]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """Every master made, turned into a brand and the City Deals deck built on it."""
    base = tmp_path_factory.mktemp("masters")
    templates = base / "templates"
    out = {}
    for name, (options, layout_args) in MASTERS.items():
        source = make_master(base / (f"{name}.potx" if options.get("potx") else f"{name}.pptx"), **options)
        code, output = run("brand", "new", name, "--from", source, "--templates", templates, *layout_args)
        assert code == 0, output
        deck = base / f"{name}-deck.pptx"
        code, output = run("build", "--content", ROOT / "content", "--brand", name, "--templates", templates, "--out", deck)
        assert code == 0, output
        out[name] = (source, deck, output)
    return out


@pytest.mark.parametrize("name", list(MASTERS))
def test_the_deck_has_the_templates_size_and_none_of_its_slides(built, name):
    source, deck, _ = built[name]
    from generator.template import open_presentation

    master = open_presentation(source)
    prs = Presentation(str(deck))
    assert (prs.slide_width, prs.slide_height) == (master.slide_width, master.slide_height)
    titles = slide_titles(deck)
    assert titles[0] == "Midterm review City Deals" and not any(t.startswith("Example slide") for t in titles)
    assert "docProps/thumbnail.jpeg" not in zipfile.ZipFile(deck).namelist()


@pytest.mark.parametrize("name", list(MASTERS))
def test_nothing_past_the_edge_over_the_title_or_the_templates_graphics_and_no_empty_placeholder(built, name):
    _, deck, _ = built[name]
    prs = Presentation(str(deck))
    w, h = prs.slide_width, prs.slide_height
    for n, slide in enumerate(prs.slides, 1):
        layout = slide.slide_layout
        graphics = [box for s, box in shapes_boxes(layout) if not s.is_placeholder]
        graphics += [box for s, box in shapes_boxes(layout.slide_master) if not s.is_placeholder]
        graphics = [g for g in graphics if g[2] * g[3] < 0.9 * w * h]
        title = next((box for s, box in shapes_boxes(slide) if s.is_placeholder and s.placeholder_format.type in (1, 3)), None)
        for shape, box in shapes_boxes(slide):
            assert 0 <= box[0] and box[0] + box[2] <= w and 0 <= box[1] and box[1] + box[3] <= h, (n, shape.name, box)
            if shape.is_placeholder:
                assert shape.has_text_frame and shape.text_frame.text.strip(), (n, shape.name, "an empty placeholder")
                continue
            assert title is None or not overlaps(box, title), (n, shape.name, "over the title")
            assert not any(overlaps(box, g) for g in graphics), (n, shape.name, "over the template's graphics")


@pytest.mark.parametrize("name", list(MASTERS))
def test_the_themes_fonts_and_working_links(built, name):
    _, deck, _ = built[name]
    prs = Presentation(str(deck))
    faces = {el.get("typeface") for slide in prs.slides for el in slide._element.iter(qn("a:latin"))}
    assert faces <= {"+mn-lt", "+mj-lt"}, faces  # nothing forces Calibri on the house style
    numbers = {slide.part.partname: n for n, slide in enumerate(prs.slides, 1)}
    titles = slide_titles(deck)
    for slide in prs.slides:
        for link in slide._element.iter(qn("a:hlinkClick")):
            target = slide.part.rels[link.get(qn("r:id"))].target_part.partname
            assert target in numbers
    contents = prs.slides[1]
    targets = [titles[numbers[contents.part.rels[link.get(qn("r:id"))].target_part.partname] - 1]
               for link in contents._element.iter(qn("a:hlinkClick"))]
    assert targets[:3] == ["Inleiding", "Conclusies en aanbevelingen", "Context"]


def test_the_mapping_is_printed_and_reproducible(built):
    _, _, output = built["16x9-10in-dutch-potx"]
    code, printed = run("brand", "new", "again", "--from", built["16x9-10in-dutch-potx"][0], "--templates", built["4x3"][1].parent / "t2")
    assert code == 0
    assert "  cover     -> 'Titeldia' (PowerPoint's standard name)" in printed
    assert "  divider   -> 'Sectiekop' (PowerPoint's standard name)" in printed
    assert "  content   -> 'Titel en object' (PowerPoint's standard name)" in printed
    yaml_text = (built["4x3"][1].parent / "t2" / "again" / "brand.yaml").read_text()
    assert 'template: "16x9-10in-dutch-potx.potx"' in yaml_text and '  divider: "Sectiekop"  # PowerPoint\'s standard name' in yaml_text
    assert (built["4x3"][1].parent / "t2" / "again" / "16x9-10in-dutch-potx.potx").read_bytes() == built["16x9-10in-dutch-potx"][0].read_bytes()


def test_a_role_without_a_layout_lists_the_layouts_and_the_option(tmp_path):
    source = make_master(tmp_path / "bare.pptx", names={n: f"Layout {i}" for i, n in enumerate(DUTCH)}, no_types=True, samples=0)
    prs = Presentation(str(source))
    for layout in list(prs.slide_layouts):  # keep only layouts without a body placeholder
        if any(ph.placeholder_format.type in (2, 7) for ph in layout.placeholders):
            prs.slide_layouts.remove(layout)
    prs.save(str(source))
    code, output = run("brand", "new", "bare", "--from", source, "--templates", tmp_path / "t")
    assert code == 1
    assert "error: bare.pptx: no layout found for content. The template's layouts are master 1: " in output
    assert "Choose one with --layout content=\"LAYOUT NAME\" (or `layouts:` in brand.yaml)" in output
    assert not (tmp_path / "t" / "bare").exists()


def test_a_house_font_without_metrics_is_refused_naming_the_ways_out(tmp_path):
    source = make_master(tmp_path / "verdana.pptx", fonts=("Verdana", "Verdana"))
    templates = tmp_path / "t"
    code, output = run("brand", "new", "house", "--from", source, "--templates", templates)
    assert code == 0 and "warning: no metrics for the theme font 'Verdana'" in output
    folder = write_review(tmp_path / "review")
    code, output = run("build", "--content", folder, "--brand", "house", "--templates", templates, "--out", tmp_path / "d.pptx")
    assert code == 1
    assert ("error: house/brand.yaml: font: no metrics for the font 'Verdana' (the template's body font), so text cannot be "
            "measured before it is placed. Either put the font's files in the brand folder and name them as font.regular and "
            "font.bold, or set font.metrics: approximate to measure with a wider stand-in") in output.replace(str(templates) + "/", "")
    brand_yaml = templates / "house" / "brand.yaml"
    brand_yaml.write_text(brand_yaml.read_text() + "font:\n  metrics: approximate\n")
    code, output = run("build", "--content", folder, "--brand", "house", "--templates", templates, "--out", tmp_path / "d.pptx")
    assert code == 0, output
    assert "no metrics for the font 'Verdana': text is measured with a wider stand-in" in output


def test_build_brand_overrides_the_reviews_brand(tmp_path):
    folder = write_review(tmp_path / "review")
    code, output = run("build", "--content", folder, "--brand", "nope", "--out", tmp_path / "d.pptx")
    assert code == 1 and "error: --brand: unknown brand 'nope'; known: aef" in output


FIXTURES = ROOT / "tests" / "templates"
OPTIONS = {"google-style": ["--layout", "divider=SECTION_HEADER", "--layout", "closing=SECTION_HEADER"]}


@pytest.mark.slow
@pytest.mark.parametrize("source", sorted(p.name for p in FIXTURES.iterdir() if p.suffix in (".pptx", ".potx")))
def test_masters_from_outside_give_decks_the_layout_checker_and_the_validator_pass(tmp_path, source):
    """Masters nobody here designed (see tests/templates/README.md): python-pptx's, pandoc's,
    LibreOffice's own templates, a Dutch .potx, Google-style names, A4 in Verdana."""
    from openxml_audit import FileFormat, OpenXmlValidator

    from .layoutcheck import check

    name = source.rsplit(".", 1)[0]
    templates = tmp_path / "t"
    code, output = run("brand", "new", name, "--from", FIXTURES / source, "--templates", templates, *OPTIONS.get(name, []))
    assert code == 0, output
    if "no metrics" in output:  # Verdana: measured with the stand-in, as the message offers
        (templates / name / "brand.yaml").write_text((templates / name / "brand.yaml").read_text() + "font:\n  metrics: approximate\n")
    deck = tmp_path / "deck.pptx"
    code, output = run("build", "--content", ROOT / "content", "--brand", name, "--templates", templates, "--out", deck)
    assert code == 0, output
    assert [str(f) for f in check(deck)] == []
    result = OpenXmlValidator(file_format=FileFormat.OFFICE_2019, max_errors=20).validate(str(deck))
    assert [str(e) for e in result.errors] == []

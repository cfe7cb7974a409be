"""Remake the fixture templates: masters nobody here designed, for tests that build decks on them.

    .venv/bin/python tests/templates/make_fixtures.py

Needs pandoc and LibreOffice (soffice) for their files; the others are made with python-pptx.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from lxml import etree
from PIL import Image
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.oxml.shapes.picture import CT_Picture
from pptx.util import Emu, Inches

HERE = Path(__file__).resolve().parent
LIBREOFFICE = Path("/usr/lib/libreoffice/share/template/common/presnt")
OFFICE_TEMPLATES = ["Vivid", "Metropolis", "Progress"]
POTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX_MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def python_pptx_default() -> None:
    Presentation().save(HERE / "python-pptx-default.pptx")


def pandoc_reference() -> None:
    out = HERE / "pandoc-reference.pptx"
    subprocess.run(["pandoc", "-o", str(out), "--print-default-data-file", "reference.pptx"], check=True)
    if not out.stat().st_size:  # older pandoc prints to standard output whatever -o says
        out.write_bytes(subprocess.run(["pandoc", "--print-default-data-file", "reference.pptx"],
                                       check=True, capture_output=True).stdout)


def libreoffice_templates() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        for name in OFFICE_TEMPLATES:
            src = Path(tmp) / f"{name}.otp"
            shutil.copy(LIBREOFFICE / f"{name}.otp", src)
            subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile",
                            "--convert-to", "pptx", "--outdir", tmp, str(src)],
                           check=True, capture_output=True, timeout=180)
            out = HERE / f"libreoffice-{name.lower()}.pptx"
            shutil.copy(Path(tmp) / f"{name}.pptx", out)
            Presentation(str(out))  # opens


def _masters_and_layouts(prs):
    for master in prs.slide_masters:
        yield master
        yield from master.slide_layouts


def _resize(prs, width: int, height: int) -> None:
    """Set the slide size and scale every master and layout shape with it."""
    sx, sy = width / prs.slide_width, height / prs.slide_height
    prs.slide_width, prs.slide_height = Emu(width), Emu(height)
    for part in _masters_and_layouts(prs):
        for shape in part.shapes:
            if shape.left is None:
                continue
            shape.left, shape.width = Emu(round(shape.left * sx)), Emu(round(shape.width * sx))
            shape.top, shape.height = Emu(round(shape.top * sy)), Emu(round(shape.height * sy))


def _theme_fonts(prs, typeface: str) -> None:
    for master in prs.slide_masters:
        theme = master.part.part_related_by(RT.THEME)
        root = etree.fromstring(theme.blob)
        for which in ("majorFont", "minorFont"):
            latin = root.find(f".//{qn('a:' + which)}/{qn('a:latin')}")
            latin.set("typeface", typeface)
        theme._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _rename_layouts(prs, names: list[str]) -> None:
    for layout, name in zip(prs.slide_layouts, names):
        layout.name = name


DUTCH = ["Titeldia", "Titel en object", "Sectiekop", "Twee objecten", "Vergelijking", "Alleen titel",
         "Leeg", "Inhoud met bijschrift", "Afbeelding met bijschrift", "Titel en verticale tekst",
         "Verticale titel en tekst"]
GOOGLE = ["TITLE", "TITLE_AND_BODY", "SECTION_HEADER", "TITLE_AND_TWO_COLUMNS", "CAPTION_ONLY",
          "TITLE_ONLY", "BLANK", "ONE_COLUMN_TEXT", "MAIN_POINT", "SECTION_TITLE_AND_DESCRIPTION",
          "BIG_NUMBER"]


def dutch_master() -> None:
    prs = Presentation()
    _resize(prs, Inches(10), Inches(5.625))
    _rename_layouts(prs, DUTCH)
    _theme_fonts(prs, "Arial")
    master = prs.slide_master
    # a coloured band along the foot of every slide, and a logo in its right corner
    tree = master.shapes._spTree
    tree.append(etree.fromstring(
        '<p:sp xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<p:nvSpPr><p:cNvPr id="90" name="Band"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="0" y="{Inches(5.325)}"/><a:ext cx="{Inches(10)}" cy="{Inches(0.3)}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="E17000"/></a:solidFill>'
        '<a:ln><a:noFill/></a:ln></p:spPr></p:sp>'))
    png = io.BytesIO()
    Image.new("RGB", (120, 40), (0x1F, 0x2A, 0x44)).save(png, "PNG")
    png.seek(0)
    _, rId = master.part.get_or_add_image_part(png)
    tree.append(CT_Picture.new_pic(91, "Logo", "logo", rId, Inches(8.8), Inches(0.15), Inches(1.05), Inches(0.35)))
    # a dark background on the section layout
    section = prs.slide_layouts[2]
    bg = etree.fromstring(
        '<p:bg xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><p:bgPr>'
        '<a:solidFill><a:srgbClr val="1F2A44"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>')
    section._element.cSld.insert(0, bg)
    first = prs.slides.add_slide(prs.slide_layouts[0])
    first.shapes.title.text = "Voorbeeldpresentatie"
    first.placeholders[1].text = "Huisstijl van een voorbeeldorganisatie"
    second = prs.slides.add_slide(prs.slide_layouts[1])
    second.shapes.title.text = "Agenda"
    second.placeholders[1].text = "Opening\nResultaten\nAfsluiting"
    buf = io.BytesIO()
    prs.save(buf)
    _rewrite(buf.getvalue(), HERE / "dutch-master.potx",
             {"[Content_Types].xml": lambda b: b.replace(PPTX_MAIN.encode(), POTX_MAIN.encode())})


def _rewrite(data: bytes, out: Path, edits: dict) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename in edits:
                blob = edits[item.filename](blob)
            dst.writestr(item, blob)


def google_style() -> None:
    prs = Presentation()
    _resize(prs, Inches(10), Inches(5.625))
    _rename_layouts(prs, GOOGLE)
    for layout in prs.slide_layouts:
        layout._element.attrib.pop("type", None)
    prs.save(HERE / "google-style.pptx")


def a4_verdana() -> None:
    prs = Presentation()
    _resize(prs, 9906000, 6858000)  # A4 landscape as PowerPoint sets it: 27.52 x 19.05 cm
    _theme_fonts(prs, "Verdana")
    prs.save(HERE / "a4-verdana.pptx")


def main() -> None:
    python_pptx_default()
    pandoc_reference()
    dutch_master()
    google_style()
    a4_verdana()
    libreoffice_templates()


if __name__ == "__main__":
    main()

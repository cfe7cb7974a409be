"""The bundled metric-compatible fonts: every name resolves to files that open."""

from PIL import ImageFont

from generator.fonts import FAMILIES, METRIC_COMPATIBLE, font_files, stand_in


def test_every_mapping_opens():
    assert set(METRIC_COMPATIBLE.values()) <= set(FAMILIES)
    for name in METRIC_COMPATIBLE:
        regular, bold = font_files(name)
        for path in (regular, bold):
            assert path.is_file(), path
            assert ImageFont.truetype(str(path), 12).getlength("Midterm review") > 0


def test_names_are_case_and_space_insensitive():
    assert font_files("arial") == font_files("Helvetica ") == font_files("  ARIAL MT")
    assert font_files("arial")[0].name == "LiberationSans-Regular.ttf"
    assert font_files("Calibri Light")[1].name == "Carlito-Bold.ttf"
    assert font_files("Times New Roman")[0].name == "LiberationSerif-Regular.ttf"


def test_unknown_fonts_have_no_file():
    assert font_files("Verdana") is None
    assert font_files("") is None


def test_stand_in_is_dejavu_sans():
    regular, bold = stand_in()
    assert ImageFont.truetype(str(regular), 12).font.family == "DejaVu Sans"
    assert ImageFont.truetype(str(bold), 12).font.style == "Bold"

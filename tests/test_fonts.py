"""Bundled metric-compatible fonts: each name a master may use resolves to files that open."""

from __future__ import annotations

from PIL import ImageFont

from generator.fonts import METRIC_COMPATIBLE, font_files, stand_in


def test_every_mapped_font_has_files_that_open():
    for name, family in METRIC_COMPATIBLE.items():
        files = font_files(name)
        if family is None:
            assert files is None
            continue
        for path in files:
            assert ImageFont.truetype(str(path), 12).getlength("Midterm review") > 0, path


def test_names_are_matched_as_themes_write_them():
    assert font_files("Helvetica ").__eq__(font_files("arial"))
    assert font_files("Calibri  Light")[0].name == "Carlito-Regular.ttf"
    assert font_files("Times New Roman")[1].name == "LiberationSerif-Bold.ttf"
    assert font_files("Verdana") is None and font_files("Aptos") is None


def test_liberation_sans_has_arials_widths():
    regular, _ = font_files("Arial")
    # Arial's advance width of "n" is 1139 of 2048 units; Liberation Sans keeps Arial's metrics
    assert round(ImageFont.truetype(str(regular), 2048).getlength("n")) == 1139
    assert stand_in()[0].name == "DejaVuSans.ttf"

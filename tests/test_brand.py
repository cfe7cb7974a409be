"""Brands: named layouts found by name, a template without one refused, an unknown brand refused."""

from __future__ import annotations

import shutil

import pytest
from pptx import Presentation

from generator.brand import LAYOUTS, check_template, load_brand
from generator.build import project_templates
from generator.errors import DeckError


def test_both_brands_have_every_layout():
    for name in ("aef", None):
        brand = load_brand(name, project_templates())
        assert set(brand.layouts) == set(LAYOUTS)
        assert brand.regular_font.name == "Carlito-Regular.ttf"


def test_template_lacking_a_layout_is_refused(tmp_path):
    prs = Presentation(str(project_templates() / "aef" / "template.pptx"))
    divider = next(layout for layout in prs.slide_layouts if layout.name == "Divider")
    prs.slide_layouts.remove(divider)
    path = tmp_path / "template.pptx"
    prs.save(str(path))
    with pytest.raises(DeckError) as err:
        check_template(path)
    assert str(err.value) == f"{path}: the template lacks the slide layout 'Divider'; it has: Cover, Contents, Content, Closing"


def test_unknown_brand_lists_the_known_ones(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(project_templates() / "aef", templates / "aef")
    with pytest.raises(DeckError) as err:
        load_brand("aeff", templates, ("review.yaml", 6))
    assert str(err.value).startswith("review.yaml:6: brand: unknown brand 'aeff'; known: aef")

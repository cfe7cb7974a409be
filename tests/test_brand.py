"""Brands: layouts found for every role, a template where a role has none refused with its
layouts listed, an unknown brand refused."""

from __future__ import annotations

import shutil

import pytest
from pptx import Presentation

from generator.brand import load_brand
from generator.build import project_templates
from generator.errors import DeckError
from generator.template import ROLES, map_roles, read_template


def test_both_brands_map_every_role_by_deckgens_names():
    for name in ("aef", None):
        brand = load_brand(name, project_templates())
        assert {role: c.layout.name for role, c in brand.choices.items()} == {r.name: r.deckgen for r in ROLES.values()}
        assert {c.how for c in brand.choices.values()} == {"deckgen's name 'Cover'", "deckgen's name 'Contents'", "deckgen's name 'Divider'",
                                                           "deckgen's name 'Content'", "deckgen's name 'Closing'"}
        assert brand.regular_font.name == "Carlito-Regular.ttf"


def test_a_template_without_a_content_layout_is_refused_naming_its_layouts(tmp_path):
    prs = Presentation(str(project_templates() / "aef" / "template.pptx"))
    for layout in list(prs.slide_layouts):
        if layout.name in ("Content", "Contents"):
            prs.slide_layouts.remove(layout)
    path = tmp_path / "template.pptx"
    prs.save(str(path))
    with pytest.raises(DeckError) as err:
        map_roles(read_template(path), {}, "master.pptx")
    assert str(err.value) == ("master.pptx: no layout found for contents, content. The template's layouts are master 1: "
                              "'Cover' (type title), 'Divider' (type secHead), 'Closing' (type secHead). "
                              "Choose one with --layout contents=\"LAYOUT NAME\" (or `layouts:` in brand.yaml)")


def test_an_explicit_layout_that_does_not_exist(tmp_path):
    with pytest.raises(DeckError) as err:
        map_roles(read_template(project_templates() / "aef" / "template.pptx"), {"divider": "Sectiekop blauw"}, "brand.yaml")
    assert str(err.value).startswith("brand.yaml: layouts.divider: the template has no layout named 'Sectiekop blauw'. "
                                     "The template's layouts are master 1: 'Cover' (type title)")


def test_unknown_brand_lists_the_known_ones(tmp_path):
    templates = tmp_path / "templates"
    shutil.copytree(project_templates() / "aef", templates / "aef")
    with pytest.raises(DeckError) as err:
        load_brand("aeff", templates, ("review.yaml", 6))
    assert str(err.value).startswith("review.yaml:6: brand: unknown brand 'aeff'; known: aef")

"""The built deck as a reader meets it: titles, links, footers, charts, tables, languages."""

from __future__ import annotations

import pytest
from pptx import Presentation
from pptx.util import Emu

from generator import geometry as g
from generator.build import build

from .conftest import QUESTIONNAIRE, slide_links, slide_texts, slide_titles, write_review


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    folder = write_review(tmp_path_factory.mktemp("review"))
    out = folder / "deck.pptx"
    result = build(folder, out)
    return out, result


def test_titles(deck):
    out, _ = deck
    titles = slide_titles(out)
    assert titles[:4] == ["Small Review", "Inhoudsopgave", "Inleiding", "Inleiding | Scope"]
    assert "1. Alpha | (1/2)" in titles and "2. Beta | (1/1)" in titles
    assert titles[-1] == "Questions?"


def test_contents_blocks_jump_to_chapter_dividers(deck):
    out, _ = deck
    titles = slide_titles(out)
    links = slide_links(out)[1]
    chapter_links = [(text, n) for text, n in links if not text.startswith("‹")]
    assert chapter_links == [("Inleiding", 3), ("Findings per deal", 5), ("Appendix", 12)]
    for text, n in chapter_links:
        assert titles[n - 1] == text


def test_index_lines_link_to_their_deal_divider(deck):
    out, _ = deck
    prs = Presentation(str(out))
    links = slide_links(out)[5]
    index = [(t, n) for t, n in links if t.startswith("Slide")]
    assert index == [("Slide 7 | Alpha", 7), ("Slide 10 | Beta", 10)]
    for text, n in index:
        slide = prs.slides[n - 1]
        assert slide.shapes.title.text == text.split(" | ")[1]


def test_every_slide_but_the_cover_has_footer_number_and_back_link(deck):
    out, _ = deck
    texts = slide_texts(out)
    links = slide_links(out)
    assert not any("Test Firm  |" in t for t in texts[0])
    for n, (shapes, slide_links_) in enumerate(zip(texts[1:], links[1:]), 2):
        assert "Test Firm  |  5-3-2024" in shapes, n
        assert str(n) in shapes, n
        assert ("‹ Inhoud", 2) in slide_links_, n


def test_deal_divider_has_radar_chart_with_alt_text(deck):
    out, _ = deck
    prs = Presentation(str(out))
    divider = prs.slides[6]
    pics = [s for s in divider.shapes if s.shape_type == 13]
    assert len(pics) == 1
    alt = pics[0]._element.nvPicPr.cNvPr.get("descr")
    assert alt.startswith("Spinnenwebdiagram van Alpha (3 respondenten): A gemiddelde 3,7 (gemiddelde alle 2,8; bereik 3,0–5,0)")
    # at least 200 dpi at its placed size
    from PIL import Image
    import io

    image = Image.open(io.BytesIO(pics[0].image.blob))
    assert image.width / (pics[0].width / g.EMU_PER_INCH) >= 199


def test_one_chart_per_deal_plus_example(deck):
    out, _ = deck
    prs = Presentation(str(out))
    charts = [s for slide in prs.slides for s in slide.shapes if s.shape_type == 13]
    assert len(charts) == 3  # alpha, beta, the example


def test_score_table_is_a_native_table_with_dutch_numbers(deck):
    out, _ = deck
    prs = Presentation(str(out))
    table = next(s.table for slide in prs.slides for s in slide.shapes if s.has_table)
    rows = [[table.cell(r, c).text for c in range(len(table.columns))] for r in range(len(table.rows))]
    assert rows == [["City Deal", "A", "Indicator B", "Indicator C"], ["Alpha", "3,7", "3,0", "2,3"], ["Beta", "2,0", "2,0", "4,0"]]


def test_jinja_rendered_in_text(deck):
    out, _ = deck
    joined = "\n".join(t for slide in slide_texts(out) for t in slide)
    assert "The question of Small Review." in joined
    assert "Alpha finding on A with mean 3,7." in joined


def test_file_properties(deck):
    out, _ = deck
    props = Presentation(str(out)).core_properties
    assert (props.title, props.author, props.created.date().isoformat()) == ("Small Review", "Test Firm", "2024-03-05")


def test_sixteen_by_nine_and_shapes_inside(deck):
    out, _ = deck
    prs = Presentation(str(out))
    assert (prs.slide_width, prs.slide_height) == (Emu(12191695), Emu(6858000))  # the template's 13.33 x 7.5 in
    for slide in prs.slides:
        for shape in slide.shapes:
            assert 0 <= shape.left and shape.left + shape.width <= prs.slide_width
            assert 0 <= shape.top and shape.top + shape.height <= prs.slide_height


@pytest.mark.parametrize("charts", ["image", "native"])
def test_same_input_same_bytes(tmp_path, charts):
    import time

    folder = write_review(tmp_path / "r")
    (folder / "review.yaml").write_text((folder / "review.yaml").read_text() + f"charts: {charts}\n")
    build(folder, tmp_path / "a.pptx")
    time.sleep(1.1)  # a timestamp written anywhere would now differ
    build(folder, tmp_path / "b.pptx")
    assert (tmp_path / "a.pptx").read_bytes() == (tmp_path / "b.pptx").read_bytes()


def test_english_review_with_five_indicators(tmp_path, monkeypatch):
    extra = """\
  - id: delta-ind
    label: Indicator D
    statements:
      - {id: d1, text: Statement d1.}
  - id: eps-ind
    label: Indicator E
    statements:
      - {id: e1, text: Statement e1.}
"""
    survey = "deal,a1,a2,b1,c1,c2,d1,e1\nAlpha,4,2,5,3,,3,4\nAlpha,3,,1,4,2,2,5\nBeta,2,4,2,5,5,1,1\n"
    folder = write_review(tmp_path / "r", language="en", files={"questionnaire.yaml": QUESTIONNAIRE + extra, "survey/responses.csv": survey})
    seen = []
    import generator.render.deck as deck_module

    real = deck_module.radar_png
    monkeypatch.setattr(deck_module, "radar_png", lambda data: seen.append(data) or real(data))
    out = tmp_path / "en.pptx"
    build(folder, out)
    assert {len(d.labels) for d in seen} == {5}
    assert seen[0].legend == ("Mean of this Deal", "Mean of all Deals", "Range (minimum to maximum)")
    deal_charts = [d for d in seen if d.mean is not None and "Example (fictitious)" not in d.notes]
    assert all(d.notes[0] == "Illustrative data" for d in deal_charts)
    texts = "\n".join(t for slide in slide_texts(out) for t in slide)
    assert "Contents" in texts and "5 March 2024" in texts and "Where to find your Deal" in texts
    for dutch in ("Inhoudsopgave", "Inhoud", "vervolg", "Gemiddelde", "Aandachtspunten", "Leerpunten", "respondenten"):
        assert dutch not in texts, dutch
    table = next(s.table for slide in Presentation(str(out)).slides for s in slide.shapes if s.has_table)
    assert table.cell(1, 1).text == "3.0"  # alpha A: (4+2)/2 and 3


def test_no_range_below_min_respondents(tmp_path, monkeypatch):
    folder = write_review(tmp_path / "r")
    text = (folder / "review.yaml").read_text().replace("min_respondents: 2", "min_respondents: 3")
    (folder / "review.yaml").write_text(text)
    seen = []
    import generator.render.deck as deck_module

    real = deck_module.radar_png
    monkeypatch.setattr(deck_module, "radar_png", lambda data: seen.append(data) or real(data))
    build(folder, tmp_path / "d.pptx")
    beta = [d for d in seen if "2 respondenten" in d.notes]
    assert beta and beta[0].low is None and beta[0].high is None
    assert "Geen bereik: minder dan 3 respondenten" in beta[0].notes
    alpha = [d for d in seen if "3 respondenten" in d.notes]
    assert alpha[0].low is not None


def test_deal_without_responses_has_no_chart_and_a_warning(tmp_path):
    survey = "deal,a1,a2,b1,c1,c2\nAlpha,4,2,5,3,\nAlpha,3,3,1,4,2\n"
    folder = write_review(tmp_path / "r", files={"survey/responses.csv": survey})
    result = build(folder, tmp_path / "d.pptx")
    assert "deals/beta.yaml: no survey responses for 'Beta'; its section has no chart" in result.warnings
    prs = Presentation(str(tmp_path / "d.pptx"))
    beta = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == "Beta")
    assert not [s for s in beta.shapes if s.shape_type == 13]
    assert "2. Beta | (1/1)" in slide_titles(tmp_path / "d.pptx")


def test_chapter_picture_on_divider_with_alt_text(tmp_path):
    from PIL import Image

    folder = write_review(tmp_path / "r")
    (folder / "pictures").mkdir()
    Image.new("RGB", (40, 30), "navy").save(folder / "pictures" / "hands.png")
    text = (folder / "review.yaml").read_text().replace(
        "  - id: appendix\n    title: Appendix\n",
        "  - id: appendix\n    title: Appendix\n    picture: {file: pictures/hands.png, alt: Two hands}\n",
    )
    (folder / "review.yaml").write_text(text)
    build(folder, tmp_path / "d.pptx")
    prs = Presentation(str(tmp_path / "d.pptx"))
    divider = next(s for s in prs.slides if s.shapes.title is not None and s.shapes.title.text == "Appendix")
    pics = [s for s in divider.shapes if s.shape_type == 13]
    assert [p._element.nvPicPr.cNvPr.get("descr") for p in pics] == ["Two hands"]


def test_picture_outside_the_review_is_refused(tmp_path):
    from generator.errors import DeckError

    folder = write_review(tmp_path / "r")
    text = (folder / "review.yaml").read_text().replace(
        "  - id: appendix\n    title: Appendix\n",
        "  - id: appendix\n    title: Appendix\n    picture: {file: ../../etc/passwd, alt: x}\n",
    )
    (folder / "review.yaml").write_text(text)
    with pytest.raises(DeckError) as err:
        build(folder, tmp_path / "d.pptx")
    assert "chapters[2].picture.file: '../../etc/passwd' lies outside the review folder" in str(err.value)


@pytest.mark.slow
def test_chart_pool_draws_many_charts_without_deadlock(tmp_path):
    """Many charts in flight at once (a 60-deal review): the pipe to the chart process never jams."""
    import subprocess
    import sys

    from .cases.large import write_large_review

    folder = write_large_review(tmp_path / "large", deals=60)
    out = tmp_path / "large.pptx"
    result = subprocess.run([sys.executable, "-m", "generator.cli", "build", "--no-cache", "--content", str(folder), "--out", str(out)],
                            capture_output=True, text=True, timeout=240)
    assert result.returncode == 0, result.stderr
    pictures = [s for slide in Presentation(str(out)).slides for s in slide.shapes if s.shape_type == 13]
    assert len(pictures) == 60


def test_slide_title_names_the_deal_in_its_findings_titles(tmp_path):
    folder = write_review(tmp_path / "r", files={"deals/beta.yaml": "id: beta\nnumber: 2\nname: Beta Deal\nslide_title: Beta deal\ncontext: [Beta context.]\n"})
    out = tmp_path / "d.pptx"
    build(folder, out)
    titles = slide_titles(out)
    assert "2. Beta deal | (1/1)" in titles and "Beta Deal" in titles  # the divider keeps the name
    index = [t for slide in slide_links(out) for t, _ in slide if t.startswith("Slide ")]
    assert index[-1].endswith("| Beta Deal")


def test_shape_ids_are_unique_on_every_slide(deck):
    out, _ = deck
    for n, slide in enumerate(Presentation(str(out)).slides, 1):
        ids = [shape.shape_id for shape in slide.shapes]
        assert len(ids) == len(set(ids)), n


def _radar(notes: tuple[str, ...], mean: tuple[float, ...]):
    from generator.render.charts import RadarData

    font = "templates/aef/fonts/Carlito-Regular.ttf"
    return RadarData(("A", "B", "C", "D", "E"), mean, (3.0,) * 5, tuple(m - 1 for m in mean), tuple(m + 0.5 for m in mean), (1, 5),
                     ("deal", "all", "range"), notes, ("#1E5B3A", "#8B1A1A", "#D3D3D3", "#222222", "#6B6B6B"), font, 5.1, 5.55,
                     "templates/aef/fonts/Carlito-Bold.ttf")


def test_a_chart_is_the_same_whatever_was_drawn_before():
    """Charts of one style share a drawn ground, kept text and a palette: none of it may leak
    from one chart into the next."""
    from generator.render import charts

    first, second = _radar(("Illustrative", "12 respondents"), (2.0, 4.5, 3.0, 1.5, 4.0)), _radar(("Illustrative", "3 respondents"), (4.0, 2.5, 2.0, 3.5, 3.0))
    charts._canvases.clear()
    alone = charts.radar_png(second)
    charts._canvases.clear()
    charts.radar_png(first)
    assert charts.radar_png(second) == alone
    assert charts.radar_png(first) != alone


def test_a_chart_draws_its_values_where_the_scale_puts_them():
    """The deal's colour at its means; between two spokes, the range's colour between the lowest
    scores and the means, the white ground beyond the highest scores."""
    import io

    from PIL import Image

    from generator.render import charts

    data = _radar((), (4.5,) * 5)  # lowest 3.5, highest 5.0, all deals 3.0
    charts._canvases.clear()
    canvas = charts._canvas(charts._static(data))
    image = Image.open(io.BytesIO(charts.radar_png(data))).convert("RGB")
    assert image.size == (round(5.1 * charts.DPI), round(5.55 * charts.DPI))

    def near(xy, hex_color, tolerance):
        pixel = image.getpixel((round(xy[0]), round(xy[1])))
        return all(abs(p - int(hex_color[i:i + 2], 16)) <= tolerance for p, i in zip(pixel, (1, 3, 5)))

    # halfway between two spokes a polygon of value v passes at 1 + (v - 1) * cos(36°): the
    # lowest at 3.02, the 4 ring at 3.43, the means at 3.83, the highest and the 5 ring at 4.24
    band = "#" + "".join(f"{round(0.15 * 255 + 0.85 * c):02X}" for c in (0xD3, 0xD3, 0xD3))  # 85 % over white
    for i in range(1, 5):  # the scale's numbers stand on the first spoke
        assert near(canvas.point(i, 4.5), "#1E5B3A", 24), i
        assert near(canvas.point(i + 0.5, 3.22), band, 12), i
        assert near(canvas.point(i + 0.5, 4.6), "#FFFFFF", 12), i


def test_the_chart_worker_and_this_process_share_the_charts():
    """Charts queued for the worker come back as drawing them here gives them, whichever side
    drew them: asked for in reverse order, this process draws the ones the worker has not taken."""
    from generator.render import charts
    from generator.render.pool import ChartPool

    data = [_radar(("Illustrative", f"{n} respondents"), (2.0 + n / 10, 4.5, 3.0, 1.5, 4.0)) for n in range(6)]
    keys = [f"chart-{n}" for n in range(6)]
    pool = ChartPool()
    try:
        pool.prepare(data[0])
        for key, d in zip(keys, data):
            pool.submit(key, d)
        got = {key: pool.result(key) for key in reversed(keys)}
    finally:
        pool.close()
    assert pool.started
    assert all(got[key] == charts.radar_png(d) for key, d in zip(keys, data))
    assert pool.result("never-submitted") is None


def test_a_worker_that_dies_leaves_its_charts_to_this_process():
    from generator.render import charts
    from generator.render.pool import ChartPool

    data = [_radar(("Illustrative", f"{n} respondents"), (3.0, 2.5 + n / 10, 3.0, 1.5, 4.0)) for n in range(3)]
    pool = ChartPool()
    try:
        pool._start()
        pool._process.kill()
        pool._process.wait()
        for n, d in enumerate(data):
            pool.submit(f"c{n}", d)
        results = [pool.result(f"c{n}") for n in range(3)]
    finally:
        pool.close()
    assert all(r is None or r == charts.radar_png(d) for r, d in zip(results, data))  # None: the caller draws it

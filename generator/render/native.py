"""Native, editable PowerPoint radar charts, with their data in the embedded sheet.

python-pptx's radar XML fails ECMA-376 validation (a `c:smooth` element in radar series,
negative axis ids); `add_radar` writes it valid. The min-max band is a filled radar group
(maximum in the range colour, minimum in white) under a line group (the deal's mean and
the all-deals mean), both on the same axes.
"""

from __future__ import annotations

import copy
import re

from pptx.chart.data import CategoryChartData
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LEGEND_POSITION
from pptx.oxml.ns import qn
from pptx.util import Emu, Pt

from .charts import RadarData

AXIS_IDS = ("50010001", "50010002")


def _rgb(hex_color: str) -> RGBColor:
    return RGBColor.from_string(hex_color.lstrip("#"))


def add_radar(slide, x: int, y: int, w: int, h: int, data: RadarData, font: str, alt: str):
    """Add the chart as a graphic frame; return it."""
    deal_c, ref_c, range_c, text_c, _ = data.colors
    chart_data = CategoryChartData(number_format="0.0")
    chart_data.categories = list(data.labels)
    band = data.low is not None and data.high is not None
    if band:
        chart_data.add_series(data.legend[2], [round(v, 2) for v in data.high])
        chart_data.add_series("min", [round(v, 2) for v in data.low])
    if data.reference is not None:
        chart_data.add_series(data.legend[1], [round(v, 2) for v in data.reference])
    if data.mean is not None:
        chart_data.add_series(data.legend[0], [round(v, 2) for v in data.mean])
    frame = slide.shapes.add_chart(XL_CHART_TYPE.RADAR, Emu(x), Emu(y), Emu(w), Emu(h), chart_data)
    frame.name = "Radar chart"
    frame._element.nvGraphicFramePr.cNvPr.set("descr", alt)
    chart = frame.chart
    ground = chart._chartSpace.makeelement(qn("c:spPr"), {})  # a white ground of its own, after c:chart
    fill = ground.makeelement(qn("a:solidFill"), {})
    fill.append(fill.makeelement(qn("a:srgbClr"), {"val": "FFFFFF"}))
    ground.append(fill)
    chart._chartSpace.find(qn("c:chart")).addnext(ground)
    chart.font.name = font
    chart.font.size = Pt(10)
    chart.font.color.rgb = _rgb(text_c)
    axis = chart.value_axis
    axis.minimum_scale, axis.maximum_scale = data.scale
    axis.major_unit = 1
    axis.tick_labels.font.size = Pt(8)
    chart.has_legend = True
    chart.legend.position = XL_LEGEND_POSITION.BOTTOM
    chart.legend.include_in_layout = False
    notes = [n for n in data.notes if n]
    if notes:
        chart.has_title = True
        chart.chart_title.text_frame.text = " · ".join(notes)
        run = chart.chart_title.text_frame.paragraphs[0].runs[0]
        run.font.size, run.font.bold, run.font.name = Pt(10), False, font
    else:
        chart.has_title = False

    plot = chart.plots[0]
    series = list(plot.series)
    colors = ([range_c, "#FFFFFF"] if band else []) + ([ref_c] if data.reference is not None else []) + ([deal_c] if data.mean is not None else [])
    for s, color in zip(series, colors):
        s.format.line.color.rgb = _rgb(color)
        s.format.line.width = Pt(2.25 if color in (deal_c, ref_c) else 0.75)
        s.smooth = False
    xml = chart._chartSpace
    radar = xml.find(f".//{qn('c:radarChart')}")
    for ser in radar.findall(qn("c:ser")):
        smooth = ser.find(qn("c:smooth"))
        if smooth is not None:
            ser.remove(smooth)
    if band:  # a filled group for the band, drawn first, on the same axes
        filled = copy.deepcopy(radar)
        filled.find(qn("c:radarStyle")).set("val", "filled")
        for ser in filled.findall(qn("c:ser"))[2:]:
            filled.remove(ser)
        for ser in radar.findall(qn("c:ser"))[:2]:
            radar.remove(ser)
        for ser, color in zip(filled.findall(qn("c:ser")), (range_c, "#FFFFFF")):
            _fill_series(ser, color)
        radar.addprevious(filled)
        # the helper series 'min' has no legend entry
        legend = xml.find(f".//{qn('c:legend')}")
        entry = legend.makeelement(qn("c:legendEntry"), {})
        idx = entry.makeelement(qn("c:idx"), {"val": "1"})
        delete = entry.makeelement(qn("c:delete"), {"val": "1"})
        entry.extend([idx, delete])
        legend.find(qn("c:legendPos")).addnext(entry)
    _positive_axis_ids(xml)
    return frame


def _fill_series(ser, color: str) -> None:
    """Give a filled-radar series a solid fill and no outline (spPr goes after c:tx)."""
    sppr = ser.find(qn("c:spPr"))
    if sppr is None:
        sppr = ser.makeelement(qn("c:spPr"), {})
        ser.find(qn("c:tx")).addnext(sppr)
    for child in list(sppr):
        sppr.remove(child)
    fill = sppr.makeelement(qn("a:solidFill"), {})
    fill.append(fill.makeelement(qn("a:srgbClr"), {"val": color.lstrip("#").upper()}))
    line = sppr.makeelement(qn("a:ln"), {})
    line.append(line.makeelement(qn("a:noFill"), {}))
    sppr.extend([fill, line])
    marker = ser.find(qn("c:marker"))
    if marker is not None:
        ser.remove(marker)


def _positive_axis_ids(xml) -> None:
    """python-pptx writes negative axis ids; the schema wants unsigned ints."""
    ids: dict[str, str] = {}
    for el in xml.iter(qn("c:axId"), qn("c:crossAx")):
        old = el.get("val")
        if old not in ids:
            ids[old] = AXIS_IDS[len(ids) % 2] if len(ids) < 2 else str(50010001 + len(ids))
        el.set("val", ids[old])


def native_chart(data: RadarData, font: str) -> tuple[bytes, bytes]:
    """The chart part's XML and its embedded sheet (made stable: xlsxwriter stamps the time),
    made on a scratch slide; the deck's package takes them as they are."""
    from pptx import Presentation
    from pptx.opc.oxml import serialize_part_xml

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[6])
    frame = add_radar(slide, 0, 0, 5486400, 4114800, data, font, "")
    part = frame.chart_part
    sheet = part.chart_workbook.xlsx_part
    rid = next(rid for rid, rel in part.rels.items() if rel.target_part is sheet)
    xml = serialize_part_xml(part._element)
    if rid != "rId1":  # the package writes the sheet's relationship as rId1
        xml = xml.replace(f'r:id="{rid}"'.encode(), b'r:id="rId1"')
    return xml, _stable_sheet(sheet.blob)


_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:(?:created|modified)>)")


def _stable_sheet(data: bytes) -> bytes:
    """The workbook with fixed zip timestamps and a fixed creation time: equal data, equal bytes."""
    import io
    import zipfile

    from ..package import zip_bytes

    with zipfile.ZipFile(io.BytesIO(data)) as src:
        members = [(name, src.read(name)) for name in src.namelist()]
    return zip_bytes([(name, _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", body) if name == "docProps/core.xml" else body)
                      for name, body in members])


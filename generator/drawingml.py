"""Every piece of raw DrawingML the deck is made of, as text (shapes are fragments of a slide,
whose root declares the namespaces NSDECLS): text boxes with exact line pitch,
paragraphs, placeholder bodies, tables, pictures, notes. Colours and fonts come in as written
(theme references or fixed values); positions in EMU."""

from __future__ import annotations

from .fit import LINE_FACTOR
from .template import Box

NSDECLS = ('xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main" '
           'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')

BULLETS = {"bullet": ("•", 201168, -201168), "sub": ("–", 411480, -182880), "number": ("", 256032, -256032)}
"""Per bullet style: its character, left margin and hanging indent (EMU)."""


def escape(text: str) -> str:
    """Text as XML character data."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def attr(text: str) -> str:
    """Text as an XML attribute value (in double quotes)."""
    return escape(text).replace('"', "&quot;")


def xfrm(box: Box, tag: str = "a:xfrm") -> str:
    """A shape's position and size."""
    return f'<{tag}><a:off x="{box.x}" y="{box.y}"/><a:ext cx="{box.w}" cy="{box.h}"/></{tag}>'


def font(typeface: str | None) -> str:
    """The latin and complex-script font of a run: a name, a theme reference (+mn-lt), or
    nothing (the placeholder's own)."""
    if not typeface:
        return ""
    cs = typeface.replace("-lt", "-cs") if typeface.startswith("+") else typeface
    return f'<a:latin typeface="{attr(typeface)}"/><a:cs typeface="{attr(cs)}"/>'


def run(text: str, size: float, lang: str, typeface: str | None, color: str | None = None, bold: bool | None = None,
        link: str = "") -> str:
    b = "" if bold is None else f' b="{1 if bold else 0}"'
    fill = f"<a:solidFill>{color}</a:solidFill>" if color else ""
    return (f'<a:r><a:rPr lang="{lang}" sz="{int(round(size * 100))}"{b} dirty="0">{fill}{font(typeface)}{link}</a:rPr>'
            f'<a:t>{escape(text)}</a:t></a:r>')


def paragraph(text: str, size: float, lang: str, typeface: str | None, color: str | None, *, bold: bool = False,
              style: str = "body", number: int | None = None, space_before: float = 0.0, align: str | None = None,
              link: str = "", runs: str | None = None) -> str:
    """One a:p with exact line pitch and spacing and its bullet, so every client lays it out alike."""
    pitch = int(round(size * LINE_FACTOR * 100))
    before = int(round(space_before * 100))
    algn = {"right": ' algn="r"', "center": ' algn="ctr"'}.get(align or "", "")
    if style in BULLETS:
        char, mar, ind = BULLETS[style]
        if style == "number":
            bullet = f'<a:buFont typeface="+mj-lt"/><a:buAutoNum type="arabicPeriod" startAt="{number or 1}"/>'
        else:
            bullet = f'<a:buFont typeface="Arial"/><a:buChar char="{char}"/>'
    else:
        mar, ind, bullet = 0, 0, "<a:buNone/>"
    body = runs if runs is not None else run(text, size, lang, typeface, color, bold, link)
    return (f'<a:p><a:pPr marL="{mar}" indent="{ind}"{algn}><a:lnSpc><a:spcPts val="{pitch}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="{before}"/></a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft>{bullet}</a:pPr>'
            f'{body}</a:p>')


def text_box(shape_id: int, name: str, box: Box, paras: str, fill: str | None = None, anchor: str = "t",
             link: str = "", inset: int = 0) -> str:
    """A text box (or a filled band or tile) that never autofits: the plan measured its text."""
    fill_xml = f"<a:solidFill>{fill}</a:solidFill>" if fill else "<a:noFill/>"
    txbox = "" if fill else ' txBox="1"'
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{attr(name)}">{link}</p:cNvPr><p:cNvSpPr{txbox}/><p:nvPr/>'
            f'</p:nvSpPr><p:spPr>{xfrm(box)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{fill_xml}<a:ln><a:noFill/></a:ln></p:spPr>'
            f'<p:txBody><a:bodyPr wrap="square" lIns="{inset}" tIns="0" rIns="{inset}" bIns="0" anchor="{anchor}" rtlCol="0">'
            f'<a:noAutofit/></a:bodyPr><a:lstStyle/>{paras}</p:txBody></p:sp>')


def placeholder_body(lines: list[str], size: float, lang: str, typeface: str | None, anchor: str = "",
                     flat: bool = False, color: str | None = None) -> str:
    """A placeholder's text body: the measured size and exact line pitch, no insets, no autofit;
    colour, alignment and font otherwise the template's."""
    pitch = int(round(size * LINE_FACTOR * 100))
    ppr = ' marL="0" indent="0"' if flat else ""
    bullet = "<a:buNone/>" if flat else ""
    paras = "".join(f'<a:p><a:pPr{ppr}><a:lnSpc><a:spcPts val="{pitch}"/></a:lnSpc>{bullet}</a:pPr>'
                    f'{run(line, size, lang, typeface, color)}</a:p>' for line in lines)
    anchor_attr = f' anchor="{anchor}"' if anchor else ""
    return (f'<p:txBody><a:bodyPr wrap="square" lIns="0" tIns="0" rIns="0" bIns="0"{anchor_attr}><a:noAutofit/>'
            f'</a:bodyPr><a:lstStyle/>{paras}</p:txBody>')


def field_body(kind: str, text: str, size: float, lang: str, typeface: str | None, color: str | None = None) -> str:
    """A footer placeholder's body holding a field (slidenum) or plain runs."""
    fill = f"<a:solidFill>{color}</a:solidFill>" if color else ""
    rpr = f'<a:rPr lang="{lang}" sz="{int(round(size * 100))}" dirty="0">{fill}{font(typeface)}</a:rPr>'
    inner = (f'<a:fld id="{{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}}" type="{kind}">{rpr}<a:t>{escape(text)}</a:t></a:fld>'
             if kind else f"<a:r>{rpr}<a:t>{escape(text)}</a:t></a:r>")
    return f'<p:txBody><a:bodyPr/><a:lstStyle/><a:p>{inner}</a:p></p:txBody>'


def picture(shape_id: int, name: str, rid: str, box: Box, alt: str, fill: str | None = None) -> str:
    """A picture with its alternative text; `fill` paints the ground behind a transparent picture."""
    ground = f"<a:solidFill>{fill}</a:solidFill>" if fill else ""
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{attr(name)}" descr="{attr(alt)}"/>'
            f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed="{rid}"/>'
            f'<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>{xfrm(box)}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom>{ground}</p:spPr></p:pic>')


def table(shape_id: int, name: str, box: Box, widths: list[int], rows: list[tuple[list[str], int]], alt: str, size: float,
          lang: str, typeface: str | None, header_fill: str, header_color: str, band_fill: str, text_color: str,
          band_color: str) -> str:
    """A native table: header row in the brand colour, banded rows, exact line pitch."""
    pitch = int(round(size * LINE_FACTOR * 100))
    mar_x, mar_y = 63500, 50800
    out = []
    for r, (values, height) in enumerate(rows):
        fill = header_fill if r == 0 else (band_fill if r % 2 == 0 else '<a:srgbClr val="FFFFFF"/>')
        color = header_color if r == 0 else (band_color if r % 2 == 0 else text_color)
        cells = "".join(
            f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/><a:p><a:pPr algn="{"l" if c == 0 else "ctr"}">'
            f'<a:lnSpc><a:spcPts val="{pitch}"/></a:lnSpc></a:pPr>{run(value, size, lang, typeface, color, r == 0)}</a:p></a:txBody>'
            f'<a:tcPr marL="{mar_x}" marR="{mar_x}" marT="{mar_y}" marB="{mar_y}" anchor="ctr">'
            f'<a:solidFill>{fill}</a:solidFill></a:tcPr></a:tc>'
            for c, value in enumerate(values))
        out.append(f'<a:tr h="{height}">{cells}</a:tr>')
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in widths)
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="{attr(name)}" descr="{attr(alt)}"/>'
            f'<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'{xfrm(box, "p:xfrm")}<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table"><a:tbl>'
            f'<a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>{grid}</a:tblGrid>{"".join(out)}</a:tbl></a:graphicData></a:graphic>'
            f'</p:graphicFrame>')


def notes(text: str, lang: str) -> str:
    """A notes slide with the slide image and the given text."""
    lines = "".join(f'<a:p><a:r><a:rPr lang="{lang}" dirty="0"/><a:t>{escape(line)}</a:t></a:r></a:p>' for line in text.split("\n"))
    return ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
            f'<p:notes {NSDECLS}><p:cSld><p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr/>'
            f'<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" noRot="1" noChangeAspect="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
            f'<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f'<p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>{lines}</p:txBody></p:sp>'
            f'</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>')


def link(rid: str) -> str:
    return f'<a:hlinkClick r:id="{rid}" action="ppaction://hlinksldjump"/>'


def chart_frame(shape_id: int, name: str, rid: str, box: Box, alt: str) -> str:
    """A native chart's graphic frame, its chart part related as rid."""
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="{attr(name)}" descr="{attr(alt)}"/>'
            f'<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'{xfrm(box, "p:xfrm")}<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
            f'<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" r:id="{rid}"/></a:graphicData></a:graphic>'
            f'</p:graphicFrame>')

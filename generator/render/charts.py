"""Radar charts as PNG images, drawn with Pillow (one axis per indicator).

A radar chart is a handful of polygons, lines and texts. Pillow draws them twice as
large and scales the result down, which smooths their edges as well as a vector renderer;
its text is drawn by FreeType at the final size. Pillow is imported anyway (it measures
text), where matplotlib's import alone took longer than a whole cold build may.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

DPI = 200
ENCODING = "pillow x2, png, palette of 256 per style, level 3"  # how charts are drawn, in their cache key (with deckgen's code)
GRID = "#BBBBBB"
PT = DPI / 72  # pixels per point


@dataclass(frozen=True)
class RadarData:
    """Everything one chart shows; equal data draw equal bytes."""

    labels: tuple[str, ...]
    mean: tuple[float, ...] | None
    reference: tuple[float, ...] | None
    low: tuple[float, ...] | None
    high: tuple[float, ...] | None
    scale: tuple[int, int]
    legend: tuple[str, str, str]
    notes: tuple[str, ...]
    colors: tuple[str, str, str, str, str]  # deal, reference, range, text, muted
    font: str  # path of the font file the labels are drawn with
    width_in: float
    height_in: float
    font_bold: str = ""  # path of its bold face (the first note); default: the regular one


def radar_png(data: RadarData) -> bytes:
    """Draw the chart; return PNG bytes (no timestamps: the same data give the same bytes).

    What all charts of one size, scale, axes and legend share (white ground, grid, axis
    labels, legend) is drawn once and kept; each chart draws its own data over a copy of it,
    so the result is the same whichever charts were drawn before. A chart has about a
    thousand colours (its marks and their smoothed edges); they are mapped onto a palette of
    256 made once for the style, which looks the same, is a third of the bytes of a
    full-colour PNG and a quarter of the time to encode.
    """
    from PIL import Image

    canvas = _canvas(_static(data))
    indexed = canvas.draw(data).quantize(palette=canvas.palette, dither=Image.Dither.NONE)
    buf = io.BytesIO()
    indexed.save(buf, format="PNG", compress_level=3, dpi=(DPI, DPI))
    return buf.getvalue()


def warm_up() -> None:
    """Import what drawing needs, so that a worker is ready when charts arrive."""
    from PIL import Image, ImageDraw, ImageFont  # noqa: F401


def prepare(data: RadarData) -> None:
    """Draw the ground and make the palette of this chart's style, ahead of its charts."""
    _canvas(_static(data))


def ready(data: RadarData) -> bool:
    """Whether this process has drawn the ground of this chart's style already."""
    return _static(data) in _canvases


def _static(data: RadarData) -> tuple:
    return (data.labels, data.scale, data.legend, data.colors, data.font, data.font_bold or data.font, data.width_in, data.height_in)


def _rgb(hex_color: str, alpha: float = 1.0) -> tuple[int, ...]:
    h = hex_color.lstrip("#")
    rgb = (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16))
    return rgb if alpha >= 1.0 else rgb + (round(alpha * 255),)


SS = 2  # marks are drawn this many times larger, then scaled down


class _Canvas:
    """One size and style of chart: its ground (drawn once) and its palette."""

    def __init__(self, static: tuple):
        from PIL import ImageFont

        labels, scale, legend, colors, font, bold, width_in, height_in = static
        self.labels, self.scale, self.colors = labels, scale, colors
        self.width, self.height = round(width_in * DPI), round(height_in * DPI)
        self._fonts: dict[tuple[str, float], object] = {}
        self._kept: dict[tuple, tuple] = {}  # text -> (its pixels, where), see text()
        self.font = lambda size: self._font(font, size)
        self.bold = lambda size: self._font(bold, size)
        self._image_font = ImageFont
        # the plot: centred in the upper part, 1.0 = the top of the scale, room for labels around
        box_w, box_h = 0.76 * self.width, 0.72 * self.height
        self.unit = min(box_w, box_h) / (2 * 1.32)
        self.cx, self.cy = 0.12 * self.width + box_w / 2, 0.24 * self.height + box_h / 2
        # the square the data can reach (the top of the scale, lines and dots included)
        reach = self.unit + 4 * PT
        self.plot = (max(0, math.floor(self.cx - reach)), max(0, math.floor(self.height - self.cy - reach)),
                     min(self.width, math.ceil(self.cx + reach)), min(self.height, math.ceil(self.height - self.cy + reach)))
        self.ground = self._ground(legend)
        self.palette = self._palette()

    def _font(self, path: str, size: float):
        key = (path, size)
        if key not in self._fonts:
            self._fonts[key] = self._image_font.truetype(path, size * PT)
        return self._fonts[key]

    # ---- geometry (display pixels, y down, as Pillow draws) ----------------------------------
    def point(self, i: int, value: float, ss: int = 1, origin: tuple[int, int] = (0, 0)) -> tuple[float, float]:
        low, high = self.scale
        n = len(self.labels)
        angle = math.pi / 2 - 2 * math.pi * i / n  # clockwise from the top
        r = (value - low) / (high - low) * self.unit
        return ((self.cx + r * math.cos(angle) - origin[0]) * ss, (self.height - self.cy - r * math.sin(angle) - origin[1]) * ss)

    def polygon(self, values, ss: int = 1, origin: tuple[int, int] = (0, 0)) -> list[tuple[float, float]]:
        return [self.point(i, v, ss, origin) for i, v in enumerate(values)]

    @staticmethod
    def stroke(draw, points, color: str, width_pt: float, ss: int, closed: bool = True) -> None:
        width = max(1, round(width_pt * PT * ss))
        pts = list(points) + (list(points[:2]) if closed else [])
        draw.line(pts, fill=_rgb(color), width=width, joint="curve")
        if not closed:  # round caps
            for x, y in (pts[0], pts[-1]):
                r = width / 2
                draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgb(color))

    def text(self, draw, x: float, y: float, s: str, size: float, color: str, ha: str = "left", va: str = "bottom",
             bold: bool = False, box: bool = False, image=None) -> None:
        """Text anchored at (x, y) (y down): ha left/center/right, va bottom/center/top; `box`:
        on an opaque white box. With `image` (the chart drawn on), the text stands on its box or
        on nothing but the white ground: its pixels are kept, and put back for the next chart
        with the same text where they are (the scale's numbers, the notes) instead of drawing
        it again; the same pixels either way."""
        key = (x, y, s, size, color, ha, va, bold, box)
        if image is not None and key in self._kept:
            patch, at = self._kept[key]
            image.paste(patch, at)
            return
        font = self.bold(size) if bold else self.font(size)
        anchor = {"left": "l", "center": "m", "right": "r"}[ha] + {"bottom": "d", "center": "m", "top": "a"}[va]
        x0, y0, x1, y1 = draw.textbbox((x, y), s, font=font, anchor=anchor)
        if box:  # on whole pixels, so that the box covers what is under it entirely
            pad = 1.5 * PT
            region = (math.floor(x0 - pad), math.floor(y0 - pad), math.ceil(x1 + pad), math.ceil(y1 + pad))
            draw.rectangle(region, fill=(255, 255, 255))
        else:
            region = (math.floor(x0) - 2, math.floor(y0) - 2, math.ceil(x1) + 2, math.ceil(y1) + 2)
        draw.text((x, y), s, fill=_rgb(color), font=font, anchor=anchor)
        if image is not None:
            at = (max(0, region[0]), max(0, region[1]))
            self._kept[key] = (image.crop((*at, min(image.width, region[2] + 1), min(image.height, region[3] + 1))), at)

    # ---- the chart --------------------------------------------------------------------------
    def _ground(self, legend):
        """White ground, rings, spokes, axis labels and legend, at the final size."""
        from PIL import Image, ImageDraw

        deal_c, ref_c, range_c, text_c, _ = self.colors
        n = len(self.labels)
        low, high = self.scale
        w, h = self.width, self.height
        big = Image.new("RGB", (w * SS, h * SS), "white")
        draw = ImageDraw.Draw(big)
        for step in range(low, high + 1):  # one ring per scale step, one spoke per indicator
            self.stroke(draw, self.polygon([step] * n, SS), GRID, 0.6, SS)
        for i in range(n):
            self.stroke(draw, [(self.cx * SS, (h - self.cy) * SS), self.point(i, high, SS)], GRID, 0.6, SS, closed=False)
        row = 9 * PT * 1.55
        x0, y0 = 0.06 * w + 2 * PT, 0.06 * h + 3 * PT
        rows = []
        for k, kind in enumerate(("deal", "reference", "range")):  # the legend, lower left: deal, reference, range
            y = h - (y0 + (2 - k) * row + row / 2)
            rows.append(y)
            if kind == "range":
                draw.rectangle((x0 * SS, (y - 3 * PT) * SS, (x0 + 20 * PT) * SS, (y + 3 * PT) * SS), fill=_rgb(range_c))
            else:
                self.stroke(draw, [(x0 * SS, y * SS), ((x0 + 20 * PT) * SS, y * SS)], deal_c if kind == "deal" else ref_c,
                            2.4 if kind == "deal" else 2.0, SS, closed=False)
        image = big.reduce(SS)
        draw = ImageDraw.Draw(image)
        for i, label in enumerate(self.labels):
            x, y = self.point(i, high + (high - low) * 0.13)
            dx, dy = x - self.cx, (h - y) - self.cy
            ha = "center" if abs(dx) < 0.15 * self.unit else ("left" if dx > 0 else "right")
            va = "center" if abs(dy) < 0.15 * self.unit else ("bottom" if dy > 0 else "top")
            self.text(draw, x, y, label, 9, text_c, ha, va)
        for label, y in zip(legend, rows):
            self.text(draw, x0 + 26 * PT, y, label, 9, text_c, "left", "center")
        return image

    def draw(self, data: RadarData):
        """This chart: its own marks over a copy of the ground, bottom to top: the band, the
        lines, the dots (drawn large over the plot's square and scaled down), then the scale's
        numbers and the notes."""
        from PIL import Image, ImageDraw

        deal_c, ref_c, range_c, text_c, muted_c = data.colors
        low, high = data.scale
        image = self.ground.copy()
        x0, y0, x1, y1 = self.plot
        big = image.crop(self.plot).resize(((x1 - x0) * SS, (y1 - y0) * SS), Image.Resampling.NEAREST)
        draw = ImageDraw.Draw(big, "RGBA")
        origin = (x0, y0)
        if data.low is not None and data.high is not None:
            # the band between the lowest and the highest scores: the highest polygon's area
            # less the lowest's, drawn through a mask so the two never blend twice
            outer, inner = self.polygon(data.high, SS, origin), self.polygon(data.low, SS, origin)
            left, top = (max(0, math.floor(min(p[k] for p in outer)) - 1) for k in (0, 1))
            right, bottom = (min(size, math.ceil(max(p[k] for p in outer)) + 2) for k, size in ((0, big.width), (1, big.height)))
            mask = Image.new("L", (right - left, bottom - top), 0)  # over the band's own box only
            shape = ImageDraw.Draw(mask)
            shape.polygon([(x - left, y - top) for x, y in outer], fill=round(0.85 * 255))
            shape.polygon([(x - left, y - top) for x, y in inner], fill=0)
            big.paste(_rgb(range_c), (left, top, right, bottom), mask)
        for values, color, width in ((data.reference, ref_c, 2.0), (data.mean, deal_c, 2.4)):
            if values is not None:
                self.stroke(draw, self.polygon(values, SS, origin), color, width, SS)
        if data.mean is not None:
            r = 1.6 * PT * SS
            for x, y in self.polygon(data.mean, SS, origin):
                draw.ellipse((x - r, y - r, x + r, y + r), fill=_rgb(deal_c))
        image.paste(big.reduce(SS), (x0, y0))
        draw = ImageDraw.Draw(image)
        for step in range(low + 1, high + 1):
            x, y = self.point(0, step)
            self.text(draw, x + 2 * PT, y, str(step), 7, muted_c, "left", "bottom", box=True, image=image)
        for k, note in enumerate(data.notes):  # below the plot: only the ground is under them
            self.text(draw, 0.94 * self.width, self.height - (0.15 - k * 0.045) * self.height, note, 8.5,
                      text_c if k == 0 else muted_c, "right", "center", bold=(k == 0 and bool(note)), image=image)
        return image

    def _palette(self):
        """The style's 256 colours (a PIL image in mode P): those of a sample chart that has
        every kind of mark and overlap, so every chart of the style finds its colours in it."""
        from PIL import Image

        low, high = self.scale
        span = high - low
        n = len(self.labels)
        mean = tuple(low + span * (0.3 + 0.45 * (i % 2)) for i in range(n))
        sample = RadarData(self.labels, mean, tuple(low + span * (0.75 - 0.45 * (i % 2)) for i in range(n)),
                           tuple(max(low, m - 0.3 * span) for m in mean), tuple(min(high, m + 0.25 * span) for m in mean),
                           self.scale, ("", "", ""), (), self.colors, "", 0, 0)  # notes: the axis labels' colours
        rgb = self.draw(sample)
        # every other pixel is enough to find the colours, in a quarter of the time
        half = rgb.resize((self.width // 2, self.height // 2), Image.Resampling.NEAREST)
        return half.quantize(256, Image.Quantize.FASTOCTREE)


_canvases: dict[tuple, _Canvas] = {}


def _canvas(static: tuple) -> _Canvas:
    if static not in _canvases:
        _canvases[static] = _Canvas(static)
    return _canvases[static]

"""Radar charts as PNG images, drawn with matplotlib's Agg renderer (one axis per indicator).

The chart is drawn straight onto matplotlib's Agg renderer: rings, spokes, labels, the band,
the lines and the legend are a handful of paths and texts, and skipping Figure and Axes
saves most of matplotlib's import (a cold build waits for it) and most of the drawing.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

DPI = 200
ENCODING = "png, palette of 256 per style, level 3"  # part of the cache key: a change redraws the cached charts
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
    """Draw the chart; return PNG bytes (no timestamps: the same data give the same bytes)."""
    return encode_png(*radar_pixels(data))


def warm_up() -> None:
    """Import what drawing needs, so that a worker is ready when charts arrive."""
    from matplotlib.backends.backend_agg import RendererAgg  # noqa: F401
    from matplotlib.font_manager import FontProperties  # noqa: F401
    from matplotlib.path import Path  # noqa: F401
    from PIL import Image  # noqa: F401


def prepare(data: RadarData) -> None:
    """Draw the ground and make the palette of this chart's style, ahead of its charts."""
    _canvas(_static(data))


def encode_png(width: int, height: int, palette: bytes, indices: bytes) -> bytes:
    """PNG bytes of a chart's palette and pixels, at the charts' resolution."""
    from PIL import Image

    image = Image.frombytes("P", (width, height), indices)
    image.putpalette(palette)
    buf = io.BytesIO()
    image.save(buf, format="PNG", compress_level=3, dpi=(DPI, DPI))
    return buf.getvalue()


def radar_pixels(data: RadarData) -> tuple[int, int, bytes, bytes]:
    """Draw the chart; return its width, height, palette (256 RGB triples) and pixels (one
    palette index each).

    What all charts of one size, scale, axes and legend share (white ground, grid, axis
    labels, legend, the scale's numbers) is drawn once and kept; each chart restores it and
    draws its own data and notes on top, so the result is the same whichever charts were
    drawn before. A chart has about a thousand colours (its marks and their anti-aliased
    edges); they are mapped onto a palette of 256 made once for the style, which looks the
    same, is a third of the bytes of a full-colour PNG and a quarter of the time to encode.
    """
    from PIL import Image

    canvas = _canvas(_static(data))
    canvas.renderer.restore_region(canvas.ground)
    canvas.draw_data(data)
    r = canvas.renderer
    width, height = int(r.width), int(r.height)
    rgb = Image.frombuffer("RGBA", (width, height), r.buffer_rgba(), "raw", "RGBA", 0, 1).convert("RGB")
    indexed = rgb.quantize(palette=canvas.palette, dither=Image.Dither.NONE)
    return width, height, bytes(canvas.palette.getpalette()[:768]), indexed.tobytes()


def _static(data: RadarData) -> tuple:
    return (data.labels, data.scale, data.legend, data.colors, data.font, data.font_bold or data.font, data.width_in, data.height_in)


def _rgba(hex_color: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    h = hex_color.lstrip("#")
    return (int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255, alpha)


class _Canvas:
    """One size and style of chart: an Agg renderer and its drawn ground."""

    def __init__(self, static: tuple):
        from matplotlib.backends.backend_agg import RendererAgg
        from matplotlib.font_manager import FontProperties

        labels, scale, legend, colors, font, bold, width_in, height_in = static
        self.labels, self.scale, self.colors = labels, scale, colors
        self.width, self.height = round(width_in * DPI), round(height_in * DPI)
        self.renderer = RendererAgg(self.width, self.height, DPI)
        self.font = lambda size: FontProperties(fname=font, size=size)
        self.bold = lambda size: FontProperties(fname=bold, size=size)
        # the plot: centred in the upper part, 1.0 = the top of the scale, room for labels around
        box_w, box_h = 0.76 * self.width, 0.72 * self.height
        self.unit = min(box_w, box_h) / (2 * 1.32)
        self.cx, self.cy = 0.12 * self.width + box_w / 2, 0.24 * self.height + box_h / 2
        self._kept: dict[tuple, object] = {}  # text -> its pixels, see text()
        self._ground(legend)
        from matplotlib.transforms import Bbox

        self.ground = self.renderer.copy_from_bbox(Bbox.from_bounds(0, 0, self.width, self.height))
        self.palette = self._palette()

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
        self.draw_data(sample)
        rgba = Image.frombuffer("RGBA", (self.width, self.height), self.renderer.buffer_rgba(), "raw", "RGBA", 0, 1)
        # every other pixel is enough to find the colours, in a quarter of the time
        half = rgba.resize((self.width // 2, self.height // 2), Image.Resampling.NEAREST).convert("RGB")
        palette = half.quantize(256, Image.Quantize.FASTOCTREE)
        self.renderer.restore_region(self.ground)
        return palette

    # ---- primitives (display pixels, y up) -----------------------------------------------
    def point(self, i: int, value: float) -> tuple[float, float]:
        low, high = self.scale
        n = len(self.labels)
        angle = math.pi / 2 - 2 * math.pi * i / n  # clockwise from the top
        r = (value - low) / (high - low) * self.unit
        return self.cx + r * math.cos(angle), self.cy + r * math.sin(angle)

    def polygon(self, values) -> list[tuple[float, float]]:
        return [self.point(i, v) for i, v in enumerate(values)]

    def stroke(self, points, color: str, width_pt: float, closed: bool = True) -> None:
        from matplotlib.path import Path
        from matplotlib.transforms import IdentityTransform

        gc = self.renderer.new_gc()
        gc.set_foreground(_rgba(color))
        gc.set_linewidth(width_pt)
        gc.set_joinstyle("round")
        gc.set_capstyle("round")
        gc.set_antialiased(True)
        pts = list(points) + ([points[0]] if closed else [])
        self.renderer.draw_path(gc, Path(pts), IdentityTransform())
        gc.restore()

    def fill(self, path, color: str, alpha: float = 1.0) -> None:
        from matplotlib.transforms import IdentityTransform

        gc = self.renderer.new_gc()
        gc.set_linewidth(0)
        gc.set_antialiased(True)
        self.renderer.draw_path(gc, path, IdentityTransform(), _rgba(color, alpha))
        gc.restore()

    def text(self, x: float, y: float, s: str, size: float, color: str, ha: str = "left", va: str = "bottom",
             bold: bool = False, box: bool = False, keep: bool = False) -> None:
        """Text anchored at (x, y): ha left/center/right, va bottom/center/top; `box`: on an opaque
        white box. `keep`: the text stands on its box or on nothing but the ground, so its pixels
        are kept and put back for the next chart with the same text instead of drawing it again."""
        from matplotlib.path import Path
        from matplotlib.transforms import Bbox

        key = (x, y, s, size, color, ha, va, bold, box)
        if keep and key in self._kept:
            self.renderer.restore_region(self._kept[key])
            return
        prop = self.bold(size) if bold else self.font(size)
        w, h, _ = self.renderer.get_text_width_height_descent(s, prop, ismath=False)
        left = x - {"left": 0, "center": w / 2, "right": w}[ha]
        bottom = y - {"bottom": 0, "center": h / 2, "top": h}[va]
        if box:  # on whole pixels, so that the box covers what is under it entirely
            pad = 1.5 * PT
            bounds = (math.floor(left - pad), math.floor(bottom - pad), math.ceil(left + w + pad), math.ceil(bottom + h + pad))
            x0, y0, x1, y1 = bounds
            self.fill(Path([(x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)], closed=True), "#FFFFFF")
        else:
            bounds = (math.floor(left) - 4, math.floor(bottom) - 4, math.ceil(left + w) + 4, math.ceil(bottom + h) + 4)
        gc = self.renderer.new_gc()
        gc.set_foreground(_rgba(color))
        gc.set_antialiased(True)
        self.renderer.draw_text(gc, left, self.height - bottom, s, prop, 0)  # Agg's text y counts from the top
        gc.restore()
        if keep:
            self._kept[key] = self.renderer.copy_from_bbox(Bbox.from_extents(*bounds))

    # ---- the chart --------------------------------------------------------------------------
    def _ground(self, legend) -> None:
        from matplotlib.path import Path

        deal_c, ref_c, range_c, text_c, _ = self.colors
        n = len(self.labels)
        low, high = self.scale
        w, h = self.width, self.height
        self.fill(Path([(0, 0), (w, 0), (w, h), (0, h), (0, 0)], closed=True), "#FFFFFF")
        for step in range(low, high + 1):  # one ring per scale step, one spoke per indicator
            self.stroke(self.polygon([step] * n), GRID, 0.6)
        for i in range(n):
            self.stroke([(self.cx, self.cy), self.point(i, high)], GRID, 0.6, closed=False)
        for i, label in enumerate(self.labels):
            x, y = self.point(i, high + (high - low) * 0.13)
            dx, dy = x - self.cx, y - self.cy
            ha = "center" if abs(dx) < 0.15 * self.unit else ("left" if dx > 0 else "right")
            va = "center" if abs(dy) < 0.15 * self.unit else ("bottom" if dy > 0 else "top")
            self.text(x, y, label, 9, text_c, ha, va)
        # the legend, lower left: deal, reference, range
        row = 9 * PT * 1.55
        x0, y0 = 0.06 * w + 2 * PT, 0.06 * h + 3 * PT
        for k, (label, kind) in enumerate(zip(legend, ("deal", "reference", "range"))):
            y = y0 + (2 - k) * row + row / 2
            if kind == "range":
                self.fill(Path([(x0, y - 3 * PT), (x0 + 20 * PT, y - 3 * PT), (x0 + 20 * PT, y + 3 * PT), (x0, y + 3 * PT),
                                (x0, y - 3 * PT)], closed=True), range_c)
            else:
                self.stroke([(x0, y), (x0 + 20 * PT, y)], deal_c if kind == "deal" else ref_c, 2.4 if kind == "deal" else 2.0, closed=False)
            self.text(x0 + 26 * PT, y, label, 9, text_c, "left", "center")

    def draw_data(self, data: RadarData) -> None:
        """This chart's own marks, bottom to top: the band, the lines, the scale numbers, the notes."""
        from matplotlib.path import Path

        deal_c, ref_c, range_c, text_c, muted_c = data.colors
        low, high = data.scale
        if data.low is not None and data.high is not None:
            outer, inner = self.polygon(data.high), self.polygon(data.low)
            verts = outer + outer[:1] + inner[::-1] + inner[-1:]
            k = len(outer)
            codes = ([Path.MOVETO] + [Path.LINETO] * (k - 1) + [Path.CLOSEPOLY]) * 2
            self.fill(Path(verts, codes), range_c, 0.85)
        for values, color, width in ((data.reference, ref_c, 2.0), (data.mean, deal_c, 2.4)):
            if values is not None:
                self.stroke(self.polygon(values), color, width)
        if data.mean is not None:
            for x, y in self.polygon(data.mean):
                self.fill(Path.circle((x, y), 1.6 * PT), deal_c)
        for step in range(low + 1, high + 1):
            x, y = self.point(0, step)
            self.text(x + 2 * PT, y, str(step), 7, muted_c, "left", "bottom", box=True, keep=True)
        for k, note in enumerate(data.notes):  # below the plot: only the ground is under them
            self.text(0.94 * self.width, (0.15 - k * 0.045) * self.height, note, 8.5, text_c if k == 0 else muted_c,
                      "right", "center", bold=(k == 0 and bool(note)), keep=True)


_canvases: dict[tuple, _Canvas] = {}


def _canvas(static: tuple) -> _Canvas:
    if static not in _canvases:
        _canvases[static] = _Canvas(static)
    return _canvases[static]

"""Radar charts as PNG images, drawn with matplotlib on plain axes (one axis per indicator)."""

from __future__ import annotations

import io
import math
from dataclasses import dataclass

DPI = 200


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


def _xy(values, scale, n):
    low, high = scale
    pts = []
    for i, v in enumerate(values):
        angle = math.pi / 2 - 2 * math.pi * i / n  # clockwise from the top
        r = (v - low) / (high - low)
        pts.append((r * math.cos(angle), r * math.sin(angle)))
    return pts


def radar_png(data: RadarData) -> bytes:
    """Draw the chart; return PNG bytes (no timestamps: the same data give the same bytes)."""
    return encode_png(*radar_pixels(data))


def radar_pixels(data: RadarData) -> tuple[int, int, bytes]:
    """Draw the chart; return its width, height and RGB pixels.

    What all charts of one size, scale, axes and legend share (grid, axis labels, legend) is
    drawn once and kept as a background; each chart restores it and draws only its own data
    and notes on top. The result is the same whichever charts were drawn before.
    """
    from PIL import Image

    background = _background(_static(data))
    background.canvas.restore_region(background.pixels)
    for artist in _data_artists(data, background):
        artist.axes.draw_artist(artist) if artist.axes else background.fig.draw_artist(artist)
        artist.remove()
    width, height = background.canvas.get_width_height()
    rgba = Image.frombuffer("RGBA", (width, height), bytes(background.canvas.buffer_rgba()), "raw", "RGBA", 0, 1)
    return width, height, rgba.convert("RGB").tobytes()


def encode_png(width: int, height: int, rgb: bytes) -> bytes:
    """PNG bytes of RGB pixels, at the charts' resolution."""
    from PIL import Image

    buf = io.BytesIO()
    Image.frombytes("RGB", (width, height), rgb).save(buf, format="PNG", compress_level=3, dpi=(DPI, DPI))
    return buf.getvalue()


def warm_up() -> None:
    """Import what drawing needs (about 0.7 s), so that a worker is ready when charts arrive."""
    from matplotlib import font_manager  # noqa: F401  (loads the font list)
    from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: F401
    from matplotlib.figure import Figure  # noqa: F401
    from matplotlib.lines import Line2D  # noqa: F401
    from matplotlib.patches import PathPatch  # noqa: F401


def _static(data: RadarData) -> tuple:
    return (data.labels, data.scale, data.legend, data.colors, data.font, data.width_in, data.height_in)


@dataclass
class _Background:
    fig: object
    canvas: object
    ax: object
    pixels: object
    family: str


_backgrounds: dict[tuple, _Background] = {}


def _background(static: tuple) -> _Background:
    """The shared part of a chart, drawn once per process."""
    if static in _backgrounds:
        return _backgrounds[static]
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    labels, scale, legend, colors, font, width_in, height_in = static
    deal_c, ref_c, range_c, text_c, _ = colors
    n = len(labels)
    low, high = scale
    family = _font_family(font)
    fig = Figure(figsize=(width_in, height_in), dpi=DPI)
    canvas = FigureCanvasAgg(fig)
    fig.patch.set_facecolor("white")
    ax = fig.add_axes((0.12, 0.24, 0.76, 0.72))
    ax.set_aspect("equal")
    ax.axis("off")
    lim = 1.32
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    for step in range(low, high + 1):  # one ring per scale step, one spoke per indicator
        ring = _xy([step] * n, scale, n)
        ax.plot([p[0] for p in ring + ring[:1]], [p[1] for p in ring + ring[:1]], color="#BBBBBB", lw=0.6)
    for x, y in _xy([high] * n, scale, n):
        ax.plot([0, x], [0, y], color="#BBBBBB", lw=0.6)
    for (x, y), label in zip(_xy([high + (high - low) * 0.13] * n, scale, n), labels):
        ha = "center" if abs(x) < 0.15 else ("left" if x > 0 else "right")
        va = "center" if abs(y) < 0.15 else ("bottom" if y > 0 else "top")
        ax.text(x, y, label, fontsize=9, color=text_c, ha=ha, va=va, fontfamily=[family, "DejaVu Sans"])
    handles = [Line2D([], [], color=deal_c, lw=2.4), Line2D([], [], color=ref_c, lw=2.0), Patch(facecolor=range_c)]
    fig.legend(handles, list(legend), loc="lower left", bbox_to_anchor=(0.06, 0.06), frameon=False, labelcolor=text_c,
               prop={"family": [family, "DejaVu Sans"], "size": 9})
    canvas.draw()
    background = _Background(fig, canvas, ax, canvas.copy_from_bbox(fig.bbox), family)
    _backgrounds[static] = background
    return background


def _data_artists(data: RadarData, bg: _Background) -> list:
    """This chart's own artists, bottom to top: the band, the lines, the scale numbers, the notes."""
    from matplotlib.lines import Line2D
    from matplotlib.patches import PathPatch
    from matplotlib.path import Path as MPath

    deal_c, ref_c, range_c, text_c, muted_c = data.colors
    n = len(data.labels)
    low, high = data.scale
    ax, fig, family = bg.ax, bg.fig, [bg.family, "DejaVu Sans"]
    artists = []
    if data.low is not None and data.high is not None:
        outer = _xy(data.high, data.scale, n)
        inner = _xy(data.low, data.scale, n)
        verts = outer + outer[:1] + inner[::-1] + inner[-1:]
        codes = [MPath.MOVETO] + [MPath.LINETO] * (n - 1) + [MPath.CLOSEPOLY] + [MPath.MOVETO] + [MPath.LINETO] * (n - 1) + [MPath.CLOSEPOLY]
        artists.append(ax.add_patch(PathPatch(MPath(verts, codes), facecolor=range_c, edgecolor="none", alpha=0.85)))
    numbers = [ax.text(0.02, (step - low) / (high - low), str(step), fontsize=7, color=muted_c, ha="left", va="bottom",
                       fontfamily=family, bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.75})
               for step in range(low + 1, high + 1)]
    for values, color, width, marker in ((data.reference, ref_c, 2.0, None), (data.mean, deal_c, 2.4, "o")):
        if values is not None:
            pts = _xy(values, data.scale, n)
            line = Line2D([p[0] for p in pts + pts[:1]], [p[1] for p in pts + pts[:1]], color=color, lw=width, marker=marker, ms=3)
            artists.append(ax.add_line(line))
    artists += numbers  # above the band and the lines, so they never hide the scale
    for k, note in enumerate(data.notes):
        artists.append(fig.text(0.94, 0.15 - k * 0.045, note, fontsize=8.5, color=muted_c if k else text_c, ha="right", va="center",
                                fontweight="bold" if k == 0 and note else "normal", fontfamily=family))
    return artists


_families: dict[str, str] = {}


def _font_family(path: str) -> str:
    """Register the brand's font file with matplotlib once; return its family name."""
    if path not in _families:
        from matplotlib import font_manager

        font_manager.fontManager.addfont(path)
        _families[path] = font_manager.FontProperties(fname=path).get_name()
    return _families[path]

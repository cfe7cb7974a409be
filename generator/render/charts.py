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
    """Draw the chart; return PNG bytes (no timestamps, so the same data give the same bytes)."""
    from matplotlib import font_manager
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, PathPatch
    from matplotlib.path import Path as MPath

    deal_c, ref_c, range_c, text_c, muted_c = data.colors
    n = len(data.labels)
    low, high = data.scale
    family = _font_family(data.font)
    fig = Figure(figsize=(data.width_in, data.height_in), dpi=DPI)
    FigureCanvasAgg(fig)
    fig.patch.set_facecolor("white")
    ax = fig.add_axes((0.12, 0.24, 0.76, 0.72))
    ax.set_aspect("equal")
    ax.axis("off")
    # grid: one ring per scale step, one spoke per indicator
    for step in range(low, high + 1):
        ring = _xy([step] * n, data.scale, n)
        ax.plot([p[0] for p in ring + ring[:1]], [p[1] for p in ring + ring[:1]], color="#BBBBBB", lw=0.6, zorder=1)
        if step > low:
            ax.text(0.02, (step - low) / (high - low), str(step), fontsize=7, color=muted_c, ha="left", va="bottom", zorder=5)
    for x, y in _xy([high] * n, data.scale, n):
        ax.plot([0, x], [0, y], color="#BBBBBB", lw=0.6, zorder=1)
    for (x, y), label in zip(_xy([high + (high - low) * 0.13] * n, data.scale, n), data.labels):
        ha = "center" if abs(x) < 0.15 else ("left" if x > 0 else "right")
        va = "center" if abs(y) < 0.15 else ("bottom" if y > 0 else "top")
        ax.text(x, y, label, fontsize=9, color=text_c, ha=ha, va=va, zorder=5)
    if data.low is not None and data.high is not None:
        outer = _xy(data.high, data.scale, n)
        inner = _xy(data.low, data.scale, n)
        verts = outer + outer[:1] + inner[::-1] + inner[-1:]
        codes = [MPath.MOVETO] + [MPath.LINETO] * (n - 1) + [MPath.CLOSEPOLY] + [MPath.MOVETO] + [MPath.LINETO] * (n - 1) + [MPath.CLOSEPOLY]
        ax.add_patch(PathPatch(MPath(verts, codes), facecolor=range_c, edgecolor="none", alpha=0.85, zorder=2))
    if data.reference is not None:
        pts = _xy(data.reference, data.scale, n)
        ax.plot([p[0] for p in pts + pts[:1]], [p[1] for p in pts + pts[:1]], color=ref_c, lw=2.0, zorder=3)
    if data.mean is not None:
        pts = _xy(data.mean, data.scale, n)
        ax.plot([p[0] for p in pts + pts[:1]], [p[1] for p in pts + pts[:1]], color=deal_c, lw=2.4, zorder=4, marker="o", ms=3)
    lim = 1.32
    ax.set_xlim(-lim, lim)
    ax.set_ylim(-lim, lim)
    handles = [Line2D([], [], color=deal_c, lw=2.4), Line2D([], [], color=ref_c, lw=2.0), Patch(facecolor=range_c)]
    fig.legend(handles, list(data.legend), loc="lower left", bbox_to_anchor=(0.06, 0.06), frameon=False, fontsize=9, labelcolor=text_c)
    for k, note in enumerate(data.notes):
        fig.text(0.94, 0.15 - k * 0.045, note, fontsize=8.5, color=muted_c if k else text_c, ha="right", va="center",
                 fontweight="bold" if k == 0 and note else "normal")
    for text in fig.findobj(lambda artist: hasattr(artist, "set_fontfamily")):
        text.set_fontfamily([family, "DejaVu Sans"])
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, facecolor="white", metadata={"Software": None}, pil_kwargs={"compress_level": 3})
    return buf.getvalue()


_families: dict[str, str] = {}


def _font_family(path: str) -> str:
    """Register the brand's font file with matplotlib once; return its family name."""
    if path not in _families:
        from matplotlib import font_manager

        font_manager.fontManager.addfont(path)
        _families[path] = font_manager.FontProperties(fname=path).get_name()
    return _families[path]

"""Inline SVG charts for the HTML exports: drawn from the core's numbers, no script, no fonts
to fetch. Each mark has a ``<title>`` so hovering shows the exact figure offline."""

from __future__ import annotations

import html
import math
from typing import Sequence

from perfmirror_core.scoring import DimensionResult, WeekResult

_WIDTH = 720


def _n(value: float) -> str:
    """Coordinates with one decimal: enough for a screen, stable for golden files."""
    return f"{value:.1f}"


def _svg(height: float, label: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_WIDTH} {_n(height)}" '
            f'role="img" aria-label="{html.escape(label)}">'
            f"<title>{html.escape(label)}</title>\n" + "\n".join(body) + "\n</svg>")


def weekly_chart(weekly: Sequence[WeekResult]) -> str:
    """Bars of each week's weighted score; a line of what the level expected that week."""
    left, right, top, bottom, height = 52.0, 12.0, 28.0, 30.0, 240.0
    plot_width, plot_height = _WIDTH - left - right, height - top - bottom
    peak = max([w.score for w in weekly] + [w.expected for w in weekly] + [1.0])
    scale = plot_height / (peak * 1.1)
    slot = plot_width / len(weekly)
    every = max(1, math.ceil(len(weekly) / 13))
    base = top + plot_height
    body = [f'<line class="axis" x1="{_n(left)}" y1="{_n(base)}" x2="{_n(_WIDTH - right)}" '
            f'y2="{_n(base)}"/>',
            f'<text class="tick" x="{_n(left - 6)}" y="{_n(base)}" text-anchor="end">0</text>',
            f'<text class="tick" x="{_n(left - 6)}" y="{_n(base - peak * scale + 4)}" '
            f'text-anchor="end">{peak:.0f}</text>',
            f'<line class="grid" x1="{_n(left)}" y1="{_n(base - peak * scale)}" '
            f'x2="{_n(_WIDTH - right)}" y2="{_n(base - peak * scale)}"/>']
    points = []
    for index, week in enumerate(weekly):
        x = left + index * slot
        bar = week.score * scale
        state = "met" if week.expected and week.score >= week.expected else "below"
        body.append(f'<rect class="bar {state}" x="{_n(x + slot * 0.2)}" y="{_n(base - bar)}" '
                    f'width="{_n(slot * 0.6)}" height="{_n(bar)}"><title>{week.week}: '
                    f'{week.score:.1f} of {week.expected:.1f} expected</title></rect>')
        points.append(f"{_n(x + slot * 0.5)},{_n(base - week.expected * scale)}")
        if index % every == 0:
            body.append(f'<text class="tick" x="{_n(x + slot * 0.5)}" y="{_n(base + 16)}" '
                        f'text-anchor="middle">W{week.week.week:02d}</text>')
    body.append(f'<polyline class="expected" points="{" ".join(points)}"/>')
    body.append(f'<rect class="bar met" x="{_n(left)}" y="6" width="12" height="10"/>'
                f'<text class="legend" x="{_n(left + 18)}" y="15">weighted score</text>'
                f'<line class="expected" x1="{_n(left + 140)}" y1="11" x2="{_n(left + 164)}" '
                f'y2="11"/><text class="legend" x="{_n(left + 170)}" y="15">expected</text>')
    return _svg(height, "Weekly weighted score against expected", body)


def dimension_chart(dimensions: Sequence[DimensionResult]) -> str:
    """The mix of points by IOOI dimension, then each dimension's weighted score vs expected."""
    left, right, row = 90.0, 150.0, 30.0
    width = _WIDTH - left - right
    body = ['<text class="legend" x="0" y="20">mix</text>']
    x = left
    for dimension in dimensions:
        share_width = dimension.share * width
        if share_width > 0:
            body.append(f'<rect class="dim {dimension.name}" x="{_n(x)}" y="8" '
                        f'width="{_n(share_width)}" height="16"><title>{dimension.name}: '
                        f'{dimension.share * 100:.0f}% of points</title></rect>')
            label = f"{dimension.name} {dimension.share * 100:.0f}%"
            if share_width >= len(label) * 7 + 8:  # only where the label fits inside its bar
                body.append(f'<text class="inbar" x="{_n(x + 4)}" y="20">{label}</text>')
        x += share_width
    peak = max([max(d.weighted, d.expected) for d in dimensions] + [1.0])
    for index, dimension in enumerate(dimensions):
        y = 44 + index * row
        filled = min(dimension.weighted, peak) / peak * width
        expected = dimension.expected / peak * width
        body.append(f'<text class="label" x="0" y="{_n(y + 13)}">{dimension.name}</text>'
                    f'<rect class="track" x="{_n(left)}" y="{_n(y)}" width="{_n(expected)}" '
                    f'height="18"/>'
                    f'<rect class="dim {dimension.name}" x="{_n(left)}" y="{_n(y + 4)}" '
                    f'width="{_n(filled)}" height="10"><title>{dimension.name}: '
                    f'{dimension.weighted:.1f} of {dimension.expected:.1f} weighted points'
                    f'</title></rect>'
                    f'<text class="tick" x="{_n(left + width + 8)}" y="{_n(y + 13)}">'
                    f'{dimension.weighted:.1f} / {dimension.expected:.1f}</text>')
    height = 44 + len(dimensions) * row
    return _svg(height, "Dimension mix and weighted score against expected by dimension", body)

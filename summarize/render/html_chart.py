"""A small horizontal bar chart as inline SVG (no script, no library)."""

from __future__ import annotations

from summarize.render.html_base import esc, fmt

CURRENT = "#4f5bd5"
BASELINE = "#a3acba"
_LABEL_W, _BAR_W, _VALUE_W = 150, 330, 60
_BAR_H, _GAP, _ROW_GAP, _TOP = 12, 3, 14, 34


def _text(x: float, y: float, value: str, **style: str) -> str:
    extra = "".join(f' {k.replace("_", "-")}="{esc(v)}"' for k, v in style.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{esc(value)}</text>'


def _bar(y: float, value: float | None, colour: str) -> str:
    width = max(0.0, min(1.0, value or 0.0)) * _BAR_W
    rect = (
        f'<rect x="{_LABEL_W}" y="{y:.1f}" width="{width:.1f}" height="{_BAR_H}" rx="3" '
        f'fill="{colour}"/>'
    )
    label = _text(_LABEL_W + width + 6, y + _BAR_H - 2, fmt(value), font_size="11", fill="#3b4452")
    return rect + label


def bar_chart(rows: list[tuple[str, float | None, float | None]], *, with_baseline: bool) -> str:
    """Bars in [0, 1] for (label, current, baseline) rows; baseline bars when given."""
    bars_per_row = 2 if with_baseline else 1
    row_h = bars_per_row * _BAR_H + (bars_per_row - 1) * _GAP + _ROW_GAP
    height = _TOP + len(rows) * row_h + 22
    width = _LABEL_W + _BAR_W + _VALUE_W
    parts = []
    for tick in (0.0, 0.25, 0.5, 0.75, 1.0):
        x = _LABEL_W + tick * _BAR_W
        parts.append(
            f'<line x1="{x:.1f}" y1="{_TOP - 6}" x2="{x:.1f}" y2="{height - 20}" '
            'stroke="#e3e7ee" stroke-width="1"/>'
        )
        parts.append(
            _text(x, height - 6, f"{tick:g}", font_size="11", fill="#5b6676", text_anchor="middle")
        )
    legend = [("this run", CURRENT)] + ([("baseline", BASELINE)] if with_baseline else [])
    x = _LABEL_W
    for name, colour in legend:
        parts.append(f'<rect x="{x}" y="6" width="12" height="12" rx="2" fill="{colour}"/>')
        parts.append(_text(x + 17, 16, name, font_size="12", fill="#1c2430"))
        x += 100
    for index, (label, current, before) in enumerate(rows):
        y = _TOP + index * row_h
        middle = y + (row_h - _ROW_GAP) / 2 + 4
        parts.append(
            _text(_LABEL_W - 10, middle, label, font_size="12.5", fill="#1c2430", text_anchor="end")
        )
        parts.append(_bar(y, current, CURRENT))
        if with_baseline:
            parts.append(_bar(y + _BAR_H + _GAP, before, BASELINE))
    title = "Bar chart: this run" + (" against the baseline" if with_baseline else "")
    return (
        f'<svg viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{esc(title)}"><title>{esc(title)}</title>'
        + "".join(parts)
        + "</svg>"
    )

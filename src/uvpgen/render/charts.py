"""Render stage, charts: a document.Chart drawn with matplotlib, as SVG (PDF) and PNG (DOCX), in
the house style (render.style: font, colours, size).

Both outputs are byte-stable: the project's own font files, a fixed SVG hash salt and no
creation dates or software stamps in the files.
"""

from __future__ import annotations

import io
from functools import cache

from ..document import Chart
from .style import HouseStyle


@cache
def _pyplot(style: HouseStyle):
    """matplotlib, set up once per process and house style (its import costs half a second)."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import font_manager, pyplot

    for face in ("regular", "bold"):
        font_manager.fontManager.addfont(str(style.font(face)))
    matplotlib.rcParams.update({
        "font.family": style.family, "font.size": style.sizes["grafiek"], "svg.hashsalt": "uvpgen",
        "svg.fonttype": "path", "axes.spines.top": False, "axes.spines.right": False,
        "axes.edgecolor": style.colours["as"], "axes.titlesize": 10, "legend.frameon": False,
    })
    return pyplot


def _dutch(value: float) -> str:
    return f"{value:,.0f}".replace(",", ".")


def _figure(chart: Chart, style: HouseStyle):
    pyplot = _pyplot(style)
    series_colours = (style.colours["lijn"], style.colours["blauw"])
    from matplotlib.ticker import FuncFormatter

    figure, axes = pyplot.subplots(figsize=(6.3, 2.9))
    positions = range(len(chart.categories))
    if chart.kind == "staaf":
        width = 0.8 / len(chart.series)
        for index, (label, values) in enumerate(chart.series):
            offset = (index - (len(chart.series) - 1) / 2) * width
            axes.bar([p + offset for p in positions], values, width, label=label, color=series_colours[index % 2])
    else:
        for index, (label, values) in enumerate(chart.series):
            points = [(p, v) for p, v in zip(positions, values) if v is not None]
            axes.plot([p for p, _ in points], [v for _, v in points], label=label, color=series_colours[index % 2],
                      marker=None if index == 0 else "o", linewidth=2)
    axes.set_xticks(list(positions), chart.categories)
    # The value axis starts at 0 (where no value is negative): a line chart would otherwise
    # start at its lowest value and make a small difference look large.
    if all(v >= 0 for _, values in chart.series for v in values if v is not None):
        axes.set_ylim(bottom=0)
    axes.set_ylabel(chart.y_label)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda value, _: _dutch(value)))
    axes.grid(axis="y", color=style.colours["raster"], linewidth=0.6)
    axes.set_axisbelow(True)
    # Above the plot, in one row: inside it, the legend would cover a tall bar or a line.
    axes.legend(loc="lower left", bbox_to_anchor=(0, 1.01), ncols=len(chart.series), borderaxespad=0)
    figure.tight_layout()
    return figure


def svg(chart: Chart, style: HouseStyle) -> bytes:
    figure = _figure(chart, style)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    _pyplot(style).close(figure)
    return buffer.getvalue()


def png(chart: Chart, style: HouseStyle) -> bytes:
    figure = _figure(chart, style)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=200, metadata={"Software": None})
    _pyplot(style).close(figure)
    return buffer.getvalue()

"""Interactive explorers of the chapters: one module per chapter, named like the chapter
(``mlp_lib.widgets.backprop`` for book/03_backprop.ipynb).

An explorer returns an ``Explorer``: end a notebook cell with it to show it. In a
running notebook it is an ipywidgets ``interactive`` whose first figure is drawn when it
is created, so a notebook executed headless stores it too; its sliders redraw only on
release (``continuous_update=False``). Displayed, it also carries a static HTML copy,
its figure precomputed over a coarse grid of the sliders' values, which the book's
pages show instead (they have no kernel). Explorers that show a network take the
notebook's own model factory. This module holds ``Explorer`` and the slider factories
that several explorers share.
"""

import base64
import io
import itertools
import json
from html import escape
from math import prod
from typing import NamedTuple

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
from PIL import Image


def float_slider(value, description, low, high, step=0.1, **options):
    """A slider for a float from ``low`` to ``high``; ``options`` go to FloatSlider."""
    return widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=False,
        **options,
    )


def log_slider(value, description, low, high, step, base=10, **options):
    """A slider for a positive float from ``base**low`` to ``base**high``, moving in
    steps of ``step`` in the exponent; ``options`` go to FloatLogSlider."""
    return widgets.FloatLogSlider(
        value=value,
        base=base,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=False,
        **options,
    )


def int_slider(value, description, low, high, step=1):
    """A slider for an integer from ``low`` to ``high``."""
    return widgets.IntSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        continuous_update=False,
    )


def selection_slider(options, value, description, **traits):
    """A slider over the values ``options`` (or (label, value) pairs)."""
    return widgets.SelectionSlider(
        options=list(options),
        value=value,
        description=description,
        continuous_update=False,
        **traits,
    )


# ------------------------------------------------------------- the static explorer

# Figures per explorer in the book's pages. Each takes matplotlib 0.1-0.4 s to draw when
# the notebook runs, so this keeps an explorer's cost to a few seconds; with more
# combinations the page shows the first figure and NOTICE. Each figure is a 256-colour
# PNG at FRAME_DPI (a 7-inch figure is 700 px wide, the width of the page's text
# column): 5-40 KB, where a live figure (150 dpi, full colour) is 50-170 KB. The palette
# comes from an octree: the default median cut merged the thin lines' colours (green
# into blue, yellow into orange), which a legend then contradicts.
MAX_FRAMES = 24
FRAME_DPI = 100
FRAME_COLORS = 256
# Page values of a numeric slider for which its explorer names none.
SPREAD_VALUES = 11
NOTICE = "static preview — run the notebook to explore"
PARTLY_FIXED = "static preview, {} fixed — run the notebook to explore"


class PageControl(NamedTuple):
    """One control of the static explorer: the values it offers, their readouts, and
    the position of the live control's first value among them."""

    name: str
    label: str
    values: list
    texts: list
    first: int


class Explorer(widgets.interactive):
    """``widgets.interactive(draw, **controls)``, live in a running notebook, that also
    displays as a static HTML explorer: ``draw``'s figure for every combination of the
    controls' page values, switched without a kernel by range inputs (the book's pages
    load vendor/site/static/book-explorers.js).

    ``page_values`` maps a control's name to the values the page offers (default: every
    option of a dropdown, toggle or selection slider; SPREAD_VALUES evenly spaced values
    of a numeric slider); the control's first value is always among them. A control
    with one page value is fixed in the page, which then says so. ``draw`` draws one
    matplotlib figure and does not call ``plt.show()``.
    """

    def __init__(self, draw, page_values=None, **controls):
        super().__init__(draw, **controls)
        self.page_values = dict(page_values or {})

    def _repr_mimebundle_(self, **kwargs):
        bundle = super()._repr_mimebundle_(**kwargs)
        bundle["text/html"] = self.static_html()
        return bundle

    def page_controls(self):
        """A PageControl for each control, in the order of the live ones."""
        controls = []
        for control in self.kwargs_widgets:
            name, first = control._kwarg, control.get_interact_value()
            wanted = self.page_values.get(name)
            if hasattr(control, "_options_values"):  # dropdown, toggle, selection
                options = dict(zip(control._options_values, control._options_labels))
                values = [
                    v for v in options if wanted is None or v in wanted or v == first
                ]
                texts = [options[v] for v in values]
            else:
                spread = _spread(control) if wanted is None else wanted
                values = sorted({*spread, first})
                texts = [format(v, control.readout_format) for v in values]
            label = control.description or name
            controls.append(
                PageControl(name, label, values, texts, values.index(first))
            )
        return controls

    def static_html(self):
        """The static explorer: a range input per control, the first figure, and every
        figure as JSON. Fixed controls (one value, or all of them beyond MAX_FRAMES
        combinations) are disabled inputs, and NOTICE says so."""
        controls = self.page_controls()
        if prod(len(c.values) for c in controls) > MAX_FRAMES:
            controls = [
                c._replace(values=[c.values[c.first]], first=0) for c in controls
            ]
        grid = list(itertools.product(*(c.values for c in controls)))
        frames, index = {}, []  # distinct figures; the figure of each combination
        for values in grid:
            png = self._frame(dict(zip((c.name for c in controls), values)))
            index.append(frames.setdefault(png, len(frames)))
        fixed = [c for c in controls if len(c.values) == 1]
        inputs = "".join(
            f'<label class="mlp-explorer-control">{escape(c.label)} '
            f'<input type="range" min="0" max="{len(c.values) - 1}" step="1" '
            f'value="{c.first}" data-texts="{escape(json.dumps(c.texts))}"'
            f"{' disabled' if c in fixed else ''}> "
            f"<output>{escape(c.texts[c.first])}</output></label>"
            for c in controls
        )
        setting = ", ".join(f"{c.label} = {c.texts[c.first]}" for c in controls)
        first = grid.index(tuple(c.values[c.first] for c in controls))
        data = json.dumps({"frames": list(frames), "index": index})
        html = (
            f'<div class="mlp-explorer">{inputs}<img class="mlp-explorer-frame" '
            f'alt="{escape(setting)}" src="data:image/png;base64,'
            f'{list(frames)[index[first]]}">'
            f'<script type="application/json">{data}</script>'
        )
        if len(fixed) == len(controls):
            html += f'<p class="mlp-explorer-notice">{NOTICE}</p>'
        elif fixed:
            names = escape(", ".join(c.label for c in fixed))
            html += f'<p class="mlp-explorer-notice">{PARTLY_FIXED.format(names)}</p>'
        return html + "</div>"

    def _frame(self, values):
        """``draw``'s figure at ``values`` as a base64 PNG (the figure is closed)."""
        self.f(**values)
        figure = plt.gcf()
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=FRAME_DPI)
        plt.close(figure)
        buffer.seek(0)
        image = Image.open(buffer).convert("RGB")
        image = image.quantize(FRAME_COLORS, method=Image.Quantize.FASTOCTREE)
        buffer = io.BytesIO()
        image.save(buffer, format="png", optimize=True)
        return base64.b64encode(buffer.getvalue()).decode("ascii")


def _spread(slider):
    """SPREAD_VALUES values of a numeric slider, evenly spaced over its range (over the
    exponent for a log slider), on the slider's steps."""
    steps = np.round(
        np.linspace(0, (slider.max - slider.min) / slider.step, SPREAD_VALUES)
    )
    values = np.round(slider.min + steps * slider.step, 10)
    if isinstance(slider, widgets.FloatLogSlider):
        return [float(slider.base**v) for v in values]
    return [
        int(v) if isinstance(slider, widgets.IntSlider) else float(v) for v in values
    ]

"""Interactive explorers of the chapters: one module per chapter, named like the chapter
(``mlp_lib.widgets.backprop`` for book/03_backprop.ipynb).

An explorer returns an ipywidgets widget: end a notebook cell with it to show it. Its
first figure is drawn when it is created, so a notebook executed headless stores it too;
its sliders redraw only on release (``continuous_update=False``). Explorers that show a
network take the notebook's own model factory. This module holds only the slider
factories that several explorers share.
"""

import ipywidgets as widgets


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

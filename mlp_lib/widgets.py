"""Interactive widgets of the chapters. Each returns an ipywidgets widget: end a cell with it to show it.

The first figure is drawn when the widget is created, so it is also stored in a notebook executed
headless; sliders redraw only on release (``continuous_update=False``).
"""
import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from .functional import step
from .plots import plot_decision_boundary


def _slider(value, description, low=-5.0, high=5.0):
    return widgets.FloatSlider(value=value, min=low, max=high, step=0.1, description=description,
                               continuous_update=False)


def neuron_explorer(X, y, w1=1.0, w2=-1.0, b=0.0):
    """Sliders for w₁, w₂, b of a step neuron over points X (n, 2) with labels y (n,) in {0, 1}.

    Shows the regions on each side of the line w₁x₁ + w₂x₂ + b = 0 and the neuron's accuracy.
    """
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)

    def draw(w1, w2, b):
        def neuron(points):
            return step(points @ np.array([w1, w2]) + b)

        accuracy = np.mean(neuron(X) == y)
        plot_decision_boundary(neuron, X, y, title=f"$w_1 x_1 + w_2 x_2 + b = 0$: accuracy {accuracy:.0%}")
        plt.show()

    return widgets.interactive(draw, w1=_slider(w1, "w₁"), w2=_slider(w2, "w₂"), b=_slider(b, "b"))

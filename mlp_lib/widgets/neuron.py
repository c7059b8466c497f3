"""Chapter 1's explorer: the weights and bias of a step neuron and its decision line."""

import numpy as np

from ..functional import step
from ..plots import plot_decision_boundary
from . import Explorer, float_slider


def neuron_explorer(X, y, w1=1.0, w2=-1.0, b=0.0):
    """Sliders for w₁, w₂, b of a step neuron over points X (n, 2), labels y (n,) in
    {0, 1}: the regions on each side of w₁x₁ + w₂x₂ + b = 0 and the neuron's
    accuracy."""
    X, y = np.asarray(X, dtype=np.float64), np.asarray(y)

    def draw(w1, w2, b):
        def neuron(points):
            return step(points @ np.array([w1, w2]) + b)

        accuracy = np.mean(neuron(X) == y)
        plot_decision_boundary(
            neuron,
            X,
            y,
            title=f"$w_1 x_1 + w_2 x_2 + b = 0$: accuracy {accuracy:.0%}",
        )

    return Explorer(
        draw,
        page_values={"w1": (-1, 0, 1), "w2": (-1, 0, 1), "b": (-1, 0)},
        w1=float_slider(w1, "w₁", -5.0, 5.0),
        w2=float_slider(w2, "w₂", -5.0, 5.0),
        b=float_slider(b, "b", -5.0, 5.0),
    )

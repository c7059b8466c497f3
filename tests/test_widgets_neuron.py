"""neuron_explorer (chapter 1). Oracle: the widget contract (three sliders that redraw
on release, a first figure drawn on creation) and the accuracy of a step neuron counted
by hand on points whose labels the line x₁ = x₂ separates."""

import matplotlib.pyplot as plt
import numpy as np

from mlp_lib.data import make_linear
from mlp_lib.widgets.neuron import neuron_explorer


def test_neuron_explorer_draws_a_first_figure():
    X, y = make_linear(20, rng=0)
    widget = neuron_explorer(X, y)
    sliders = widget.children[:3]
    assert [s.description for s in sliders] == ["w₁", "w₂", "b"]
    assert not any(s.continuous_update for s in sliders)
    assert [s.value for s in sliders] == [1.0, -1.0, 0.0]
    assert "accuracy" in plt.gcf().axes[0].get_title()


def test_neuron_explorer_accuracy_is_that_of_the_step_neuron():
    # label 1 on or above the diagonal: w = (−1, 1), b = 0 gets all four points right;
    # w = (1, −1) only the point on the line, (2, 2), since step(0) = 1
    X = np.array([[0.0, 1.0], [1.0, 2.0], [1.0, 0.0], [2.0, 2.0]])
    y = np.array([1, 1, 0, 1])
    neuron_explorer(X, y, w1=-1.0, w2=1.0, b=0.0)
    assert plt.gcf().axes[0].get_title().endswith("accuracy 100%")
    neuron_explorer(X, y, w1=1.0, w2=-1.0, b=0.0)
    assert plt.gcf().axes[0].get_title().endswith("accuracy 25%")


def test_the_page_offers_a_coarse_grid_that_reaches_100_percent():
    # w = (−1, 1), b = 0 is the separating line of the linear toy set
    X, y = make_linear(20, rng=0)
    controls = neuron_explorer(X, y, w1=1.0, w2=1.0, b=-1.0).page_controls()
    assert [c.values for c in controls] == [[-1, 0, 1], [-1, 0, 1], [-1, 0]]
    assert [c.values[c.first] for c in controls] == [1.0, 1.0, -1.0]

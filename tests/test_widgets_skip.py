"""The skip-connection explorer of chapter 7. Oracle: the widget contract (a depth
slider and an architecture toggle that redraw on release, a first figure drawn on
creation, one line per shown network) and the norms of weight_gradient_norms for the
same networks."""

import matplotlib.pyplot as plt
import numpy as np

from mlp_lib.activations import Sigmoid
from mlp_lib.diagnostics import weight_gradient_norms
from mlp_lib.layers import Linear, Residual, Sequential
from mlp_lib.losses import BCEWithLogits
from mlp_lib.widgets.skip import skip_explorer


def build(depth, residual, seed):
    rng = np.random.default_rng(seed)
    layers = [Linear(2, 4, rng=rng)]
    for _ in range(depth):
        block = Sequential(Linear(4, 4, rng=rng), Sigmoid())
        layers.append(Residual(block) if residual else block)
    return Sequential(*layers, Linear(4, 1, rng=rng))


X = np.random.default_rng(0).normal(size=(20, 2))
Y = (X[:, :1] > 0).astype(float)


def test_skip_explorer_controls_and_first_figure():
    widget = skip_explorer(
        build, X, Y, BCEWithLogits(), depths=[2, 4, 6], seeds=range(2), depth=4
    )
    slider, toggle = widget.children[:2]
    assert (
        slider.description == "depth"
        and not slider.continuous_update
        and slider.value == 4
    )
    assert (
        list(toggle.options) == ["plain", "residual", "both"] and toggle.value == "both"
    )
    ax = plt.gcf().axes[0]
    assert ax.get_yscale() == "log" and "4 hidden blocks" in ax.get_title()
    lines = ax.get_lines()
    assert len(lines) == 2 and len(lines[0].get_xdata()) == 4 + 2


def test_skip_explorer_lines_are_geometric_means_of_the_norms():
    widget = skip_explorer(build, X, Y, BCEWithLogits(), depths=[3], seeds=range(2))
    widget.children[1].value = "plain"
    plain = np.array(
        [
            weight_gradient_norms(build(3, False, s), BCEWithLogits(), X, Y)
            for s in range(2)
        ]
    )
    line = plt.gcf().axes[0].get_lines()[0]
    np.testing.assert_allclose(
        line.get_ydata(), np.exp(np.log(plain).mean(axis=0)), rtol=1e-10
    )


def test_the_page_offers_the_named_depths_that_were_computed():
    widget = skip_explorer(
        build, X, Y, BCEWithLogits(), depths=[2, 4, 10], seeds=range(2), depth=4
    )
    depth, network = widget.page_controls()
    assert depth.values == [2, 4, 10] and depth.values[depth.first] == 4
    assert network.values == ["plain", "residual", "both"]

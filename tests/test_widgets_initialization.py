"""init_explorer (chapter 11). Oracle: the stds of a forward and a backward pass through
the network the factory builds, computed directly; and, for ReLU with zero biases, that
doubling every weight multiplies layer k's activations by 2^k."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np

from mlp_lib import init
from mlp_lib.activations import ReLU, Tanh
from mlp_lib.layers import Linear, Sequential
from mlp_lib.widgets.initialization import init_explorer

X = np.random.default_rng(0).normal(size=(50, 5))


def build(activation, initializer, depth=3, width=8):
    layers = []
    for i in range(depth):
        n_in = X.shape[1] if i == 0 else width
        layers += [Linear(n_in, width, init=initializer, rng=i), activation()]
    return Sequential(*layers)


def lines():
    """(forward, backward) stds the figure shows, first layer first."""
    ax0, ax1 = plt.gcf().axes
    return ax0.get_lines()[0].get_ydata(), ax1.get_lines()[0].get_ydata()


def test_init_explorer_controls_and_first_figure():
    widget = init_explorer(build, X, activation="tanh", init="xavier_normal")
    activation, initializer, gain = widget.children[:3]
    assert list(activation.options) == ["sigmoid", "tanh", "ReLU"]
    assert list(initializer.options) == ["normal", "xavier_normal", "he_normal"]
    assert isinstance(gain, widgets.FloatLogSlider) and not gain.continuous_update
    assert plt.gcf().axes[0].get_title() == "tanh, xavier_normal × 1.00: forward"
    forward, backward = lines()
    assert len(forward) == len(backward) == 3


def test_init_explorer_shows_the_stds_of_the_built_network():
    init_explorer(build, X, activation="tanh", init="he_normal", gain=0.5, seed=4)
    net = build(Tanh, lambda n_in, n_out, rng: 0.5 * init.he_normal(n_in, n_out, rng))
    a, forward = X, []
    for layer in net:
        a = layer(a)
        if not isinstance(layer, Linear):
            forward.append(a.std())
    grad, backward = np.random.default_rng(4).normal(size=a.shape), []
    for layer in reversed(net.layers):
        grad = layer.backward(grad)
        if isinstance(layer, Linear):
            backward.insert(0, grad.std())  # ∂L/∂(the Linear's input)
    shown_forward, shown_backward = lines()
    np.testing.assert_allclose(shown_forward, forward, rtol=1e-12)
    np.testing.assert_allclose(shown_backward, backward, rtol=1e-12)


def test_the_gain_multiplies_every_weight():
    init_explorer(build, X, activation="ReLU", init="he_normal", gain=1.0)
    base, _ = lines()
    init_explorer(build, X, activation="ReLU", init="he_normal", gain=2.0)
    doubled, _ = lines()
    np.testing.assert_allclose(doubled / base, [2.0, 4.0, 8.0], rtol=1e-12)


def test_init_explorer_passes_the_activation_class():
    seen = []

    def recording_build(activation, initializer):
        seen.append(activation)
        return build(activation, initializer)

    init_explorer(recording_build, X, activation="ReLU")
    assert seen == [ReLU]


def test_the_page_offers_every_activation_and_initializer_at_the_first_gain():
    controls = init_explorer(build, X, gain=1.0).page_controls()
    assert [len(c.values) for c in controls] == [3, 3, 1]

"""backprop_explorer (chapter 3). Oracle: fit and predict_classes of mlp_lib.train, called directly."""

import functools

import matplotlib.pyplot as plt
import numpy as np

from mlp_lib import init
from mlp_lib.activations import Sigmoid
from mlp_lib.data import make_xor
from mlp_lib.layers import Linear, Sequential
from mlp_lib.losses import MSE
from mlp_lib.optim import SGD
from mlp_lib.train import fit, predict_classes
from mlp_lib.widgets import backprop_explorer


def test_backprop_explorer_sliders_and_first_figure():
    X, y = make_xor()
    widget = backprop_explorer(
        X, y, learning_rates=(1.0, 3.0), widths=(2, 4), epochs=40, every=20
    )
    sliders = widget.children[:3]
    assert [s.description for s in sliders] == [
        "learning rate",
        "hidden width",
        "epoch",
    ]
    assert not any(s.continuous_update for s in sliders)
    assert (
        list(sliders[0].options) == [1.0, 3.0]
        and sliders[2].max == 40
        and sliders[2].step == 20
    )
    ax0, ax1 = plt.gcf().axes[:2]
    assert ax0.get_title().startswith("epoch 40: training accuracy")
    assert len(ax1.get_lines()[0].get_xdata()) == 40  # the whole learning curve


def test_backprop_explorer_shows_the_run_it_names():
    """The accuracy in the title at the last epoch is the one of the same run trained directly."""
    X, y = make_xor()
    weights = functools.partial(init.normal, std=1.0)
    rng = np.random.default_rng(3)
    model = Sequential(
        Linear(2, 4, init=weights, rng=rng),
        Sigmoid(),
        Linear(4, 4, init=weights, rng=rng),
        Sigmoid(),
        Linear(4, 1, init=weights, rng=rng),
        Sigmoid(),
    )
    history = fit(
        model, MSE(), SGD(model.parameters(), lr=3.0), X, y.reshape(-1, 1), epochs=60
    )
    accuracy = np.mean(predict_classes(model, X) == y)
    backprop_explorer(
        X, y, learning_rates=(3.0,), widths=(4,), epochs=60, every=30, seed=3
    )
    ax0, ax1 = plt.gcf().axes[:2]
    assert ax0.get_title() == f"epoch 60: training accuracy {accuracy:.0%}"
    np.testing.assert_allclose(ax1.get_lines()[0].get_ydata(), history.loss)


def test_backprop_explorer_first_setting_and_fixed_loss_axis():
    X, y = make_xor()
    widget = backprop_explorer(
        X,
        y,
        learning_rates=(1.0, 3.0),
        widths=(2, 4),
        epochs=40,
        every=20,
        learning_rate=3.0,
        width=2,
    )
    assert widget.children[0].value == 3.0 and widget.children[1].value == 2
    ax1 = plt.gcf().axes[1]
    assert ax1.get_title() == "learning rate 3, 2 units per hidden layer"
    low, high = ax1.get_ylim()
    assert high == 1.0 and np.log10(low) == np.floor(np.log10(low))  # whole decades

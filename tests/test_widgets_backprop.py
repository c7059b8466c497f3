"""backprop_explorer (chapter 3). Oracle: the same network trained directly with fit
and predict_classes of mlp_lib.train."""

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
from mlp_lib.widgets.backprop import backprop_explorer

X, Y = make_xor()


def build(width, seed):
    """2-width-width-1 sigmoid network with N(0, 1) weights, like chapter 3's lab."""
    weights = functools.partial(init.normal, std=1.0)
    rng = np.random.default_rng(seed)
    return Sequential(
        Linear(2, width, init=weights, rng=rng),
        Sigmoid(),
        Linear(width, width, init=weights, rng=rng),
        Sigmoid(),
        Linear(width, 1, init=weights, rng=rng),
        Sigmoid(),
    )


def test_backprop_explorer_sliders_and_first_figure():
    widget = backprop_explorer(
        build, X, Y, learning_rates=(1.0, 3.0), widths=(2, 4), epochs=40, every=20
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
    """The accuracy in the title at the last epoch is the one of the same run trained
    directly, from the network the factory builds with the explorer's seed."""
    model = build(4, seed=3)
    history = fit(
        model, MSE(), SGD(model.parameters(), lr=3.0), X, Y.reshape(-1, 1), epochs=60
    )
    accuracy = np.mean(predict_classes(model, X) == Y)
    backprop_explorer(
        build, X, Y, learning_rates=(3.0,), widths=(4,), epochs=60, every=30, seed=3
    )
    ax0, ax1 = plt.gcf().axes[:2]
    assert ax0.get_title() == f"epoch 60: training accuracy {accuracy:.0%}"
    np.testing.assert_allclose(ax1.get_lines()[0].get_ydata(), history.loss)


def test_backprop_explorer_builds_one_network_per_setting():
    built = []

    def recording_build(width, seed):
        built.append((width, seed))
        return build(width, seed)

    backprop_explorer(
        recording_build,
        X,
        Y,
        learning_rates=(1.0, 3.0),
        widths=(2, 4),
        epochs=20,
        every=20,
        seed=7,
    )
    assert sorted(built) == [(2, 7), (2, 7), (4, 7), (4, 7)]


def test_backprop_explorer_first_setting_and_fixed_loss_axis():
    widget = backprop_explorer(
        build,
        X,
        Y,
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


def test_the_page_offers_every_run_at_its_last_epoch():
    widget = backprop_explorer(
        build, X, Y, learning_rates=(1.0, 3.0), widths=(2, 4), epochs=40, every=20
    )
    assert [c.values for c in widget.page_controls()] == [[1.0, 3.0], [2, 4], [40]]

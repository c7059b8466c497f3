"""Plots. Oracle: the module's contract — importing it leaves matplotlib's rcParams untouched,
use_book_style() changes them, and every plot function returns Axes with axis labels set."""

import subprocess
import sys

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from mlp_lib import plots
from mlp_lib.data import make_linear
from mlp_lib.functional import sigmoid, sigmoid_grad


def test_importing_changes_no_style():
    # A fresh interpreter, since this test session has imported mlp_lib.plots already.
    code = (
        "import matplotlib; matplotlib.use('Agg'); before = dict(matplotlib.rcParams); "
        "import mlp_lib, mlp_lib.plots, mlp_lib.widgets; assert dict(matplotlib.rcParams) == before"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_use_book_style_changes_the_style():
    with matplotlib.rc_context():
        plots.use_book_style()
        assert matplotlib.rcParams["axes.grid"] is True
        assert list(matplotlib.rcParams["figure.figsize"]) == [6, 4]
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"] == plots.COLORS


def labelled(ax):
    return isinstance(ax, plt.Axes) and ax.get_xlabel() and ax.get_ylabel()


def test_plot_functions_return_labelled_axes():
    X, y = make_linear(40, rng=0)
    x = np.linspace(-4, 4, 50)
    assert labelled(plots.scatter_classes(X, y))
    assert labelled(
        plots.plot_decision_boundary(
            lambda G: (G[:, 0] < G[:, 1]).astype(int),
            X,
            y,
            resolution=30,
            title="diagonal",
        )
    )
    assert labelled(
        plots.plot_learning_curves(
            {"loss": [1.0, 0.5], "val_loss": [1.2, 0.8]}, logy=True
        )
    )
    assert labelled(plots.plot_learning_curves([3.0, 2.0, 1.0]))
    assert labelled(plots.plot_function_and_derivative(sigmoid, sigmoid_grad, x, "σ"))


def test_plots_draw_on_a_given_axes_with_a_legend():
    _, ax = plt.subplots()
    X, y = make_linear(20, rng=0)
    assert plots.scatter_classes(X, y, ax=ax) is ax
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]


def test_neuron_explorer_draws_a_first_figure():
    from mlp_lib.widgets import neuron_explorer

    X, y = make_linear(20, rng=0)
    widget = neuron_explorer(X, y)
    assert [child.description for child in widget.children[:3]] == ["w₁", "w₂", "b"]
    assert not widget.children[0].continuous_update
    assert (
        "accuracy" in plt.gcf().axes[0].get_title()
    )  # drawn on creation, without an error

"""Plots. Oracles: use_book_style() changes the style; every plot function returns Axes
with axis labels set; plot_log_band's line and band are the geometric mean and ± one
geometric standard deviation, computed by hand for samples 1 and 100 (mean 10, band
1..100). That importing the module changes no style is tested in test_package.py."""

import matplotlib
import matplotlib.pyplot as plt
import numpy as np

from mlp_lib import plots
from mlp_lib.data import make_linear
from mlp_lib.functional import sigmoid, sigmoid_grad
from mlp_lib.surfaces import elongated_quadratic


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
        plots.plot_trajectories(elongated_quadratic(), {"SGD": np.zeros((3, 2))})
    )
    assert labelled(plots.plot_function_and_derivative(sigmoid, sigmoid_grad, x, "σ"))


def test_plots_draw_on_a_given_axes_with_a_legend():
    _, ax = plt.subplots()
    X, y = make_linear(20, rng=0)
    assert plots.scatter_classes(X, y, ax=ax) is ax
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["class 0", "class 1"]


def test_log_band_line_is_the_geometric_mean_and_band_one_geometric_std():
    ax = plots.plot_log_band([[1.0, 10.0], [100.0, 10.0]], label="runs")
    line = ax.get_lines()[0]
    np.testing.assert_allclose(line.get_xdata(), [1, 2])
    np.testing.assert_allclose(line.get_ydata(), [10.0, 10.0])
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    np.testing.assert_allclose([band.min(), band.max()], [1.0, 100.0])
    assert ax.get_yscale() == "log"
    assert ax.get_legend().get_texts()[0].get_text() == "runs"

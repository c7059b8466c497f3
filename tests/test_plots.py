"""Plots. Oracles: use_book_style() changes the style; every plot function returns Axes
with axis labels set; plot_log_band's line and band are the geometric mean and ± one
geometric standard deviation, computed by hand for samples 1 and 100 (mean 10, band
1..100); a saved house figure is FIGURE_WIDTH * FIGURE_DPI pixels wide (read back from
the PNG); no font size in the style, the notebooks or the widgets is below
SMALLEST_FONT_PT (read from their source). That importing the module changes no style
is tested in test_package.py."""

import io
import json
import re
from pathlib import Path

import IPython
import matplotlib
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib_inline.config import InlineBackend
from PIL import Image

from mlp_lib import plots
from mlp_lib.data import make_linear
from mlp_lib.functional import sigmoid, sigmoid_grad
from mlp_lib.surfaces import elongated_quadratic


def test_use_book_style_changes_the_style():
    with matplotlib.rc_context():
        plots.use_book_style()
        assert matplotlib.rcParams["axes.grid"] is True
        assert list(matplotlib.rcParams["figure.figsize"]) == [plots.FIGURE_WIDTH, 4]
        assert matplotlib.rcParams["figure.dpi"] == plots.FIGURE_DPI
        assert matplotlib.rcParams["axes.prop_cycle"].by_key()["color"] == plots.COLORS


@pytest.mark.parametrize("rows", [1, 2, 4])
def test_a_house_figure_is_the_house_width_at_any_height(rows):
    with matplotlib.rc_context():
        plots.use_book_style()
        assert plots.figsize(rows) == (plots.FIGURE_WIDTH, rows * plots.ROW_HEIGHT)
        fig, axes = plt.subplots(rows, 3, figsize=plots.figsize(rows))
        for ax in axes.flat:
            ax.plot([0, 1e6], [0, 1], label="a legend entry")
            ax.set(xlabel="a long x label (units)", ylabel="y label", title="a title")
            ax.legend()
        png = io.BytesIO()
        fig.savefig(png, format="png")
        plt.close(fig)
    width, height = Image.open(png).size
    assert (width, height) == (
        round(plots.FIGURE_WIDTH * plots.FIGURE_DPI),
        round(rows * plots.ROW_HEIGHT * plots.FIGURE_DPI),
    ), f"PNG of a {rows}x3 figure"


def test_figsize_refuses_no_rows_or_no_height():
    with pytest.raises(ValueError, match="rows >= 1"):
        plots.figsize(0)
    with pytest.raises(ValueError, match="row_height > 0"):
        plots.figsize(1, row_height=-1.0)


def test_in_ipython_inline_figures_are_not_cropped(monkeypatch):
    # the inline backend crops a figure to its contents unless told not to
    config = InlineBackend.instance()
    monkeypatch.setitem(config.print_figure_kwargs, "bbox_inches", "tight")
    monkeypatch.setattr(IPython, "get_ipython", lambda: object())
    with matplotlib.rc_context():
        plots.use_book_style()
    assert config.print_figure_kwargs["bbox_inches"] is None


ROOT = Path(__file__).resolve().parent.parent
# a literal font size: fontsize=8, labelsize=7.5, "legend.fontsize": 9, prop={"size": 6}
FONT_SIZE = re.compile(
    r"""(?:fontsize|labelsize|titlesize|["']size["'])["']?\s*[=:]\s*([\d.]+)"""
)
RELATIVE_SMALL = re.compile(r"""["'](?:xx?-small|smaller)["']""")


def figure_sources():
    yield "mlp_lib/plots.py", (ROOT / "mlp_lib/plots.py").read_text()
    for path in sorted((ROOT / "mlp_lib/widgets").glob("*.py")):
        yield path.relative_to(ROOT).as_posix(), path.read_text()
    for path in sorted((ROOT / "book").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(path.read_text())["cells"]):
            if cell["cell_type"] == "code":
                yield f"{path.name} cell {i}", "".join(cell["source"])


def test_no_figure_text_is_smaller_than_the_house_minimum():
    # check_site computes the smallest text on the page from SMALLEST_FONT_PT
    styled = [
        v for k, v in plots.BOOK_STYLE.items() if k.endswith(("size", "fontsize"))
    ]
    assert min(v for v in styled if isinstance(v, int | float)) >= (
        plots.SMALLEST_FONT_PT
    )
    too_small = [
        f"{where}: {match.group(0)}"
        for where, source in figure_sources()
        for match in FONT_SIZE.finditer(source)
        if "markersize" not in source[max(0, match.start() - 6) : match.end()]
        and "capsize" not in source[max(0, match.start() - 3) : match.end()]
        and float(match.group(1)) < plots.SMALLEST_FONT_PT
    ] + [
        f"{where}: {match.group(0)}"
        for where, source in figure_sources()
        for match in RELATIVE_SMALL.finditer(source)
    ]
    assert not too_small, f"font sizes below {plots.SMALLEST_FONT_PT} pt: {too_small}"


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

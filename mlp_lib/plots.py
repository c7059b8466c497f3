"""The book's plots, in one style. Importing this module changes nothing;
``use_book_style()`` does.

Every function draws on ``ax`` (a new figure if None), sets labels and legend, returns
the Axes and never calls ``plt.show()``.
"""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from cycler import cycler

# Okabe–Ito colours, distinguishable with the common colour-vision deficiencies.
COLORS = [
    "#0072B2",
    "#D55E00",
    "#009E73",
    "#E69F00",
    "#CC79A7",
    "#56B4E9",
    "#F0E442",
    "#000000",
]
# Classes also differ by marker, so plots stay readable in greyscale.
MARKERS = ["o", "s", "^", "D", "v", "P", "X", "*"]
# The house figure: every figure in the book is FIGURE_WIDTH inches wide at FIGURE_DPI,
# so every PNG is FIGURE_WIDTH * FIGURE_DPI pixels wide and scaled alike on the page.
# At the theme's 688 CSS px content width (1280 px window) one point of text is
# 688 / (72 * FIGURE_WIDTH) = 1.37 px, so SMALLEST_FONT_PT shows at 10.9 px. 150 dpi
# keeps a figure sharp on a phone (358 CSS px at 3 device pixels per px = 1074 pixels).
FIGURE_WIDTH = 7.0
FIGURE_DPI = 150
ROW_HEIGHT = 3.2  # inches per row of panels (figsize)
# No text in a figure is smaller than this (tick labels, legends, annotations);
# tests/test_plots.py checks the notebooks and widgets set nothing smaller.
SMALLEST_FONT_PT = 8
BOOK_STYLE = {
    "figure.figsize": (FIGURE_WIDTH, 4.0),
    "figure.dpi": FIGURE_DPI,
    "savefig.dpi": FIGURE_DPI,
    # Constrained layout fits labels and legends inside the figure, whose size is then
    # the PNG's size (use_book_style() stops the notebook from cropping it).
    "figure.constrained_layout.use": True,
    "font.size": 10,
    "axes.titlesize": 10,
    "axes.labelsize": 10,
    "xtick.labelsize": 9,
    "ytick.labelsize": 9,
    "legend.fontsize": 9,
    "legend.title_fontsize": 9,
    "figure.titlesize": 11,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.prop_cycle": cycler(color=COLORS),
    "image.cmap": "viridis",
}


def use_book_style():
    """Apply the book's matplotlib style (figure size and resolution, fonts, grid,
    colour-blind-safe colours). In IPython, inline figures are also shown at their full
    size: the inline backend crops them to their contents by default, which would make
    every PNG a different width."""
    mpl.rcParams.update(BOOK_STYLE)
    try:
        from IPython import get_ipython
        from IPython.core.pylabtools import select_figure_formats
        from matplotlib_inline.config import InlineBackend
    except ImportError:  # plain Python: savefig keeps the size anyway
        return
    shell = get_ipython()
    if shell is None:
        return
    config = InlineBackend.instance()
    # In place (assigning calls a deprecated traitlets hook); the backend reads it when
    # it starts, and formatters it already registered are replaced.
    config.print_figure_kwargs.update(bbox_inches=None)
    if mpl.get_backend().endswith("inline"):
        select_figure_formats(
            shell, config.figure_formats, **config.print_figure_kwargs
        )


def figsize(rows=1, row_height=ROW_HEIGHT):
    """(width, height) in inches of a house-width figure with ``rows`` rows of panels,
    each ``row_height`` inches tall."""
    if rows < 1 or row_height <= 0:
        raise ValueError(
            f"figsize needs rows >= 1 and row_height > 0, got {rows}, {row_height}"
        )
    return (FIGURE_WIDTH, rows * row_height)


def _axes(ax):
    return plt.subplots()[1] if ax is None else ax


def scatter_classes(X, y, ax=None):
    """Scatter 2-D points X (n, 2) with one colour and marker per label in y (n,)."""
    ax = _axes(ax)
    X, y = np.asarray(X), np.asarray(y)
    for i, label in enumerate(np.unique(y)):
        points = X[y == label]
        ax.scatter(
            points[:, 0],
            points[:, 1],
            color=COLORS[i % len(COLORS)],
            marker=MARKERS[i % len(MARKERS)],
            edgecolor="white",
            linewidth=0.5,
            label=f"class {label}",
        )
    ax.set(xlabel="$x_1$", ylabel="$x_2$")
    ax.legend(loc="best")
    return ax


def plot_decision_boundary(predict_fn, X, y, ax=None, resolution=200, title=None):
    """Regions where ``predict_fn`` (an (m, 2) array -> m class labels) predicts each
    class, with the points X (n, 2) and labels y (n,) on top. The grid covers X with a
    10% margin."""
    ax = _axes(ax)
    X = np.asarray(X, dtype=np.float64)
    low, high = X.min(axis=0), X.max(axis=0)
    margin = 0.1 * np.maximum(high - low, 1e-9)
    g1, g2 = (
        np.linspace(lo - m, hi + m, resolution) for lo, hi, m in zip(low, high, margin)
    )
    G1, G2 = np.meshgrid(g1, g2)
    labels = np.asarray(predict_fn(np.column_stack([G1.ravel(), G2.ravel()]))).reshape(
        G1.shape
    )
    k = int(max(labels.max(), np.max(y))) + 1
    ax.contourf(
        G1, G2, labels, levels=np.arange(k + 1) - 0.5, colors=COLORS[:k], alpha=0.2
    )
    scatter_classes(X, y, ax)
    ax.set_title(title or "decision regions")
    return ax


def plot_function_and_derivative(f, df, x, name, ax=None):
    """Plot f(x) and its derivative df(x) over the points x (1-D) as two lines;
    ``name`` labels f."""
    ax = _axes(ax)
    ax.plot(x, f(x), label=f"{name}(z)")
    ax.plot(x, df(x), linestyle="--", label=f"{name}'(z)")
    ax.set(xlabel="$z$", ylabel="value", title=f"{name} and its derivative")
    ax.legend()
    return ax


def plot_log_band(samples, x=None, ax=None, label=None, color=None):
    """Positive ``samples`` (n_runs, n_points) on a log y-axis: the geometric mean over
    runs as a line and a band from mean/s to mean·s, where s = exp(std of log samples)
    is the geometric standard deviation.

    On a log axis the spread of quantities that vary over orders of magnitude is
    symmetric in log space, so the band is computed there. ``x`` defaults to
    1..n_points.
    """
    ax = _axes(ax)
    logs = np.log(np.asarray(samples, dtype=np.float64))
    x = np.arange(1, logs.shape[1] + 1) if x is None else np.asarray(x)
    mean, std = logs.mean(axis=0), logs.std(axis=0)
    (line,) = ax.plot(
        x, np.exp(mean), marker="o", markersize=3, label=label, color=color
    )
    ax.fill_between(
        x,
        np.exp(mean - std),
        np.exp(mean + std),
        color=line.get_color(),
        alpha=0.25,
        linewidth=0,
    )
    ax.set_yscale("log")
    if label is not None:
        ax.legend()
    return ax


def plot_trajectories(
    surface, paths, ax=None, extent=(-1.5, 1.5, -1.5, 1.5), levels=20
):
    """Contour lines of ``surface`` (mlp_lib.surfaces) over ``extent`` (w₁ min, max,
    w₂ min, max) and one line per optimizer path in ``paths`` (dict label -> array
    (steps, 2)); the minimum is a star."""
    ax = _axes(ax)
    w1, w2 = np.meshgrid(np.linspace(*extent[:2], 300), np.linspace(*extent[2:], 300))
    values = surface.f(np.stack([w1, w2], axis=-1))
    # log-spaced levels show both the steep walls and the flat valley floor
    low = max(values.min(), 1e-3 * values.max(), 1e-6)
    ax.contour(
        w1,
        w2,
        values - values.min() + low,
        levels=np.geomspace(low, values.max(), levels),
        colors="grey",
        linewidths=0.6,
        alpha=0.6,
    )
    for i, (label, path) in enumerate(paths.items()):
        ax.plot(
            path[:, 0],
            path[:, 1],
            marker=".",
            markersize=3,
            linewidth=1.2,
            color=COLORS[i % len(COLORS)],
            label=label,
        )
    if np.isfinite(surface.minimum).all():
        ax.plot(
            *surface.minimum,
            marker="*",
            markersize=14,
            color="black",
            linestyle="none",
            label="minimum",
        )
    ax.set(
        xlim=extent[:2],
        ylim=extent[2:],
        xlabel="$w_1$",
        ylabel="$w_2$",
        title=surface.name,
    )
    ax.legend(loc="best", fontsize=9)
    return ax

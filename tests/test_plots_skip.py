"""plot_log_band (chapter 7). Oracle: geometric mean and geometric standard deviation computed by hand
for samples 1 and 100 (mean 10, band 1..100)."""

import matplotlib.pyplot as plt
import numpy as np

from mlp_lib.plots import plot_log_band


def test_log_band_line_is_the_geometric_mean_and_band_one_geometric_std():
    ax = plot_log_band([[1.0, 10.0], [100.0, 10.0]], label="runs")
    line = ax.get_lines()[0]
    np.testing.assert_allclose(line.get_xdata(), [1, 2])
    np.testing.assert_allclose(line.get_ydata(), [10.0, 10.0])
    band = ax.collections[0].get_paths()[0].vertices[:, 1]
    np.testing.assert_allclose([band.min(), band.max()], [1.0, 100.0])
    assert (
        ax.get_yscale() == "log" and ax.get_legend().get_texts()[0].get_text() == "runs"
    )
    plt.close("all")

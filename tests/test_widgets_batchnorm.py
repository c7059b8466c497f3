"""batchnorm_explorer (chapter 6). Oracle: facts of batch normalization worked out by
hand: the outputs of a batch have mean β and standard deviation γ (up to eps); a batch
of two is mapped to β ± γ, so with γ = 1, β = 0 both points sit where the sigmoid's
slope is σ(1)(1 − σ(1)) = 0.1966."""

import math

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlp_lib.widgets.batchnorm import batchnorm_explorer

VALUES = 20 + 10 * np.random.default_rng(0).standard_normal(300)


def test_first_figure_shows_outputs_with_mean_beta_and_std_gamma():
    widget = batchnorm_explorer(VALUES, gamma=2.0, beta=1.0, batch_size=32)
    gamma, beta, size = widget.children[:3]
    assert (gamma.description, beta.description, size.description) == (
        "γ",
        "β",
        "batch size",
    )
    assert (
        not gamma.continuous_update
        and not beta.continuous_update
        and not size.continuous_update
    )
    assert isinstance(size, widgets.SelectionSlider) and size.options == (
        2,
        4,
        8,
        16,
        32,
        64,
        128,
        256,
    )
    ax_in, ax_out, ax_sig = plt.gcf().axes
    assert "batch of 32" in ax_in.get_title()
    assert "mean 1.00, std 2.00" in ax_out.get_title()
    assert sum(patch.get_height() for patch in ax_out.patches) == 32


def test_a_batch_of_two_becomes_beta_plus_or_minus_gamma():
    batchnorm_explorer(VALUES, batch_size=2)
    ax_sig = plt.gcf().axes[2]
    points = [line for line in ax_sig.get_lines() if line.get_marker() == "o"][0]
    assert sorted(points.get_xdata()) == pytest.approx([-1.0, 1.0], abs=1e-6)
    slope = 1 / (1 + math.exp(-1)) * (1 - 1 / (1 + math.exp(-1)))
    assert f"{slope:.3f}" in ax_sig.get_title()


def test_bad_batch_sizes_are_refused():
    with pytest.raises(ValueError, match="batch_size must be one of"):
        batchnorm_explorer(VALUES, batch_size=3)
    with pytest.raises(ValueError, match="at least 2"):
        batchnorm_explorer([1.0])


def test_the_page_offers_twelve_settings():
    controls = batchnorm_explorer(VALUES, gamma=1.0, beta=0.0).page_controls()
    assert [c.values for c in controls] == [[1, 3], [0, 2], [2, 32, 256]]

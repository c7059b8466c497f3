"""regularization_explorer (chapter 12). Oracle: a hand-made grid whose weight
histograms, zero fractions and accuracies are known (e.g. weights [0, 0, 0.5, -0.5] have
50 % with |w| < 1e-3)."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlp_lib.widgets.regularization import regularization_explorer


def grid():
    def result(w, train, val):
        return {"weights": np.array(w), "train_accuracy": train, "val_accuracy": val}

    return {
        "L1": {
            0: result([0.1, -0.2, 0.5, -0.5], 1.0, 0.8),
            1e-3: result([0.0, 0.0, 0.5, -0.5], 0.9, 0.85),
            1e-2: result([0.0, 0.0, 0.0, 0.4], 0.5, 0.5),
        },
        "L2": {
            0: result([0.1, -0.2, 0.5, -0.5], 1.0, 0.8),
            1e-3: result([0.05, -0.1, 0.3, -0.3], 0.95, 0.82),
            1e-2: result([0.01, -0.02, 0.1, -0.1], 0.7, 0.7),
        },
    }


def test_controls_and_first_figure():
    widget = regularization_explorer(grid(), kind="L1", lam=1e-3)
    toggle, slider = widget.children[:2]
    assert isinstance(toggle, widgets.ToggleButtons) and toggle.value == "L1"
    assert isinstance(slider, widgets.SelectionSlider) and not slider.continuous_update
    assert slider.value == 1e-3
    ax0, ax1 = plt.gcf().axes
    assert "50% of |w| < 0.001" in ax0.get_title()
    assert sum(patch.get_height() for patch in ax0.patches) == 4
    lines = [line for line in ax1.get_lines() if line.get_marker() == "o"]
    assert [list(line.get_ydata()) for line in lines] == [[0.9, 0.5], [0.85, 0.5]]


def test_l2_and_default_lambda():
    regularization_explorer(grid(), kind="L2")
    ax0 = plt.gcf().axes[0]
    assert "L2, λ = 0.001: 0% of |w|" in ax0.get_title()


def test_grids_with_different_lambdas_are_refused():
    bad = grid()
    del bad["L2"][1e-2]
    with pytest.raises(ValueError, match="same λ values"):
        regularization_explorer(bad)


def test_the_page_offers_every_penalty_and_lambda():
    kind, lam = regularization_explorer(grid(), kind="L1", lam=1e-3).page_controls()
    assert kind.values == ["L1", "L2"] and lam.values == [0, 1e-3, 1e-2]
    assert lam.texts == ["0", "0.001", "0.01"] and lam.first == 1

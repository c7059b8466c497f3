"""optimizer_explorer (chapter 10). Oracle: on f(w) = ½(w₁² + 20 w₂²) plain gradient
descent has the closed-form path w_t = (1 − η diag(1, 20))^t w₀."""

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlp_lib.surfaces import elongated_quadratic
from mlp_lib.widgets.optimizers import optimizer_explorer


def test_optimizer_explorer_controls_and_first_figure():
    widget = optimizer_explorer(elongated_quadratic(), steps=30, lr=0.02, beta=0.8)
    lr, beta = widget.children[:2]
    assert isinstance(lr, widgets.FloatLogSlider) and lr.description == "η"
    assert isinstance(beta, widgets.FloatSlider) and beta.description == "β"
    assert not lr.continuous_update and not beta.continuous_update
    assert lr.value == pytest.approx(0.02) and beta.value == pytest.approx(0.8)
    ax = plt.gcf().axes[0]
    assert ax.get_title() == "quadratic a=1, b=20: 30 steps, η = 0.02"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == [
        "SGD",
        "SGD + momentum β=0.80",
        "RMSProp",
        "Adam β₁=0.80",
        "minimum",
    ]


def test_the_sgd_path_is_the_closed_form_one():
    start = np.array([-1.2, 1.0])
    optimizer_explorer(elongated_quadratic(), start=start, steps=30, lr=0.02)
    sgd = plt.gcf().axes[0].get_lines()[0]
    expected = start * (1 - 0.02 * np.array([1.0, 20.0])) ** np.arange(31)[:, None]
    np.testing.assert_allclose(sgd.get_xdata(), expected[:, 0], rtol=1e-12)
    np.testing.assert_allclose(sgd.get_ydata(), expected[:, 1], rtol=1e-12)


def test_the_page_offers_learning_rates_around_the_stability_limit():
    # plain gradient descent on b = 20 diverges for η > 2/20 = 0.1
    widget = optimizer_explorer(elongated_quadratic(), lr=0.02, beta=0.8)
    lr, beta = widget.page_controls()
    assert lr.values == [0.02, 0.05, 0.09, 0.11, 0.5] and lr.first == 0
    assert beta.values == [0, 0.8, 0.99] and beta.texts[beta.first] == "0.80"

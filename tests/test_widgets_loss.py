"""loss_explorer (chapter 4). Oracle: the closed forms ½(σ(z) − y)²,
(σ(z) − y)σ(z)(1 − σ(z)) and σ(z) − y evaluated by hand at z = 0 (σ = ½) and the
figure's titles."""

import math

import matplotlib.pyplot as plt

from mlp_lib.widgets.loss import loss_explorer


def test_loss_explorer_draws_a_first_figure_with_both_gradients():
    widget = loss_explorer(z=0.0, y=1)
    z_slider, y_slider = widget.children[:2]
    assert (z_slider.description, y_slider.description) == ("z", "label y")
    assert not z_slider.continuous_update and not y_slider.continuous_update
    loss_ax, grad_ax = plt.gcf().axes
    assert "ŷ = σ(z) = 0.5000, y = 1" in loss_ax.get_title()
    # at z = 0, y = 1: SSE gradient (½ − 1)·½·½ = −0.125, cross-entropy ½ − 1 = −0.5
    assert "SSE -0.1250, CE -0.5000" in grad_ax.get_title()
    assert [t.get_text() for t in grad_ax.get_legend().get_texts()] == [
        "SSE",
        "cross-entropy",
    ]


def test_loss_explorer_marks_the_losses_at_z():
    loss_explorer(z=2.0, y=0)
    loss_ax = plt.gcf().axes[0]
    dots = [line for line in loss_ax.get_lines() if line.get_marker() == "o"]
    sse_dot, ce_dot = (float(line.get_ydata()[0]) for line in dots)
    s = 1 / (1 + math.exp(-2.0))
    assert abs(sse_dot - 0.5 * s**2) < 1e-9
    assert abs(ce_dot - -math.log(1 - s)) < 1e-9


def test_the_page_offers_seven_values_of_z_for_both_labels():
    controls = loss_explorer(z=-4.0, y=1).page_controls()
    assert [c.values for c in controls] == [[-8, -4, -2, 0, 2, 4, 8], [0, 1]]
    assert controls[0].texts[controls[0].first] == "-4.00"

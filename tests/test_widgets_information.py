"""The information explorer of chapter 8. Oracle: the widget contract (two sliders that
redraw on release, a first figure drawn on creation) and values written by hand: for
Q = P = (½, ½) the entropy and cross-entropy are 1 bit and both divergences 0;
Q = (¼, ¾), P = (½, ½) gives H(Q, P) = 1 bit and D(Q‖P) = 1 − H(Q) with
H(Q) = 2 − ¾ log₂ 3."""

import matplotlib.pyplot as plt
import numpy as np

from mlp_lib.widgets.information import information_explorer


def bar_labels(ax):
    return [t.get_text() for t in ax.texts]


def test_information_explorer_draws_a_first_figure():
    widget = information_explorer(q=0.5, p=0.5)
    sliders = widget.children[:2]
    assert [s.description for s in sliders] == ["Q(outcome 1)", "P(outcome 1)"]
    assert all(not s.continuous_update and 0 < s.min and s.max < 1 for s in sliders)
    left, right = plt.gcf().axes
    assert left.get_ylabel() == "probability" and right.get_ylabel() == "bits"
    assert bar_labels(right) == ["1.000", "1.000", "0.000", "0.000"]


def test_information_explorer_values_and_units():
    information_explorer(q=0.25, p=0.5)
    h_q = 2 - 0.75 * np.log2(3)
    assert bar_labels(plt.gcf().axes[1])[:3] == [
        f"{h_q:.3f}",
        "1.000",
        f"{1 - h_q:.3f}",
    ]
    information_explorer(q=0.25, p=0.5, base=np.e)
    assert plt.gcf().axes[1].get_ylabel() == "nats"
    assert bar_labels(plt.gcf().axes[1])[1] == f"{np.log(2):.3f}"


def test_the_page_offers_four_probabilities_for_each_coin():
    controls = information_explorer(q=0.3, p=0.6).page_controls()
    assert [c.values for c in controls] == [[0.01, 0.3, 0.5, 0.6]] * 2

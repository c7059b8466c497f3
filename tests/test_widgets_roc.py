"""The threshold explorer of chapter 9. Oracle: the widget contract (a slider that
redraws on release, a first figure drawn on creation) and the confusion matrix counts
written by hand for a tiny example."""

import matplotlib.pyplot as plt
import pytest

from mlp_lib.widgets.roc import threshold_explorer

Y = [0, 0, 1, 1, 0, 1]
SCORES = [0.1, 0.4, 0.35, 0.8, 0.5, 0.5]


def test_threshold_explorer_draws_a_first_figure():
    widget = threshold_explorer(Y, SCORES, threshold=0.5)
    slider = widget.children[0]
    assert slider.description == "threshold" and not slider.continuous_update
    assert (
        slider.min == pytest.approx(0.1) and slider.max > 0.8
    )  # the end where nothing is positive
    hist_ax, roc_ax = plt.gcf().axes
    assert "ROC" in roc_ax.get_title() and hist_ax.get_xlabel() == "score"
    # score ≥ 0.5 is positive: 0.8 and 0.5 (class 1) are TP, 0.5 (class 0) is FP
    assert "TP    2   FN    1\nFP    1   TN    2" in [
        t.get_text() for t in roc_ax.texts
    ]


def test_threshold_explorer_rejects_a_single_class():
    with pytest.raises(ValueError, match="only class"):
        threshold_explorer([1, 1, 1], [0.2, 0.5, 0.9])


def test_the_page_offers_eleven_thresholds_and_the_first_one():
    (control,) = threshold_explorer(Y, SCORES, threshold=0.5).page_controls()
    assert len(control.values) == 12 and control.values[control.first] == 0.5
    assert control.values[0] == pytest.approx(0.1)

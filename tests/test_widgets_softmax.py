"""softmax_temperature_explorer (chapter 5). Oracle: softmax values computed by hand
(equal logits give 1/C each; logits (ln 3, 0) at T = 1 give 3/4, 1/4) and the entropy
log₂ C of the uniform distribution."""

import math

import ipywidgets as widgets
import matplotlib.pyplot as plt
import numpy as np
import pytest

from mlp_lib.widgets.softmax import softmax_temperature_explorer


def _bar_heights():
    return [patch.get_height() for patch in plt.gcf().axes[0].patches]


def test_first_figure_shows_softmax_of_the_logits():
    widget = softmax_temperature_explorer([math.log(3.0), 0.0])
    slider = widget.children[0]
    assert isinstance(slider, widgets.FloatLogSlider) and slider.description == "T"
    assert not slider.continuous_update and slider.value == pytest.approx(1.0)
    assert _bar_heights() == pytest.approx([0.75, 0.25])
    assert "T = 1:" in plt.gcf().axes[0].get_title()


def test_equal_logits_give_the_uniform_distribution_and_maximal_entropy():
    softmax_temperature_explorer([1.0, 1.0, 1.0, 1.0], T=0.1, class_names="abcd")
    assert _bar_heights() == pytest.approx([0.25] * 4)
    assert "entropy 2.000 bits (max 2.000)" in plt.gcf().axes[0].get_title()


def test_low_temperature_is_one_hot_and_wrong_names_are_refused():
    softmax_temperature_explorer([3.0, 1.0, 2.0], T=0.01)
    assert _bar_heights() == pytest.approx([1.0, 0.0, 0.0], abs=1e-12)
    assert "entropy 0.000 bits" in plt.gcf().axes[0].get_title()
    with pytest.raises(ValueError, match="3 logits but 2 class names"):
        softmax_temperature_explorer([3.0, 1.0, 2.0], class_names=["a", "b"])


def test_the_page_offers_temperatures_a_factor_sqrt_10_apart():
    (control,) = softmax_temperature_explorer([1.0, 0.0], T=1.0).page_controls()
    np.testing.assert_allclose(control.values, 10.0 ** np.arange(-2, 2.5, 0.5))
    assert control.texts[control.first] == "1"

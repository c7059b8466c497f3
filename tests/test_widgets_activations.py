"""The activation explorer of chapter 2. Oracle: the widget contract (a dropdown and two
sliders that redraw on release, a first figure drawn on creation) and derivative maxima
known by hand: σ'(0) = 1/4, tanh'(0) = 1, the leaky ReLU's slope 1 for z > 0, ELU's
derivative α e^z ≤ α for z ≤ 0."""

import matplotlib.pyplot as plt
import pytest

from mlp_lib.widgets.activations import activation_explorer


def title():
    return plt.gcf().axes[0].get_title()


def test_activation_explorer_draws_a_first_figure():
    widget = activation_explorer()
    dropdown, parameter, z_max = widget.children[:3]
    assert [c.description for c in (dropdown, parameter, z_max)] == [
        "function",
        "γ or α",
        "z range ±",
    ]
    assert not parameter.continuous_update and not z_max.continuous_update
    assert "ReLU" in dropdown.options and "softplus" in dropdown.options
    assert title().startswith("leaky ReLU (γ = 0.10)")
    assert [line.get_label() for line in plt.gcf().axes[0].get_lines()] == [
        "leaky ReLU(z)",
        "leaky ReLU'(z)",
    ]


@pytest.mark.parametrize(
    "name, parameter, z_max, expected",
    [
        (
            "sigmoid",
            0.1,
            5.0,
            "sigmoid (no parameter)\nlargest f'(z) for |z| ≤ 5: 0.250",
        ),
        ("tanh", 0.1, 3.0, "tanh (no parameter)\nlargest f'(z) for |z| ≤ 3: 1.000"),
        (
            "hard sigmoid",
            0.1,
            5.0,
            "hard sigmoid (no parameter)\nlargest f'(z) for |z| ≤ 5: 0.250",
        ),
        (
            "ELU",
            2.0,
            5.0,
            "ELU (α = 2.00)\nlargest f'(z) for |z| ≤ 5: 2.000",
        ),  # α e^z → α as z → 0⁻
        (
            "step",
            0.1,
            5.0,
            "step (no parameter)\nf'(z) = 0 for z ≠ 0, undefined at z = 0",
        ),
    ],
)
def test_activation_explorer_titles_give_the_largest_derivative(
    name, parameter, z_max, expected
):
    activation_explorer(name, parameter, z_max)
    assert title() == expected


def test_activation_explorer_rejects_an_unknown_name():
    with pytest.raises(ValueError, match="unknown activation 'swish'"):
        activation_explorer("swish")


def test_the_page_offers_every_function_at_two_ranges_and_a_fixed_parameter():
    controls = activation_explorer("ELU", parameter=0.5).page_controls()
    assert [len(c.values) for c in controls] == [11, 1, 2]
    assert controls[1].values == [0.5] and controls[2].values == [5.0, 20.0]
